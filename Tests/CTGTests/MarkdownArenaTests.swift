import CSystem
import Markdown
import Model
import Testing

/// libcmark allocates from a per-thread bump arena (`ctg_arena_*`) released after each
/// document: blocks must keep their bytes when they grow, come zeroed from calloc even when
/// the memory was used before, and a document larger than a chunk must render whole.
@Suite("Markdown: the arena libcmark allocates from")
struct MarkdownArenaTests {
    @Test("calloc gives zeroed memory after a reset; realloc keeps the bytes, in place and moved")
    func blocks() {
        ctg_arena_reset()
        let a = ctg_arena_calloc(100, 1)!.assumingMemoryBound(to: UInt8.self)
        for i in 0..<100 { a[i] = UInt8(i) }
        // The last block grows in place: same address, same bytes.
        let grown = ctg_arena_realloc(a, 5000)!.assumingMemoryBound(to: UInt8.self)
        #expect(grown == a)
        #expect((0..<100).allSatisfy { grown[$0] == UInt8($0) })
        // A block that is no longer the last one moves, with its bytes.
        let b = ctg_arena_calloc(16, 1)!.assumingMemoryBound(to: UInt8.self)
        b[0] = 0xAB
        _ = ctg_arena_calloc(16, 1)
        let moved = ctg_arena_realloc(b, 64)!.assumingMemoryBound(to: UInt8.self)
        #expect(moved != b)
        #expect(moved[0] == 0xAB)
        // Larger than a chunk (1 MiB): a chunk of its own, fully writable.
        let big = ctg_arena_realloc(nil, 3 << 20)!.assumingMemoryBound(to: UInt8.self)
        big[(3 << 20) - 1] = 7
        #expect(big[(3 << 20) - 1] == 7)
        // After a reset the same memory comes back, zeroed by calloc.
        ctg_arena_reset()
        let again = ctg_arena_calloc(5000, 1)!.assumingMemoryBound(to: UInt8.self)
        #expect(again == a, "the first chunk is kept for the next document")
        #expect((0..<5000).allSatisfy { again[$0] == 0 })
        ctg_arena_reset()
    }

    @Test("a document larger than a chunk renders whole, the same on every thread and every time")
    func largeDocument() async {
        // About 3 MB: 20,000 sections, each a heading, a paragraph with a relative link, a list.
        var text = "# Titre\n\n"
        for i in 0..<20_000 {
            text += "## Partie \(i)\n\nUn paragraphe *\(i)* avec [un lien](annexe-\(i).md) et du texte pour remplir la ligne.\n\n- premier\n- second\n\n"
        }
        let source = MarkdownText(text: text, firstLine: 1)
        let first = MarkdownRenderer.render(source)
        #expect(first.html.utf8.count > 3_000_000)
        #expect(first.html.hasPrefix("<h2 id=\"titre\">\nTitre\n</h2>\n<h3 id=\"partie-0\">\nPartie 0\n</h3>\n<p>Un paragraphe <em>0</em> avec <a href=\"ctg-lien:1\">un lien</a>"))
        #expect(first.html.hasSuffix("<li>premier</li>\n<li>second</li>\n</ul>\n"))
        #expect(first.links.count == 20_000)
        #expect(first.links.last?.destination == "annexe-19999.md")
        #expect(first.links.last?.marker == "ctg-lien:20000")
        #expect(first.headings.count == 20_001)
        // Rendered again on other threads, in parallel, with a small document in between
        // (arenas reused and reset): the same bytes.
        let small = MarkdownText(text: "Bonjour [x](a.md)\n", firstLine: 1)
        let results = await withTaskGroup(of: (String, String).self) { group in
            for _ in 0..<4 {
                group.addTask { (MarkdownRenderer.render(source).html, MarkdownRenderer.render(small).html) }
            }
            var all: [(String, String)] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 4)
        for (big, little) in results {
            #expect(big == first.html)
            #expect(little == "<p>Bonjour <a href=\"ctg-lien:1\">x</a></p>\n")
        }
    }
}
