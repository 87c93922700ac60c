import Foundation
@testable import Markdown
import Model
@testable import Rendering
import Reports
import Testing

@Suite("Rendering: French formats")
struct RenderingFormatTests {
    let fine = "\u{202F}", nbsp = "\u{00A0}"

    @Test("integers group by three with a narrow no-break space, from four digits")
    func entiers() {
        #expect(Format.entier(0) == "0")
        #expect(Format.entier(999) == "999")
        #expect(Format.entier(1234) == "1\(fine)234")
        #expect(Format.entier(1_234_567) == "1\(fine)234\(fine)567")
        #expect(Format.entier(-45_000) == "\u{2212}45\(fine)000")
    }

    @Test("numbers as written: comma decimals, digits kept, exponents as values")
    func nombres() {
        #expect(Format.nombre(Nombre("27.5")!) == "27,5")
        #expect(Format.nombre(Nombre("29.0")!) == "29,0")
        #expect(Format.nombre(Nombre("2450000000")!) == "2\(fine)450\(fine)000\(fine)000")
        #expect(Format.nombre(Nombre("12345.678")!) == "12\(fine)345,678")
        #expect(Format.nombre(Nombre("-3.5")!) == "\u{2212}3,5")
        #expect(Format.nombre(Nombre("1e6")!) == "1\(fine)000\(fine)000")
        #expect(Format.nombre(Nombre("0.5")!) == "0,5")
        // The fast path for plain decimals and the general one agree at their edges.
        #expect(Format.nombre(Nombre("0")!) == "0")
        #expect(Format.nombre(Nombre("5.")!) == "5")
        #expect(Format.nombre(Nombre("1234.")!) == "1\(fine)234")
        #expect(Format.nombre(Nombre("123")!) == "123")
        #expect(Format.nombre(Nombre("100000.25")!) == "100\(fine)000,25")
        #expect(Format.nombre(Nombre("007")!) == "7")
        #expect(Format.nombre(Nombre("0012.5")!) == "12,5")
        #expect(Format.plainDecimal("007") == nil && Format.plainDecimal("-1") == nil && Format.plainDecimal("1.2.3") == nil)
    }

    @Test("a CSS string of the print header cannot close the string nor the style element")
    func chaineCSS() {
        #expect(cssString("Roubaix – 2014") == "\"Roubaix – 2014\"")
        #expect(cssString("a\"b\\c</style>d\r\ne\té") == "\"a\\22 b\\5c c\\3c /style\\3e d  e é\"")
        #expect(cssString("") == "\"\"")
    }

    @Test("axis ticks of charts: grouped, decimals without trailing zeros, a true minus sign")
    func ticks() {
        func tick(_ v: Double, _ digits: Int) -> String {
            var h = HTMLBuffer()
            Charts.tick(&h, v, digits: digits)
            return h.out
        }
        #expect(tick(0, 0) == "0")
        #expect(tick(2.5, 1) == "2,5")
        #expect(tick(3.0, 1) == "3")
        #expect(tick(1000, 0) == "1\(fine)000")
        #expect(tick(1_234_567.5, 1) == "1\(fine)234\(fine)567,5")
        #expect(tick(1_002_003, 0) == "1\(fine)002\(fine)003")
        #expect(tick(-0.25, 2) == "\u{2212}0,25")
        #expect(tick(0.05, 2) == "0,05")
        #expect(tick(-1000, 0) == "\u{2212}1\(fine)000")
    }

