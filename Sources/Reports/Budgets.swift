import Foundation
import Model

extension Reports {
    /// The budgets of a convention's actions: the sum of each axe's (nil for an axe none of
    /// whose actions has a budget), and of the whole plan (nil when no action has one).
    public static func budgets(_ c: Convention) -> (parAxe: [Decimal?], total: Decimal?) {
        var parAxe: [Decimal?] = []
        var total: Decimal? = nil
        for axe in c.axes?.value ?? [] {
            var somme: Decimal? = nil
            for o in axe.objectifs?.value ?? [] {
                for a in o.actions?.value ?? [] {
                    if let b = a.budget?.value { somme = (somme ?? 0) + b.decimal }
                }
            }
            parAxe.append(somme)
            if let somme { total = (total ?? 0) + somme }
        }
        return (parAxe, total)
    }
}
