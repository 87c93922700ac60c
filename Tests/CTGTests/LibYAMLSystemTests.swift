import CLibYAML
import Foundation
import Testing

/// libyaml comes from the system (Debian's libyaml-dev, through pkg-config), as libcmark does:
/// never a copied header linked against another package's private copy (issue 24, point 11).
@Suite("libyaml from the system")
struct LibYAMLSystemTests {
    @Test("the parser's code is the system's shared libyaml, not a copy linked into ctg")
    func systemLibrary() throws {
        let symbol = unsafeBitCast(yaml_parser_initialize as @convention(c) (UnsafeMutablePointer<yaml_parser_t>?) -> Int32,
                                   to: UInt.self)
        // The mapping of this process that holds the function (Glibc's dladdr needs _GNU_SOURCE).
        // Read to its end (a /proc file has no size for Foundation to go by).
        let maps = String(decoding: try #require(FileHandle(forReadingAtPath: "/proc/self/maps")).readDataToEndOfFile(), as: UTF8.self)
        let object = maps.split(separator: "\n").first { line in
            let range = line.split(separator: " ")[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            return range.count == 2 && range[0] <= symbol && symbol < range[1]
        }.flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) } ?? "?"
        // With Yams' vendored copy the function lived in the test binary itself.
        #expect((object as NSString).lastPathComponent.hasPrefix("libyaml"), "yaml_parser_initialize comes from \(object)")
        #expect(String(cString: yaml_get_version_string()) == "0.2.5")
    }

    @Test("the package names no Yams and carries no copy of yaml.h")
    func noBackDoor() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(!manifest.contains("Yams"))
        #expect(manifest.contains(#"pkgConfig: "yaml-0.1""#))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Sources/CLibYAML/include/yaml.h").path))
    }
}
