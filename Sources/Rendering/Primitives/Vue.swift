import Mustache

/// What a template reads: a struct of stored properties whose names are the template's names.
///
/// One view, two readers: `scripts/compile-templates.py` reads the declarations of every
/// `Vue` and compiles the built-in templates to Swift that writes a page from its view
/// (`Generated/Gabarits.swift`); a project's own template gets the same view through
/// swift-mustache, which reads stored properties by reflection. So a view holds stored
/// properties only, of the types both understand: `String`, `Int`, `Bool`, `HTML`, a
/// `Vue`, an `Ecrit`, `Liste<T>`, `[T]` and `T?`. A nil optional lets the lookup go on to the
/// enclosing view, as Mustache does; where an enclosing view has the same name, use a value
/// that is always there (an empty `Liste`) so that it stops (the compiler refuses the case).
protocol Vue {}

/// The view of a whole page: the template it renders (`gabarit`), over the layout's view.
protocol PageVue: Vue {
    static var gabarit: String { get }
    /// The page, compiled from `gabarit` (generated).
    func write(_ h: inout HTMLBuffer, layout: LayoutVue)
}

/// HTML the tool made (a rendered body, a stylesheet rule): `{{{x}}}` writes it as it is.
struct HTML: MustacheCustomRenderable, MustacheParent, Sendable {
    let html: String
    init(_ html: String) { self.html = html }
    var renderText: String { html }
    var isNull: Bool { false }
    func child(named: String) -> Any? { nil }
}

/// A value that writes its own HTML into the page (a chart, a rendered body kept as bytes):
/// the compiled templates call `ecrire`, the interpreter reads `renderText`, the same bytes.
protocol Ecrit: MustacheCustomRenderable, MustacheParent {
    func ecrire(_ h: inout HTMLBuffer)
    /// `{{x}}`: its text, escaped.
    func ecrireEchappe(_ h: inout HTMLBuffer)
}

extension Ecrit {
    func ecrireEchappe(_ h: inout HTMLBuffer) { h.text(renderText) }

    var renderText: String {
        var h = HTMLBuffer(capacity: 4096)
        ecrire(&h)
        return h.out
    }
    var isNull: Bool { false }
    func child(named: String) -> Any? { nil }
}

/// A list that a template opens once around its items: `{{#constats}}<ul>{{#items}}…{{/items}}</ul>{{/constats}}`.
/// Empty, it is false (the `<ul>` is not written) yet found: the lookup of `constats` stops
/// here rather than finding an enclosing view's.
struct Liste<T>: MustacheCustomRenderable, MustacheParent {
    var items: [T]
    init(_ items: [T] = []) { self.items = items }
    var isNull: Bool { items.isEmpty }
    var renderText: String { "" }
    func child(named name: String) -> Any? { name == "items" ? items : nil }
}

extension Liste: Sendable where T: Sendable {}

/// A page's view over the layout's, as one context for the interpreter: a name is looked up
/// in the page's view, then in the layout's, exactly as the compiled templates do.
struct ContextePage: MustacheParent {
    let page: Any
    let layout: LayoutVue

    func child(named name: String) -> Any? {
        Self.stored(name, of: page) ?? Self.stored(name, of: layout)
    }

    /// A stored property by name, an optional unwrapped (nil when nil or absent): what
    /// swift-mustache reads of a struct.
    static func stored(_ name: String, of object: Any) -> Any? {
        guard let value = Mirror(reflecting: object).children.first(where: { $0.label == name })?.value else { return nil }
        let m = Mirror(reflecting: value)
        guard m.displayStyle == .optional else { return value }
        return m.children.first?.value
    }
}

/// An optional value that is found even when it is nil: where an enclosing view has the same
/// name (a finding's `url` inside a group that has one), nil must mean « none », not « the
/// enclosing one ». Templates read it as the value itself.
struct Optionnel<T>: MustacheCustomRenderable, MustacheParent {
    var valeur: T?
    init(_ valeur: T?) { self.valeur = valeur }
    var isNull: Bool { valeur == nil }
    var renderText: String { valeur.map { "\($0)" } ?? "" }
    func child(named name: String) -> Any? { valeur.flatMap { ContextePage.stored(name, of: $0) } }
}

extension Optionnel: Sendable where T: Sendable {}

/// HTML the tool made, kept as bytes (a rendered body): written into the page as it is.
struct Octets: Ecrit {
    let bytes: [UInt8]
    func ecrire(_ h: inout HTMLBuffer) { h.append(contentsOf: bytes) }
}

/// The bytes a view's block was written as, for the next page of the same job that writes
/// the same view (a dashboard and its dossier share their indicators): the compiled templates
/// write a view that has a `memo` once and copy it after (the compiler checks that nothing in
/// the block comes from outside the view). One job, one thread: never shared between threads.
final class Memo {
    var bytes: [UInt8]?
    init() {}
}

/// A URL made of a page's URL (`../x/index.html#`, or `#`) and an anchor, written one after
/// the other: a field's page has thousands of rows, each linking to its dashboard, and
/// putting each URL together was a String to make and free per row.
struct LienAncre: Ecrit {
    let base: String
    let ancre: String
    var renderText: String { base + ancre }
    func ecrire(_ h: inout HTMLBuffer) { h.html(base); h.html(ancre) }
    func ecrireEchappe(_ h: inout HTMLBuffer) { h.text(base); h.text(ancre) }
}

/// A sequence whose items are made as a template goes through them, each let go after its
/// turn: a field's page of a large site lists thousands of axes, and their views made all at
/// once were more memory than the rest of the build.
struct Suite<T>: Sequence, MustacheSequence {
    let count: Int
    let element: (Int) -> T
    var isEmpty: Bool { count == 0 }

    func makeIterator() -> AnyIterator<T> {
        var i = 0
        return AnyIterator {
            guard i < count else { return nil }
            defer { i += 1 }
            return element(i)
        }
    }
}

/// `Liste` over a `Suite`: items made as they are written.
struct ListeParesseuse<T>: MustacheCustomRenderable, MustacheParent {
    var items: Suite<T>
    var isNull: Bool { items.isEmpty }
    var renderText: String { "" }
    func child(named name: String) -> Any? { name == "items" ? items : nil }
}
