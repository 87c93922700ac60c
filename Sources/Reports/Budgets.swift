import Foundation
import Model

extension Reports {
    /// The budgets of a convention's actions: the sum of each axe's (nil for an axe none of
    /// whose actions has a budget), and of the whole plan (nil when no action has one).
    public static func budgets(_ c: Convention) -> (parAxe: [Decimal?], total: Decimal?) {
        var parAxe: [Decimal?] = []
        var total: Decimal? = nil
        for axe in c.axes?.value ?? [] {
            // Whole euros added as integers (nearly always), Decimal for the rest.
            var entiers: Int64? = nil, reste: Decimal? = nil
            for o in axe.objectifs?.value ?? [] {
                for a in o.actions?.value ?? [] {
                    guard let b = a.budget?.value else { continue }
                    if let (m, e) = b.scaled, e == 0, case let (s, false) = (entiers ?? 0).addingReportingOverflow(m) {
                        entiers = s
                    } else {
                        reste = (reste ?? 0) + b.decimal
                    }
                }
            }
            let somme: Decimal? = entiers == nil && reste == nil ? nil : Decimal(entiers ?? 0) + (reste ?? 0)
            parAxe.append(somme)
            if let somme { total = (total ?? 0) + somme }
        }
        return (parAxe, total)
    }
}