    @Test("text is escaped as the templates escape it, whatever the length and wherever the characters to escape fall")
    func textEscaping() {
        // The escaper reads eight bytes at a time: texts of every length up to 40, the
        // characters to escape at every offset, beside accents and the bytes around them.
        let alphabet: [String] = ["a", "é", "&", "<", ">", "\"", "'", " ", "%", "=", "?", "\u{202F}", "Œ", ";", "9"]
        var rng = SplitMix64(seed: 2027)
        var compared = 0
        for length in 0...40 {
            for _ in 0..<60 {
                let s = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined()
                var h = HTMLBuffer(capacity: 16)
                h.text(s)
                #expect(h.out == escapeAttribute(s), "\(s)")  // the Markdown module's escaper, a character at a time
                compared += 1
            }
        }
        #expect(compared == 41 * 60)
        #expect(escapeHTML("l'été <b>&</b> \"x\"") == "l&#39;été &lt;b&gt;&amp;&lt;/b&gt; &quot;x&quot;")
    }

    @Test("a page buffer keeps every byte as it grows far past its first capacity, and hands them over as they are")
    func pageBuffer() {
        var h = HTMLBuffer(capacity: 64)
        var expected: [UInt8] = []
        for k in 0..<20_000 {
            h.int(k)
            h.text("<é>")
            expected += Array(String(k).utf8) + Array("&lt;é&gt;".utf8)
        }
        #expect(h.count == expected.count)
        let page = h.take()
        #expect(page.count == expected.count)
        #expect(Array(page.buffer) == expected)
        #expect(PageBytes(expected).array == expected)
        #expect(PageBytes([]).count == 0)
        var n = HTMLBuffer()
        for v in [0, 7, 10, 99, 100, 999, 1000, 2024, 9999, 10_000, 123_456, -1, -9, -10_000, Int.max, Int.min] {
            n.int(v)
            n.raw(" ")
        }
        #expect(n.out == "0 7 10 99 100 999 1000 2024 9999 10000 123456 -1 -9 -10000 \(Int.max) \(Int.min) ")
        // Coordinates: the table of tenths and the general path agree.
        func general(_ v: Double) -> String {
            let i = Int((v * 10).rounded()), a = i.magnitude
            return a % 10 == 0 ? String(i / 10) : (i < 0 ? "-" : "") + "\(a / 10).\(a % 10)"
        }
        for v in [0, 0.04, 0.05, 0.25, 1, 12, 163.5, 163.45, 462, 999.94, 999.95, 1000, 1234.5, -0.05, -3.25, -12] {
            var c = HTMLBuffer()
            c.coord(v)
            #expect(c.out == general(v), "\(v)")
        }
    }

    @Test("dates written into a page are the bytes of Format.date")
    func datesInPlace() {
        for (y, m, d) in [(2014, 1, 1), (2017, 12, 31), (2020, 2, 29), (2026, 6, 30), (999, 3, 9), (10_000, 10, 10), (1, 1, 1)] {
            guard let day = Day(year: y, month: m, day: d) else { continue }
            var h = HTMLBuffer()
            h.date(day)
            #expect(h.out == Format.date(day), "\(day.iso)")
        }
    }

    @Test("chart values: the scaled integer gives the double of the text")
    func chartValues() {
        for t in ["0", "850", "27.5", "-3.25", "0.1", "12345.678", "1e6", "2450000000", "0.000001"] {
            #expect(Charts.value(Nombre(t)!) == Double(t)!, "\(t)")
        }
    }

    @Test("decimals: rounded half away from zero, trailing zeros dropped")
    func decimales() {
        #expect(Format.decimal(Decimal(string: "12.50")!) == "12,5")
        #expect(Format.decimal(Decimal(string: "2.345")!, maxFractionDigits: 2) == "2,35")
        #expect(Format.decimal(Decimal(string: "1000")!) == "1\(fine)000")
    }

    @Test("percentages carry a narrow no-break space before %")
    func pourcentages() {
        #expect(Format.pourcentage(42) == "42\(fine)%")
        #expect(Format.pourcentage(-13) == "\u{2212}13\(fine)%")
        #expect(Format.pourcentage(1250) == "1\(fine)250\(fine)%")
    }

