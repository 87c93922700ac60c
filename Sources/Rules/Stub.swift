// TEMPORARY stand-in for the rules work (branch `rules`); deleted at merge.
import Content
import Model

public enum Checker {
    public static func check(_ project: Project, date: Day) -> [Finding] { project.findings.sorted() }
}
