import Content
import Foundation
import Model
@testable import Rendering
import Testing

@Suite("Rendering: anchors of a plan")
struct RenderingAnchorsTests {
    /// The dashboard takes the anchors the whole render computed first and gives them their
    /// name space again: the result must be the anchors it would compute itself, name space
    /// included (the body's heading ids are claimed in it next).
    @Test("anchors restored from the site's are the anchors computed anew", arguments: ["example", "fixture", "collisions"])
    func restored(_ project: String) async throws {
        // Ids that collide once slugged (`A 1` and `a-1`), and a missing one.
        let collisions = ProjectFixture(files: ["content/territoires/t.md": """
            ---
            titre: T
            axes:
              - id: a-1
                titre: A
                champ: enfance
                objectifs:
                  - id: a-1
                    libelle: O
                    indicateurs:
                      - id: A 1
                        libelle: I
                      - libelle: J
                    actions:
                      - id: a-1
                        libelle: X
            ---
            Corps.
            """])
        defer { collisions.cleanup() }
        let root = project == "example" ? RenderingStructureTests.exampleProject
            : project == "fixture" ? RenderingFixture.projet : collisions.root
        let p = try await ProjectLoader.load(root: root)
        #expect(!p.conventions.isEmpty)
        for c in p.conventions {
            let computed = DashboardBuilder.Anchors(of: c)
            var light = computed
            light.ids = NameSpace()
            var restored = DashboardBuilder.Anchors(restoring: light)
            #expect(restored.axes == computed.axes && restored.objectifs == computed.objectifs)
            #expect(restored.indicateurs == computed.indicateurs && restored.actions == computed.actions)
            #expect(restored.ids.used == computed.ids.used, "\(c.id.value)")
            var again = computed
            #expect(restored.ids.claim("a-1") == again.ids.claim("a-1"))
        }
        if project == "collisions" {
            let a = DashboardBuilder.Anchors(of: p.conventions[0])
            #expect(a.axes == ["a-1"] && a.objectifs == [["a-1-2"]] && a.actions == [[["a-1-3"]]])
        }
    }
}
