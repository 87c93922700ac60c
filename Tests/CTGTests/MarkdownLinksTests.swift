import Foundation
@testable import Markdown
import Model
import Testing

/// `ctg check` needs only the relative links of a convention's body, and skips libcmark
/// for a body that cannot hold one (`MarkdownRenderer.mayHoldRelativeLink`). The skip must
/// never hide a link that cmark would find: each text below is parsed in full too.
@Suite("Markdown: bodies without relative links are not parsed")
struct MarkdownLinksTests {
    static func relative(_ text: String) -> [String] {
        MarkdownRenderer.render(MarkdownText(text: text, firstLine: 1), html: false).links.filter(\.isRelative).map(\.destination)
    }

    static func mayHold(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { MarkdownRenderer.mayHoldRelativeLink($0) }
    }

    @Test("absolute links, anchors and brackets without a link: no parse", arguments: [
        "Un texte sans lien.",
        "Voir [la circulaire](https://www.caf.fr/partenaires/ctg) et [caf.fr](https://www.caf.fr).",
        "[ici](#besoins), [là](//exemple.fr/x), [courriel](mailto:ctg@caf.fr), [vide]() et [vide](<>)",
        "Un [lien]( \n  https://www.caf.fr) sur deux lignes, et <https://www.caf.fr> en autolien.",
        "Des crochets [sans lien] et une parenthèse ] (à part), `code ] (x)`.",
        "[tel](tel:+33-1.2) [schéma](a+b-c.d:x) ![carte](https://exemple.fr/carte.png)",
        "Fin sur un crochet ]",
    ])
    func noParse(_ text: String) {
        #expect(!Self.mayHold(text))
        #expect(Self.relative(text).isEmpty)
        #expect(MarkdownRenderer.relativeLinks(MarkdownText(text: text, firstLine: 1)).links.isEmpty)
    }

    @Test("a relative link, a reference definition, an escape or an entity: parsed", arguments: [
        ("Voir [le diagnostic](diagnostic.md).", ["diagnostic.md"]),
        ("![plan](plan.png)", ["plan.png"]),
        ("[a]( diagnostic.md#besoins)", ["diagnostic.md#besoins"]),
        ("[a](<mon fichier.md>)", ["mon fichier.md"]),
        ("[a][r]\n\n[r]: annexe.md", ["annexe.md"]),
        ("[a](&#x61;nnexe.md)", ["annexe.md"]),
        ("[a](\\annexe.md)", ["\\annexe.md"]),
        ("[a](:x)", [":x"]),
        ("[a](1x:y)", ["1x:y"]),
        ("[a](https://caf.fr) puis [b](b.md)", ["b.md"]),
        ("Fin ouverte [a](", []),
    ])
    func parsed(_ text: String, _ links: [String]) {
        #expect(Self.mayHold(text))
        #expect(Self.relative(text) == links)
        #expect(MarkdownRenderer.relativeLinks(MarkdownText(text: text, firstLine: 1)).links.filter(\.isRelative).map(\.destination) == links)
    }

    @Test("500 seeded texts made of link pieces: the skip never hides a relative link")
    func seeded() {
        let pieces = ["[a]", "(", ")", "]", "[", "]:", " ", "\n", "<", ">", "#x", "//h", "https:", "b.md", "&#x61;",
                      "\\", "`", "![i]", "mailto:m", "x", ":", "é", "\n\n", "    "]
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for _ in 0..<500 {
            let text = (0..<(3 + next() % 12)).map { _ in pieces[next() % pieces.count] }.joined()
            if !Self.mayHold(text) { #expect(Self.relative(text).isEmpty, "\(text.debugDescription)") }
        }
    }
}
