import ArgumentParser
@testable import CTGCommands
import Foundation
import Model
import Preview
import Site
import Testing

/// `ctg build --depuis ANCIEN` (FORMAT.md §5, §6): the « after » project of `DiffFixture`
/// built with the « before » build as ANCIEN.
@Suite("Depuis: ctg build --depuis, evolutions/index.html and the « Depuis le … » blocks")
struct DepuisTests {
    /// The « after » project built into `public/`, with `--depuis` the « before » build or without.
    static func construire(_ apres: ProjectFixture, depuis: String?, output: String? = nil) async throws -> BuildResult {
        let result = try await Builder.build(BuildOptions(root: apres.root, output: output, projets: true, depuis: depuis))
        #expect(result.written, "\(result.checked.findings)")
        return result
    }

    static let marque = "<strong class=\"phase phase-projet marque-attention\">À examiner</strong>"

    @Test("evolutions/index.html: the date of ANCIEN, the counts, the attention marked in words, links to the dashboards and rows")
    func evolutions() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        let result = try await Self.construire(apres, depuis: avant.root + "/public")
        #expect(result.files.contains("evolutions/index.html"))
        let page = try #require(apres.read("public/evolutions/index.html"))
        #expect(page.contains("<title>Ce qui a changé depuis le 31\u{00A0}mars 2016 – CTG de test</title>"))
        #expect(page.contains("<h1>Ce qui a changé depuis le 31\u{00A0}mars 2016</h1>"))
        // The attention ones counted first, then all of them (the same 5 and 18 as ctg diff).
        #expect(page.contains("<p class=\"chapo\">5\u{00A0}changements à examiner par le conseil, sur 18\u{00A0}changements, dans 4\u{00A0}conventions, entre le 31\u{00A0}mars 2016 et le 30\u{00A0}juin 2016.</p>"))
        // Grouped by convention, in ctg diff's order, each title linking to its dashboard…
        let titres = ["lille-2014", "roubaix-2014", "tourcoing-2014", "wattrelos-2014"].map { page.range(of: "id=\"Convention-\($0)\"")?.lowerBound }
        #expect(titres.allSatisfy { $0 != nil })
        #expect(titres.compactMap { $0 } == titres.compactMap { $0 }.sorted())
        #expect(page.contains("<h2 id=\"Convention-roubaix-2014\"><a href=\"../territoires/roubaix-2014/index.html\">Convention territoriale globale de Roubaix 2014-2017</a></h2>\n<p class=\"note\">5\u{00A0}changements à examiner par le conseil, sur 14\u{00A0}changements</p>"))
        #expect(page.contains("<h2 id=\"Convention-wattrelos-2014\"><a href=\"../territoires/wattrelos-2014/index.html\">"))
        // …but for a convention removed from the site: no page to link to.
        #expect(page.contains("<h2 id=\"Convention-lille-2014\">Convention territoriale globale de Lille 2014-2017</h2>\n<p class=\"note\">1\u{00A0}changement</p>"))
        #expect(page.contains("<li>convention retirée du site</li>"))
        // The attention ones marked in words and linked to their row; the others not marked.
        #expect(page.contains("<li class=\"changement-attention\">\(Self.marque) <a href=\"../territoires/roubaix-2014/index.html#places-eaje\">Places en EAJE\u{00A0}: le résultat 2015 passe de 905 à 912</a></li>"))
        #expect(page.contains("<li class=\"changement-attention\">\(Self.marque) <a href=\"../territoires/roubaix-2014/index.html#relais\">Ouvrir un relais petite enfance\u{00A0}: l&#39;échéance passe du 1er\u{00A0}septembre 2016 au 1er\u{00A0}mars 2017</a></li>"))
        #expect(page.contains("<li><a href=\"../territoires/roubaix-2014/index.html#places-eaje\">Places en EAJE\u{00A0}: nouveau résultat 2016, 930</a></li>"))
        #expect(page.components(separatedBy: "<li class=\"changement-attention\">").count - 1 == 5)
        #expect(page.components(separatedBy: Self.marque).count - 1 == 5 + 1)  // and once in the note that explains it
        // The money table, and the identity block for a signature.
        #expect(page.contains("<a href=\"../territoires/roubaix-2014/index.html#Moyens\">moyens 2015, action sociale\u{00A0}:"))
        #expect(page.contains("<a href=\"../territoires/tourcoing-2014/index.html#Identite\">convention signée le 2\u{00A0}mai 2016</a>"))
        // What was removed has no row: the line leads to the dashboard.
        #expect(page.contains("<li><a href=\"../territoires/roubaix-2014/index.html\">Heures d&#39;accueil\u{00A0}: indicateur retiré</a></li>"))
        #expect(!page.contains("<script"))
        // In the sitemap, and linked from the home page near its top.
        #expect(apres.read("public/sitemap.xml")?.contains("<url><loc>evolutions/index.html</loc></url>") == true)
        let accueil = try #require(apres.read("public/index.html"))
        let ligne = "<p class=\"lien-evolutions\">18\u{00A0}changements depuis le 31\u{00A0}mars 2016 — <a href=\"evolutions/index.html\">voir ce qui a changé</a>.</p>"
        #expect(accueil.contains(ligne))
        let h1 = try #require(accueil.range(of: "<h1>")), lien = try #require(accueil.range(of: ligne)), totaux = try #require(accueil.range(of: "id=\"Totaux\""))
        #expect(h1.lowerBound < lien.lowerBound && lien.lowerBound < totaux.lowerBound)
    }

    @Test("« Depuis le … » on a dashboard and its dossier: that convention's changes only, each linked to its row on the page")
    func blocs() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        _ = try await Self.construire(apres, depuis: avant.root + "/public")
        for chemin in ["public/territoires/roubaix-2014/index.html", "public/territoires/roubaix-2014/dossier/index.html"] {
            let page = try #require(apres.read(chemin))
            let debut = try #require(page.range(of: "<section class=\"bloc attention depuis\" aria-labelledby=\"Depuis\">"), "\(chemin)")
            let bloc = String(page[debut.lowerBound...].components(separatedBy: "</section>")[0])
            #expect(bloc.contains("<h2 id=\"Depuis\">Depuis le 31\u{00A0}mars 2016</h2>"))
            #expect(bloc.contains("<p class=\"note\">5\u{00A0}changements à examiner par le conseil, sur 14\u{00A0}changements\u{202F}; <a href=\"../../"
                                  + (chemin.contains("dossier") ? "../" : "") + "evolutions/index.html\">tous les changements du site</a>.</p>"))
            #expect(bloc.contains("<li class=\"changement-attention\">\(Self.marque) <a href=\"#places-eaje\">Places en EAJE\u{00A0}: la cible 2017 passe de 980 à 960</a></li>"))
            #expect(bloc.contains("<li><a href=\"#ludotheque\">Ouvrir une ludothèque\u{00A0}: nouvelle action</a></li>"))
            #expect(bloc.components(separatedBy: "<li").count - 1 == 14)
            // Another convention's changes are not here.
            #expect(!bloc.contains("convention signée"))
            // The anchors it links to are on the page.
            for ancre in ["places-eaje", "relais", "ludotheque", "Moyens"] { #expect(page.contains("id=\"\(ancre)\""), "\(chemin) #\(ancre)") }
            // In the table of contents, after the points of attention.
            #expect(page.contains("<li><a href=\"#Attention\">Points d&#39;attention</a></li>\n<li><a href=\"#Depuis\">Depuis le 31\u{00A0}mars 2016</a></li>"), "\(chemin)")
            // After the points of attention, before the rest.
            let attention = try #require(page.range(of: "aria-labelledby=\"Attention\""))
            #expect(attention.lowerBound < debut.lowerBound)
        }
        // A convention with no change has no block.
        let sansChangement = ProjectFixture(files: DiffFixture.avant.merging(["content/territoires/lille-2014.md": DiffFixture.commune("Lille", "59350")]) { _, b in b },
                                            siteYml: DiffFixture.siteAvant)
        defer { sansChangement.cleanup() }
        _ = try await Self.construire(sansChangement, depuis: avant.root + "/public")
        let lille = try #require(sansChangement.read("public/territoires/lille-2014/index.html"))
        #expect(!lille.contains("id=\"Depuis\""))
        let evolutions = try #require(sansChangement.read("public/evolutions/index.html"))
        #expect(evolutions.contains("<p class=\"chapo\">Aucun changement depuis le 31\u{00A0}mars 2016.</p>"))
        #expect(evolutions.contains("<p>Aucun changement\u{00A0}: le contenu est celui du site précédent.</p>"))
        #expect(sansChangement.read("public/index.html")?.contains("<p class=\"lien-evolutions\">Aucun changement depuis le 31\u{00A0}mars 2016 — <a href=\"evolutions/index.html\">") == true)
    }

    /// The row of a table that holds `texte`, one line of the page.
    static func ligne(_ page: String, _ texte: String) -> String? {
        page.components(separatedBy: "\n").first { $0.hasPrefix("<tr>") && $0.contains(texte) }
    }

    /// The mark of a changed cell: the word, what it means for screen readers, the old value.
    static func modifie(_ mot: String, avant: String?) -> String {
        " <strong class=\"phase phase-projet\">\(mot)</strong><span class=\"sr-only\"> depuis le 31\u{00A0}mars 2016\(avant == nil ? "" : ",")</span>"
            + (avant.map { "<span class=\"annee\">avant\u{00A0}: \($0)</span>" } ?? "")
    }

    @Test("changed cells of the objectifs-résultats and actions tables marked in words, with the old value; the others not")
    func cellules() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        _ = try await Self.construire(apres, depuis: avant.root + "/public")
        for chemin in ["public/territoires/roubaix-2014/index.html", "public/territoires/roubaix-2014/dossier/index.html"] {
            let page = try #require(apres.read(chemin))
            let places = try #require(Self.ligne(page, ">Places en EAJE</a>"), "\(chemin)")
            // The reference and the target changed: the old value said, with its year where it differs.
            #expect(places.contains("<td class=\"num\" data-label=\"Référence\">840 <span class=\"annee\">en 2013</span>"
                                    + Self.modifie("modifiée", avant: "850 en 2013") + "</td>"), "\(chemin)")
            #expect(places.contains("<td class=\"num\" data-label=\"Cible finale\">960 <span class=\"annee\">en 2017</span>"
                                    + Self.modifie("modifiée", avant: "980") + "</td>"), "\(chemin)")
            // A new last result: nothing before it that year.
            #expect(places.contains("<td class=\"num\" data-label=\"Dernier résultat\">930 <span class=\"annee\">en 2016</span>"
                                    + Self.modifie("nouveau", avant: nil) + "</td>"), "\(chemin)")
            // A changed result, its old value in its unit; the reference and the target unchanged: no mark.
            let taux = try #require(Self.ligne(page, ">Taux de couverture</a>"), "\(chemin)")
            #expect(taux.contains("<td class=\"num\" data-label=\"Dernier résultat\">3,6\u{202F}% <span class=\"annee\">en 2016</span>"
                                  + Self.modifie("modifié", avant: "2,8\u{202F}%") + "</td>"), "\(chemin)")
            #expect(taux.contains("<td class=\"num\" data-label=\"Référence\">2,7\u{202F}% <span class=\"annee\">en 2013</span></td>"), "\(chemin)")
            #expect(taux.contains("<td class=\"num\" data-label=\"Cible finale\">3,5\u{202F}% <span class=\"annee\">en 2017</span></td>"), "\(chemin)")
            #expect(taux.contains("data-label=\"État\"><span class=\"etat etat-atteint\">Atteint</span>" + Self.modifie("modifié", avant: "en retard") + "</td>"), "\(chemin)")
            // A moved échéance and a changed état, each with what it was.
            let relais = try #require(Self.ligne(page, "id=\"relais\""), "\(chemin)")
            #expect(relais.contains("<td class=\"echeance\" data-label=\"Échéance\"><time datetime=\"2017-03-01\">1er\u{00A0}mars 2017</time>"
                                    + Self.modifie("modifiée", avant: "1er\u{00A0}septembre 2016") + "</td>"), "\(chemin)")
            #expect(relais.contains(Self.modifie("modifié", avant: "en cours") + "</td>"), "\(chemin)")
            let multi = try #require(Self.ligne(page, ">Créer un multi-accueil de 40 places</th>"), "\(chemin)")
            #expect(multi.contains("<td class=\"num budget\" data-label=\"Budget\">135\u{202F}000\u{00A0}€" + Self.modifie("modifié", avant: "120\u{202F}000\u{00A0}€") + "</td>"), "\(chemin)")
            // Its échéance and état did not change; a new action has no changed cell.
            #expect(multi.components(separatedBy: "sr-only").count - 1 == 1, "\(chemin)")
            #expect(Self.ligne(page, ">Ouvrir une ludothèque</th>")?.contains("sr-only") == false, "\(chemin)")
            // Eight marks in all: three on Places en EAJE, two on Taux de couverture, two on the relais, one on the budget.
            #expect(page.components(separatedBy: "<span class=\"sr-only\"> depuis le").count - 1 == 8, "\(chemin)")
        }
        // A convention with no change (a new one) has no mark; nor has a field's page.
        #expect(apres.read("public/territoires/wattrelos-2014/index.html")?.contains("sr-only\"> depuis") == false)
        let champ = try #require(apres.read("public/champs/petite-enfance/index.html"))
        #expect(!champ.contains("sr-only\"> depuis"))
    }

    @Test("without --depuis the site is the same, byte for byte, as with it but for the evolutions page, the home line, the blocks (and their line in the contents), the marks of changed cells and the sitemap entry")
    func sansDepuis() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        let sans = try await Self.construire(apres, depuis: nil, output: apres.root + "/sans")
        let avec = try await Self.construire(apres, depuis: avant.root + "/public", output: apres.root + "/avec")
        #expect(!sans.files.contains("evolutions/index.html"))
        #expect(avec.files == (sans.files + ["evolutions/index.html"]).sorted())
        var differents: [String] = []
        for f in sans.files {
            let a = try #require(FileManager.default.contents(atPath: apres.root + "/sans/" + f))
            let b = try #require(FileManager.default.contents(atPath: apres.root + "/avec/" + f))
            if a == b { continue }
            differents.append(f)
            // What differs is the block alone: taken out, the page is the one without --depuis.
            var texte = String(decoding: b, as: UTF8.self)
            for motif in [#"<section class="bloc attention depuis"[^§]*?</section>\n"#,
                          #" <strong class="phase phase-projet">[^<]*</strong><span class="sr-only"> depuis [^<]*</span>(<span class="annee">avant\#u{00A0}: [^<]*</span>)?"#, #"<p class="lien-evolutions">.*\n"#, ##"<li><a href="#Depuis">.*</a></li>\n"##,
                          #"  <url><loc>evolutions/index\.html</loc></url>\n"#] {
                texte = texte.replacingOccurrences(of: motif, with: "", options: .regularExpression)
            }
            #expect(texte == String(decoding: a, as: UTF8.self), "\(f)")
        }
        #expect(differents == ["index.html", "sitemap.xml", "territoires/roubaix-2014/dossier/index.html", "territoires/roubaix-2014/index.html",
                               "territoires/tourcoing-2014/dossier/index.html", "territoires/tourcoing-2014/index.html",
                               "territoires/wattrelos-2014/dossier/index.html", "territoires/wattrelos-2014/index.html"])
    }

    @Test("an ANCIEN that cannot be read: exit 2, ctg diff's French message, nothing written")
    func illisible() async throws {
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { p.cleanup() }
        p.write("ancien.json", "<html>")
        let erreur = await #expect(throws: Ancien.Erreur.self) {
            _ = try await Builder.build(BuildOptions(root: p.root, depuis: p.root + "/ancien.json"))
        }
        // The message of ctg diff for the same file.
        #expect(erreur?.message == "« \(p.root)/ancien.json »\u{00A0}: ce n'est pas du JSON valide (octet 1\u{00A0}: valeur attendue)")
        #expect(!FileManager.default.fileExists(atPath: p.root + "/public"))
        // The command: exit 2.
        let commande = try BuildCommand.parse([p.root, "--depuis", p.root + "/absent"])
        await #expect(throws: ExitCode(2)) { try await commande.run() }
        #expect(!FileManager.default.fileExists(atPath: p.root + "/public"))
    }

    @Test("ctg serve --depuis: the block and the evolutions page follow a save")
    func serve() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        let live = LiveSite(root: apres.root, ancien: try Ancien.lire(avant.root + "/public"))
        try await live.rebuild()
        func page(_ path: String) async -> String { String(decoding: await live.file(path) ?? Data(), as: UTF8.self) }
        let resultat = "Places en EAJE\u{00A0}: le résultat 2015 passe de 905 à 912"
        #expect(await page("territoires/roubaix-2014/index.html").contains("<a href=\"#places-eaje\">\(resultat)</a>"))
        #expect(await page("evolutions/index.html").contains("<p class=\"chapo\">5\u{00A0}changements à examiner par le conseil, sur 18\u{00A0}changements,"))
        // The result put back as the board saw it: one change less, one to examine less.
        apres.write("content/territoires/roubaix-2014.md", DiffFixture.roubaixApres.replacing1("2015: 912", "2015: 905"))
        try await live.rebuild(changed: ["content/territoires/roubaix-2014.md"])
        let dashboard = await page("territoires/roubaix-2014/index.html")
        #expect(!dashboard.contains(resultat))
        #expect(dashboard.contains("<p class=\"note\">4\u{00A0}changements à examiner par le conseil, sur 13\u{00A0}changements\u{202F};"))
        #expect(await page("evolutions/index.html").contains("<p class=\"chapo\">4\u{00A0}changements à examiner par le conseil, sur 17\u{00A0}changements,"))
        #expect(await page("index.html").contains("<p class=\"lien-evolutions\">17\u{00A0}changements depuis le 31\u{00A0}mars 2016 — "))
    }
}
