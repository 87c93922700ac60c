import Model
import Rules
import Testing

@Suite("Rules: the valid base project")
struct RulesBaseTests {
    @Test("the valid base project gives zero findings")
    func baseIsClean() async throws {
        let findings = try await RulesFixture.check(RulesFixture.files)
        #expect(findings == [])
    }
}