    @Test("money: exact amounts, and a short form with three significant digits")
    func euros() {
        #expect(Format.euros(2_450_000_000) == "2\(fine)450\(fine)000\(fine)000\(nbsp)€")
        #expect(Format.euros(Decimal(string: "31500000.5")!) == "31\(fine)500\(fine)000,50\(nbsp)€")
        #expect(Format.eurosCourt(entiers: 2_450_000_000) == "2,45\(nbsp)Md€")
        #expect(Format.eurosCourt(12_300_000) == "12,3\(nbsp)M€")
        #expect(Format.eurosCourt(640_250_000) == "640\(nbsp)M€")
        #expect(Format.eurosCourt(2_500_000_000) == "2,5\(nbsp)Md€")
        #expect(Format.eurosCourt(999_700_000) == "1\(nbsp)Md€")
        #expect(Format.eurosCourt(45_000) == "45\(fine)000\(nbsp)€")
    }

    @Test("dates in words, with « 1er » for the first of the month")
    func dates() {
        #expect(Format.date(Day(iso: "2014-01-15")!) == "15\(nbsp)janvier 2014")
        #expect(Format.date(Day(iso: "2014-01-01")!) == "1er\(nbsp)janvier 2014")
        #expect(Format.date(Day(iso: "2016-08-31")!) == "31\(nbsp)août 2016")
        #expect(Format.periode(Day(iso: "2014-01-01")!, Day(iso: "2017-12-31")!) == "du 1er\(nbsp)janvier 2014 au 31\(nbsp)décembre 2017")
        #expect(Format.moisAnnee(Day(iso: "2015-07-01")!) == "juillet 2015")
    }

    @Test("relative URLs between pages of the site map")
    func relative() {
        #expect(SitePath.relative(from: "territoires/a/index.html", to: "territoires/b/index.html") == "../b/index.html")
        #expect(SitePath.relative(from: "index.html", to: "territoires/b/index.html") == "territoires/b/index.html")
        #expect(SitePath.relative(from: "territoires/a/x/index.html", to: "index.html") == "../../../index.html")
        #expect(SitePath.relative(from: "territoires/a/index.html", to: "territoires/a/index.html") == "index.html")
        #expect(SitePath.relative(from: "territoires/a/index.html", to: "territoires/a/img.png") == "img.png")
        #expect(SitePath.normalize("content/territoires/a/../b.md") == "content/territoires/b.md")
        #expect(SitePath.normalize("../x") == nil)
    }

    @Test("names that cannot be a folder are folded or refused")
    func slugs() {
        #expect(safeSlug("roubaix-2014") == "roubaix-2014")
        #expect(safeSlug("../../etc") == "etc")
        #expect(safeSlug("Épinal 2015") == "epinal-2015")
        #expect(safeSlug("///") == nil)
    }

    @Test("heading ids: French accents folded, upper case too, other letters a dash")
    func headingSlugs() {
        #expect(slug("ÀÂÄÁÃÅ àâäáãå") == "aaaaaa-aaaaaa")
        #expect(slug("Ç ç ÉÈÊË éèêë") == "c-c-eeee-eeee")
        #expect(slug("ÎÏÍÌ ÔÖÓÒÕ ÙÛÜÚ") == "iiii-ooooo-uuuu")
        #expect(slug("ŸÝÿý Œœ Ææ Ññ") == "yyyy-oeoe-aeae-nn")
        #expect(slug("aßb øŁ xǎy") == "a-b-x-y")
        #expect(slug("\u{212B}ngström e\u{301}") == "angstrom-e")
        #expect(slug("Éducation & jeunesse") == "education-jeunesse")
    }

