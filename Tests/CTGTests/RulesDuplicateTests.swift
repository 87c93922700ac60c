import Model
import Rules
import Testing

/// A convention copied into a second file (issue 24): `id-duplique` says so at the id, and the
/// `chevauchement` of the two periods must not read as if the convention overlapped itself.
@Suite("Rules: a convention described twice")
struct RulesDuplicateTests {
    @Test("a copied file: id-duplique at the id, and chevauchement names the other file, not the convention itself")
    func copiedFile() async throws {
        var files = RulesFixture.files
        let copie = "content/territoires/roubaix-2014bis.md"  // sorts after the original: the one reported
        files[copie] = RulesFixture.roubaix
        let text = try #require(files[copie])
        let id = try #require(position(of: "roubaix-2014", in: text))
        let periode = try #require(position(of: "periode:", in: text))
        let findings = try await RulesFixture.check(files)
        #expect(findings == [
            Finding(.idDuplique, at: SourceLocation(file: copie, line: id.line, column: id.column),
                    "l'identifiant « roubaix-2014 » est déjà celui de la convention « content/territoires/roubaix-2014.md » : chaque convention a un identifiant unique, qui est l'adresse de sa page",
                    convention: "roubaix-2014"),
            Finding(.chevauchement, at: SourceLocation(file: copie, line: periode.line, column: periode.column),
                    "la période du 1er janvier 2014 au 31 décembre 2017 chevauche celle du fichier « content/territoires/roubaix-2014.md » (du 1er janvier 2014 au 31 décembre 2017), qui porte le même identifiant « roubaix-2014 », signée pour le même territoire (commune 59512)\u{00A0}: deux fichiers décrivent-ils la même convention\u{202F}? Gardez-en un seul, ou donnez à chacun son identifiant (« id ») et ses dates",
                    convention: "roubaix-2014"),
        ])
    }

    @Test("two conventions of one territory with their own ids keep the overlap wording")
    func twoConventions() async throws {
        var files = RulesFixture.files
        files[F.bis] = RulesFixture.roubaix.replacing1("id: roubaix-2014", "id: roubaix-bis")
        let findings = try await RulesFixture.check(files)
        #expect(findings.map(\.message) == [
            "la période du 1er janvier 2014 au 31 décembre 2017 chevauche celle de « roubaix-2014 » (du 1er janvier 2014 au 31 décembre 2017), signée pour le même territoire (commune 59512) : une seule CTG signée couvre un territoire à un moment donné ; corrigez les dates, ou faites commencer la nouvelle après la fin de l'ancienne",
        ])
    }
}

/// A period that ends before it starts is one defect: the duration rule's finding. The
/// phase computed from it (« échue ») must not add evaluation-attendue (issue 24, the ten
/// everyday mistakes).
@Suite("Rules: a period that ends before it starts")
struct RulesPeriodeInverseeTests {
    static func findings(fin: String) async throws -> [Finding] {
        var files = RulesFixture.files
        files[F.roubaix] = try #require(files[F.roubaix]).replacing1("renouvelle: roubaix-2010\n", "")
        files[F.r2010] = try #require(files[F.r2010]).replacing1("type: finale", "type: intermediaire")
            .replacing1("fin: 2013-12-31", "fin: \(fin)")
        return try await RulesFixture.check(files).filter { $0.location.file == F.r2010 }
    }

    @Test("ended without a final evaluation: evaluation-attendue; ended before it started: the duration only")
    func inversee() async throws {
        #expect(try await Self.findings(fin: "2013-12-31").map(\.rule) == [.evaluationAttendue])
        #expect(try await Self.findings(fin: "2009-12-31").map(\.rule) == [.dureeQuatreAns])
    }
}
