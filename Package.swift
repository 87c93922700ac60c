// swift-tools-version:6.0
import PackageDescription
import Foundation

// One target per concern, each importing only those before it (see STYLE.md):
// CCmark, CLibYAML, CSystem ← Model ← Markdown ← Content ← Reports ← Rules ← Rendering ← Site ← Preview ← CTGCommands ← ctg
// (Reports comes before Rules: some rules need the phase of a convention.)
// CReferentiel ← Territoires: the territory referential, embedded data and its reader, for
// whichever target needs it (it depends on nothing else).
let package = Package(
    name: "ctg",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ctg", targets: ["ctg"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox.git", exact: "0.27.1"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", exact: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .target(name: "Model"),
        // The referential's bytes, compiled in with #embed (scripts/referentiel.py writes them).
        .target(name: "CReferentiel", exclude: ["referentiel.bin"]),
        .target(name: "Territoires", dependencies: ["CReferentiel"], exclude: ["FORMAT-REFERENTIEL.md"]),
        .target(name: "CSystem"),
        // libyaml from the system, as libcmark: the event parser behind the front matter reader.
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "Markdown", dependencies: ["CCmark", "CSystem", "Model"]),
        // CSV.swift: the RFC 4180 reader of results sheets (`tableur:`), quotes and all;
        // ZIPFoundation: the zip of XLSX and ODS workbooks (their XML read by Foundation's XMLParser).
        .target(name: "Content", dependencies: ["Model", "Markdown", "CLibYAML", .product(name: "CSV", package: "CSV.swift"),
                                                .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "Reports", dependencies: ["Model", "Content"]),
        .target(name: "Rules", dependencies: ["Model", "Content", "Reports", "Territoires"]),
        .target(name: "Rendering", dependencies: [
            "CSystem", "Model", "Markdown", "Content", "Reports", "Rules", "Territoires",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "Site", dependencies: ["CSystem", "Model", "Content", "Rules", "Reports", "Rendering"]),
        // FlyingSocks (FlyingFox's sockets) only: the HTTP server is ctg's own, bounded (LoopbackHTTP.swift).
        .target(name: "Preview", dependencies: ["Site", "Rules", "Reports", .product(name: "FlyingSocks", package: "FlyingFox")]),
        .target(name: "CTGCommands", dependencies: [
            "Site", "Preview", "Rules", "Content", "Reports", "Rendering",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "ctg", dependencies: ["CTGCommands"]),
        .testTarget(name: "CTGTests", dependencies: [
            "CSystem", "Model", "Markdown", "Content", "Rules", "Reports", "Rendering", "Site", "Preview", "CTGCommands",
            "Territoires", "CLibYAML",
            .product(name: "FlyingSocks", package: "FlyingFox"),
        ], exclude: ["Fixtures"]),
    ]
)

// The libFuzzer target (fuzz/ctg-fuzz, its `main` in fuzz/CFuzz), declared only for scripts/fuzz.sh
// (CTG_FUZZ=1): it links only with -sanitize=fuzzer, so an ordinary `swift build` must not see it.
if ProcessInfo.processInfo.environment["CTG_FUZZ"] != nil {
    package.products.append(.executable(name: "ctg-fuzz", targets: ["ctg-fuzz"]))
    package.targets.append(.target(name: "CFuzz", path: "fuzz/CFuzz"))
    package.targets.append(.executableTarget(name: "ctg-fuzz", dependencies: ["Site", "CFuzz"], path: "fuzz/ctg-fuzz"))
}
