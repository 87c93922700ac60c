import Model
import Reports

/// How an indicator's values are shown under the secret statistique (`SecretStatistique`):
/// on a public site a withheld value reads « < 5 » and is not drawn, and a taux that would
/// give it back is not published; a review build (`--revue`) shows staff the true value,
/// marked as not publishable. Every page and open-data file takes its values through here.
struct Publication: Sendable {
    let secret: SecretStatistique
    let revue: Bool

    /// After a true value shown to staff.
    static let marque = " (non publiable\u{00A0}: secret statistique)"
    /// In place of a withheld taux.
    static let tauxRetenu = "non publié (secret statistique)"

    /// Whether point `p` of an indicator that counts people or not (`effectif`) is withheld.
    func retient(_ p: Point?, _ effectif: Bool) -> Bool {
        guard let p else { return false }
        return secret.retient(p.valeur, effectif: effectif)
    }

    /// Value `p` as a page shows it.
    func valeur(_ p: Point, effectif: Bool, unite: String?) -> String {
        let t = Format.valeur(p.valeur, unite: unite)
        guard secret.retient(p.valeur, effectif: effectif) else { return t }
        return revue ? t + Self.marque : secret.texte
    }

    /// Taux `t`, from the reference and the last result, as a page shows it: withheld with
    /// either of them.
    func taux(_ t: Int?, reference: Point?, dernier: Point?, effectif: Bool) -> String? {
        guard let t else { return nil }
        let s = Format.pourcentage(t)
        guard retient(reference, effectif) || retient(dernier, effectif) else { return s }
        return revue ? s + Self.marque : Self.tauxRetenu
    }

    /// Taux `t` of `ind` at `date` as a page shows it (the reference and the last result are
    /// looked up).
    func taux(_ t: Int?, de ind: Indicateur, date: Day) -> String? {
        guard t != nil else { return nil }
        let effectif = SecretStatistique.compteDesPersonnes(ind)
        guard effectif else { return t.map(Format.pourcentage) }
        let r = Reports.resume(ind, date: date, known: IndicateurEtat(taux: t, etat: .nonRenseigne))
        return taux(t, reference: r.reference, dernier: r.dernierResultat, effectif: effectif)
    }

    /// The note under a chart that leaves withheld values out.
    var noteGraphique: String {
        "Les valeurs de 1 à \(secret.seuil - 1) ne sont pas publiées (secret statistique)\u{00A0}: le graphique ne les trace pas."
    }
}
