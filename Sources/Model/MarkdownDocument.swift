/// A link found in Markdown, with the file line it starts on.
public struct MarkdownLink: Sendable, Hashable {
    /// The destination as written (`diagnostic.md#besoins`, `https://…`).
    public var destination: String
    /// File line of the paragraph or block holding the link.
    public var line: Int
    public var isImage: Bool
    /// For a relative link, the placeholder the HTML holds in its place until the
    /// site knows the page URL it leads to (see `MarkdownDocument.resolvingLinks`).
    public var marker: String?

    public init(destination: String, line: Int, isImage: Bool, marker: String?) {
        self.destination = destination
        self.line = line
        self.isImage = isImage
        self.marker = marker
    }

    /// True for a link into the project's files: not `scheme:`, not `//host`, not `#anchor`.
    public var isRelative: Bool { marker != nil }
}

/// A Markdown text rendered to HTML (raw HTML dropped), with its links.
public struct MarkdownDocument: Sendable {
    /// The HTML as UTF-8 bytes, as libcmark writes it (valid UTF-8: libcmark replaces invalid
    /// input): a page takes it as bytes, without the check a String makes of them.
    public var htmlBytes: [UInt8]
    public var links: [MarkdownLink]
    /// Headings of level 2–3 after demotion: (level, id, text), for a table of contents.
    public var headings: [Heading]

    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }

    public init(html: String, links: [MarkdownLink], headings: [Heading]) {
        self.init(htmlBytes: Array(html.utf8), links: links, headings: headings)
    }

    public init(htmlBytes: [UInt8], links: [MarkdownLink], headings: [Heading]) {
        self.htmlBytes = htmlBytes
        self.links = links
        self.headings = headings
    }
}

/// A heading of a Markdown body: level after demotion, its anchor id and its text.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var id: String
    public var text: String
    public init(level: Int, id: String, text: String) {
        self.level = level
        self.id = id
        self.text = text
    }
}
