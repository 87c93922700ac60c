import Model
import Rules
import Testing

@Suite("Check: regles in site.yml")
struct CheckConfigTests {
    let broken = RulesFixture.with(F.roubaix) {
        $0.replacing1("gouvernance:\n  comite_pilotage: [Caf du Nord, Ville de Roubaix]\n", "")
            .replacing1("deliberation_ca: 2013-12-10\n", "").replacing1("    devenir: integre\n", "")
    }

    func with(regles: String) -> [String: String] {
        var f = broken
        f[F.site] = RulesFixture.site + "regles:\n" + regles
        return f
    }

    @Test("without regles, the default severities")
    func defaults() async throws {
        let seen = try await RulesFixture.check(broken).map { "\($0.rule.rawValue) \($0.severity.rawValue)" }
        #expect(seen == ["deliberation-ca warning", "gouvernance warning", "rationalisation warning"])
    }

    @Test("off drops a rule (off, false, no); warning and error change its severity")
    func settings() async throws {
        let f = try await RulesFixture.check(with(regles: "  gouvernance: off\n  deliberation-ca: error\n  rationalisation: no\n  duree-quatre-ans: warning\n"))
        #expect(f.map { "\($0.rule.rawValue) \($0.severity.rawValue)" } == ["deliberation-ca error"])
        let g = try await RulesFixture.check(with(regles: "  gouvernance: false\n  deliberation-ca: warning\n  rationalisation: error\n"))
        #expect(g.map { "\($0.rule.rawValue) \($0.severity.rawValue)" } == ["deliberation-ca warning", "rationalisation error"])
    }

    @Test("an unknown rule id in regles is cle-inconnue at its key in site.yml")
    func unknownRule() async throws {
        var files = with(regles: "  gouvernance: off\n  gouvernence: off\n")
        files[F.roubaix] = RulesFixture.roubaix
        let f = try await RulesFixture.check(files)
        let site = RulesFixture.site + "regles:\n"
        let line = site.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(f.map(Seen.init) == [Seen(rule: .cleInconnue, severity: .warning, file: F.site, line: line, column: 3)])
        #expect(f.first?.message.contains("vouliez-vous dire « gouvernance » ?") == true)
        #expect(f.first?.convention == nil)
    }

    @Test("loader findings obey regles too")
    func loaderFindings() async throws {
        var files = RulesFixture.with(F.roubaix) { $0.replacing1("signature: 2014-01-15\n", "signature: 2014-01-15\nsignatur: x\n") }
        #expect(try await RulesFixture.check(files).map(\.rule) == [.cleInconnue])
        files[F.site] = RulesFixture.site + "regles:\n  cle-inconnue: off\n"
        #expect(try await RulesFixture.check(files) == [])
    }

    @Test("with duree-quatre-ans off, the period is taken as written")
    func periodAsWritten() async throws {
        var files = RulesFixture.with(F.roubaix) { $0.replacing1("  fin: 2017-12-31", "  fin: 2016-12-31") }
        files[F.site] = RulesFixture.site + "regles:\n  duree-quatre-ans: off\n"
        let f = try await RulesFixture.check(files)
        // The 2017 targets are now outside the three years written.
        #expect(Set(f.map(\.rule)) == [.cibleHorsPeriode])
        #expect(f.count == 2)
    }
}
