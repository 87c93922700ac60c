import Foundation

/// A place in a project file: `file` is relative to the project folder with `/`,
/// `line` and `column` are 1-based in the original file (the opening `---` is line 1).
///
/// Stored in 12 bytes: the file as a number (see `FileName`), line and column as 32-bit
/// integers. Every value read from a front matter carries two of these: with the path as a
/// String they made a third of the project's memory, and each copy retained the String.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var fileName: FileName
    private var line32: Int32
    private var column32: Int32

    public var file: String {
        get { fileName.path }
        set { fileName = FileName(newValue) }
    }
    public var line: Int {
        get { Int(line32) }
        set { line32 = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(column32) }
        set { column32 = Int32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: FileName(file), line: line, column: column)
    }

    public init(file: FileName, line: Int, column: Int) {
        fileName = file
        line32 = Int32(clamping: line)
        column32 = Int32(clamping: column)
    }

    /// Line 1, column 1 of a file: where whole-file findings and absent top-level keys point.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.fileName != b.fileName { return a.file < b.file }
        return (a.line32, a.column32) < (b.line32, b.column32)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A project file's path as a number: each path is given one the first time it is named, for
/// the life of the process (a project has thousands of files at most), so that equal paths
/// have equal numbers.
public struct FileName: Hashable, Sendable {
    let id: UInt32

    public init(_ path: String) { id = FileNames.shared.id(path) }

    public var path: String { FileNames.shared.path(id) }
}

/// The table behind `FileName`, shared by every thread.
/// @unchecked: its variables, `ids` and `paths`, are read and written only under `lock`.
final class FileNames: @unchecked Sendable {
    static let shared = FileNames()
    private let lock = NSLock()
    private var ids: [String: UInt32] = [:]
    private var paths: [String] = []

    func id(_ path: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[path] { return id }
        let id = UInt32(paths.count)
        paths.append(path)
        ids[path] = id
        return id
    }

    func path(_ id: UInt32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return paths[Int(id)]
    }
}

/// A value read from a file, with the place of the value and of the key that holds it
/// (for a list item, both are the item's first line).
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation
    public var keyLocation: SourceLocation

    public init(_ value: Value, at location: SourceLocation, key: SourceLocation? = nil) {
        self.value = value
        self.location = location
        self.keyLocation = key ?? location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
