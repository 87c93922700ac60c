/// A place in a project file: `file` is relative to the project folder with `/`,
/// `line` and `column` are 1-based in the original file (the opening `---` is line 1).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// Line 1, column 1 of a file: where whole-file findings and absent top-level keys point.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    public var description: String { "\(file):\(line):\(column)" }
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