    @Test("heading ids: the letters folded by code point are folded as their lower-case Character is")
    func headingSlugsByScalar() {
        var folded = 0
        for v in UInt32(0x80)...0x24F {
            guard let s = Unicode.Scalar(v) else { continue }
            let slow = foldAccents(Character(s))
            let asciiFold = slow.utf8.allSatisfy { $0 < 128 }
            if let (a, b) = foldedLatin(v) {
                #expect(String(decoding: b == 0 ? [a] : [a, b], as: UTF8.self) == slow, "U+\(String(v, radix: 16, uppercase: true))")
                folded += 1
            } else {
                // What the code points leave to the Character path: nothing it folds.
                #expect(!asciiFold, "U+\(String(v, radix: 16, uppercase: true))")
            }
        }
        // à…å, ç, è…ë, ì…ï, ñ, ò…ö, ù…ü, ý, ÿ, æ, œ in both cases (Ÿ at U+0178): 58.
        #expect(folded == 58)
    }

    @Test("paths split by bytes as the generic split gives them (2,000 seeded paths)")
    func slashParts() {
        var rng = SplitMix64(seed: 47)
        let alphabet: [Character] = ["a", "b", "/", "/", ".", "é", "-", "_", "Ω", "1"]
        var cases = ["", "/", "//", "a", "a/", "/a", "a/b", "territoires/x/index.html", "a//b/", "é/ü/ß"]
        for _ in 0..<2_000 { cases.append(String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })) }
        for c in cases {
            #expect(c.slashParts == c.split(separator: "/", omittingEmptySubsequences: false), "\(c)")
            if let last = c.split(separator: "/").last { #expect(c.lastSlashPart == last, "\(c)") }
        }
    }

    @Test("a body under a section: headings one level down, ids kept unique on the page, text untouched")
    func nestedBodies() {
        var ids = NameSpace(reserved: ["Identite", "Plan"])
        let html = "<h2 id=\"Identite\">Qui</h2>\n<p>a &lt;h2 id=&quot;Plan&quot;&gt; b <a href=\"x\">c</a></p>\n<h5 id=\"fin\">Fin</h5><h6 id=\"Plan\">z</h6>\n<pre><code>&lt;/h3&gt;</code></pre>"
        let out = String(decoding: nestedBody(Array(html.utf8), ids: &ids), as: UTF8.self)
        #expect(out == "<h3 id=\"Identite-2\">Qui</h3>\n<p>a &lt;h2 id=&quot;Plan&quot;&gt; b <a href=\"x\">c</a></p>\n<h6 id=\"fin\">Fin</h6><h6 id=\"Plan-2\">z</h6>\n<pre><code>&lt;/h3&gt;</code></pre>")
        #expect(ids.contains("fin"))
    }

    @Test("an amount as written formats as its decimal value", arguments: ["168500", "0", "7", "1e6", "12.5", "120000.00", "2450000000", "999999999999999999"])
    func eurosNombre(_ text: String) throws {
        let n = try #require(Nombre(text))
        #expect(Format.euros(n) == Format.euros(n.decimal))
    }
}

