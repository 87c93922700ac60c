import Content
import Model
import Reports
import Testing

/// The example project of the repository (`content/`) is the product's showcase: it must
/// cover every phase, every état and every action state, with the numbers computed by hand.
@Suite("Example project")
struct ExampleProjectTests {
    func load() async throws -> (Project, ProjectReport) {
        let p = try await ProjectLoader.load(root: repositoryRoot())
        let date = try #require(p.site.dateReference)
        return (p, await ProjectReport.compute(conventions: p.conventions, date: date))
    }

    @Test("phases at date_reference 2025-06-30: the 2013-era conventions evaluated or renewed, three of the 2020 framework")
    func phases() async throws {
        let (p, r) = try await load()
        #expect(p.site.dateReference == Day(year: 2025, month: 6, day: 30))
        #expect(p.conventions.count == 11)
        let phases = Dictionary(uniqueKeysWithValues: p.conventions.map { ($0.id.value, r.phase($0.id.value)!) })
        #expect(phases == [
            "roubaix-2010": .renouvelee, "roubaix-2014": .renouvelee, "roubaix-2022": .enCours,
            "boulogne-sur-mer-2012": .renouvelee, "boulogne-sur-mer-2017": .evaluee,
            "lens-lievin-2015": .renouvelee, "lens-lievin-2023": .enCours,
            "pays-de-mormal-2017": .renouvelee, "pays-de-mormal-2025": .aVenir,
            "tourcoing-2015": .evaluee, "nord-2014": .evaluee,
        ])
        #expect(Set(p.conventions.compactMap { $0.territoire?.codeDepartement }).count >= 2)
    }

    @Test("both frameworks: the conventions starting from 2020 follow cnaf-2020 by their start, with a bonus territoire and an integrated Cej")
    func cadres() async throws {
        let (p, _) = try await load()
        let cadres = Dictionary(uniqueKeysWithValues: p.conventions.map { ($0.id.value, Reports.cadre(of: $0, site: p.site.cadre)) })
        #expect(Set(cadres.filter { $0.value == .cnaf2020 }.keys) == ["roubaix-2022", "lens-lievin-2023", "pays-de-mormal-2025"])
        #expect(cadres.values.count { $0 == .cnaf2013 } == 8)
        for id in ["roubaix-2022", "lens-lievin-2023"] {
            let c = try #require(p.conventions.first { $0.id.value == id })
            #expect(c.territoire?.type?.value == (id == "roubaix-2022" ? .commune : .epci))
            #expect(c.periode.map { $0.fin!.value == $0.debut!.value.adding(years: 5).previous } == true, "\(id): five years")
            #expect(c.conventionsExistantes?.value.contains { $0.type?.value == "cej" && $0.devenir?.value == .integre } == true)
            #expect(Set(Reports.totauxBonus(c).map(\.type)) == Set(TypeBonus.allCases), "\(id): a service of every type")
        }
        // Lens-Liévin: five services in five of its 36 member communes; 192 places in EAJE and ALSH.
        let lens = try #require(p.conventions.first { $0.id.value == "lens-lievin-2023" })
        #expect(Reports.totauxBonus(lens) == [TotalBonus(type: .eaje, equipements: 2, places: 72), TotalBonus(type: .rpe, equipements: 1, places: 0),
                                              TotalBonus(type: .laep, equipements: 1, places: 0), TotalBonus(type: .alsh, equipements: 1, places: 120)])
    }

    @Test("the rules' report (ctg check) has the renewals and local conventions of the full one, no summary")
    func reportForRules() async throws {
        let (p, full) = try await load()
        let rules = ProjectReport.forRules(conventions: p.conventions, date: full.date)
        #expect(rules.renouveleePar == full.renouveleePar)
        #expect(rules.conventionsLocales == full.conventionsLocales)
        #expect(rules.renouveleePar["roubaix-2010"] == "roubaix-2014")
        #expect(rules.conventionsLocales["nord-2014"]?.contains("roubaix-2014") == true)
        #expect(rules.renouveleePar["lens-lievin-2015"] == "lens-lievin-2023")
        #expect(rules.resumes.isEmpty)
        #expect(full.resumes.count == p.conventions.count)
    }

    @Test("indicators in every état, taux as computed by hand")
    func etats() async throws {
        let (p, r) = try await load()
        var all: [EtatIndicateur: Int] = [:]
        for c in p.conventions {
            for (e, n) in r.resumes[c.id.value]?.etats ?? [:] { all[e, default: 0] += n }
        }
        #expect(EtatIndicateur.allCases.allSatisfy { (all[$0] ?? 0) > 0 })
        func ind(_ c: String, _ i: String) -> IndicateurResume? {
            p.conventions.first { $0.id.value == c }.flatMap { conv in
                conv.indicateursDuPlan.first { $0.id.value == i }.map { Reports.resume($0, date: r.date) }
            }
        }
        // 42.5 exactly: rounded half away from zero.
        #expect(ind("tourcoing-2015", "accompagnement-separation")?.taux == 43)
        #expect(ind("tourcoing-2015", "mercredi-alsh")?.taux == -13)
        #expect(ind("tourcoing-2015", "mercredi-alsh")?.etat == .enRetard)
        // Exactly on the expected trajectory: en bonne voie.
        #expect(ind("roubaix-2014", "a4-o1-i1")?.taux == 50)
        #expect(ind("roubaix-2014", "a4-o1-i1")?.etat == .enBonneVoie)
        #expect(ind("roubaix-2010", "a1-o2-i1")?.etat == .nonAtteint)
        #expect(ind("roubaix-2014", "jeunes-projets")?.taux == nil)
    }

    @Test("actions in every state, a bundle with an annex and a copied file")
    func actionsAndBundle() async throws {
        let (p, _) = try await load()
        let etats = Set(p.conventions.flatMap { $0.actionsDuPlan.compactMap { $0.etat?.value } })
        #expect(etats == Set(EtatAction.allCases))
        let nord = try #require(p.conventions.first { $0.id.value == "nord-2014" })
        #expect(nord.isBundle)
        #expect(nord.annexes.map(\.slug) == ["diagnostic"])
        #expect(!nord.fichiers.isEmpty)
        #expect(p.pages.count >= 2)
        #expect(p.findings.isEmpty)
    }
}