@Suite("Rendering: amounts in whole euros")
struct WholeEurosTests {
    /// Whole euros are formatted in integer arithmetic; the text must be exactly the one of
    /// the Decimal formatting, rounding included (`999 500 000` is `1 Md€`, not `1 000 M€`).
    @Test("euros and eurosCourt of an Int64 give the Decimal formatting's text")
    func sameText() {
        var values: [Int64] = [0, 1, 999, 1_000, 999_999, 1_000_000, 1_004_999, 1_005_000, 9_995_000, 9_994_999,
                               99_950_000, 99_949_999, 999_499_999, 999_500_000, 999_999_999, 1_000_000_000,
                               1_005_000_000, 9_995_000_000, 99_950_000_000, 999_500_000_000, 2_450_000_000,
                               12_345_678_901_234, 245_000_000, 12_000_000, 653_000_000]
        var seed: UInt64 = 12345
        for _ in 0..<5_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let digits = Int(seed >> 60) + 3  // 3 to 18 digits
            var limit: UInt64 = 1
            for _ in 0..<min(digits, 16) { limit *= 10 }
            values.append(Int64((seed >> 8) % limit))
        }
        values += values.map { -$0 }
        for v in values {
            #expect(Format.euros(entiers: v) == Format.euros(Decimal(v)), "\(v)")
            #expect(Format.eurosCourt(entiers: v) == Format.eurosCourt(Decimal(v)), "\(v)")
        }
        #expect(Format.eurosCourt(entiers: 999_500_000) == "1" + Format.espaceInsecable + "Md€")
        #expect(Format.eurosCourt(entiers: 2_450_000_000) == "2,45" + Format.espaceInsecable + "Md€")
    }

    @Test("a convention's moyens in whole euros: summed with the Decimal ones, nil when an amount is not whole")
    func sums() {
        func resume(_ amounts: [(Int, String, String)]) -> MoyensLigne {
            var c = Convention(id: Ident("x", at: .start(of: "x.md"), explicit: false), file: "x.md")
            c.moyens = Located(amounts.map { a, pl, asoc in
                var m = MoyensAnnee(location: .start(of: "x.md"))
                m.annee = Located(a, at: .start(of: "x.md"), key: .start(of: "x.md"))
                m.prestationsLegales = Located(Nombre(pl)!, at: .start(of: "x.md"), key: .start(of: "x.md"))
                m.actionSociale = Located(Nombre(asoc)!, at: .start(of: "x.md"), key: .start(of: "x.md"))
                return m
            }, at: .start(of: "x.md"), key: .start(of: "x.md"))
            return Reports.resume(c, renouvelee: false, date: Day(year: 2016, month: 1, day: 1)!).moyensTotal
        }
        let whole = resume([(2014, "245000000", "12000000"), (2015, "250000000", "12500000"), (2014, "1", "2")])
        #expect(whole.euros == MoyensLigne.Euros(prestationsLegales: 495_000_001, actionSociale: 24_500_002))
        #expect(whole.eurosTotal == Format.euros(whole.total))
        let written = resume([(2014, "2.5e8", "12000000")])
        #expect(written.euros == nil, "an exponent goes through Decimal")
        #expect(written.eurosTotal == Format.euros(Decimal(262_000_000)))
        let cents = resume([(2014, "245000000.50", "12000000")])
        #expect(cents.euros == nil)
        #expect(cents.eurosPrestationsLegales == Format.euros(Decimal(string: "245000000.50")!))
        let huge = resume([(2014, "9000000000000000000", "0"), (2015, "9000000000000000000", "0")])
        #expect(huge.euros == nil, "a sum past Int64 falls back to Decimal")
    }
}

@Suite("Rendering: French")
struct FrancaisTests {
    @Test("a Caf's name with its article: « publié par la Caf du Nord », « La Caf du Nord s'engage »")
    func article() async throws {
        #expect(Format.avecArticle("Caf du Nord") == "la Caf du Nord")
        #expect(Format.avecArticle("La Caisse d'allocations familiales du Nord") == "la Caisse d'allocations familiales du Nord")
        #expect(Format.avecArticle("l'Union des Caf") == "l'Union des Caf")
        #expect(Format.majuscule(Format.avecArticle("Caf du Nord")) == "La Caf du Nord")
        let site = try await RenderingFixture.site()
        #expect(try #require(site["index.html"]).contains("Publié par la Caf de l&#39;Exemple"))
        #expect(try #require(site["accessibilite/index.html"]).contains("<p>La Caf de l&#39;Exemple s'engage"))
    }

    /// French typography: a no-break space before `:` and a narrow one before `;`, `?` and
    /// `!`, so that no line of a page starts with one of them.
    @Test("no ordinary space before : ; ? ! in the text of the built-in templates")
    func espaces() throws {
        for (name, text) in BuiltinTemplates.templates {
            // The text between tags and Mustache tags (comments are not written).
            let prose = text.replacingOccurrences(of: #"(?s)\{\{.*?\}\}|<[^>]*>"#, with: "\u{1}", options: .regularExpression)
            for mark in [" :", " ;", " ?", " !"] {
                #expect(!prose.contains(mark), "« \(mark) » in \(name)")
            }
        }
    }
}
