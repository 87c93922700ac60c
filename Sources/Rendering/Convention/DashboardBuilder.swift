import Territoires
import Foundation
import Model
import Reports

/// The parts of a dashboard that its board's dossier, rendered by the same job, reuses.
/// One per convention and job, never shared between threads.
final class DashboardShared {
    var axes: [AxeVue]?
    /// Parts without links, the same on both pages: the timeline, the key figures, the money.
    var calendrier: CalendrierVue?
    var chiffres: ChiffresVue?
    var moyens: MoyensVue??
    /// The points of attention: on both pages, linked by anchor alone.
    var attention: AttentionVue?
    /// The budgets of the actions, by axe and in all.
    var budgets: (parAxe: [Decimal?], total: Decimal?)?
    /// The anchors of the plan with the page's name space, before the body claims its ids:
    /// the same on both pages.
    var anchors: DashboardBuilder.Anchors?
    /// The body, rendered once for both pages.
    var document: MarkdownDocument??
    /// The body as the first page nested it (`nestedBody`): its bytes before, the page's ids
    /// before and after, the result. The second page takes it when its body and ids are the
    /// same (a body whose links all stay the same from the dossier's folder).
    var recit: (avant: [UInt8], ids: NameSpace, apres: NameSpace, recit: Octets?)?
    /// The territory in the referential and its map, made once for both pages.
    var referentiel: (ConventionVue.Officiel?, (svg: Octets, legende: String)?)?
    /// The annexes' bodies, each rendered once for its page and the dossier.
    private var annexes: [Int: MarkdownDocument?] = [:]
    init() {}

    /// Annex `k` of `c`, rendered (read again through the project's reader when it was let go).
    func annexe(_ k: Int, of c: Convention, in map: SiteMap) -> MarkdownDocument? {
        if let d = annexes[k] { return d }
        let a = c.annexes[k]
        let d = map.rendered(a.document, body: a.body)
        annexes[k] = .some(d)
        return d
    }
}

/// The dashboard of one convention (`territoires/ID/index.html`): identity, timeline, key
/// figures, the objectifs-résultats table of each axe with a chart and a year table per
/// indicator, actions, money, diagnostic, articulation, governance, evaluation, narrative,
/// related conventions; in revue mode, each finding beside the block at fault.
struct DashboardBuilder {
    let map: SiteMap
    let index: Int
    let frame: PageFrame
    /// What the dashboard and the board's dossier of the same convention share.
    let shared: DashboardShared
    /// Stored, not computed: a convention is a large value, and each access copied it.
    let entry: ConventionEntry
    let c: Convention

    /// `path`: the page the dashboard is shown on, when not its own (the board's dossier).
    init(map: SiteMap, index: Int, path: String? = nil, shared: DashboardShared = DashboardShared()) {
        self.map = map
        self.index = index
        self.shared = shared
        entry = map.entries[index]
        c = entry.convention
        frame = PageFrame(map: map, path: path ?? entry.path)
    }

    /// Anchors of the plan items by position, claimed first so that valid, unique ids keep
    /// their name; headings of the body come after.
    struct Anchors {
        var ids = NameSpace()
        var axes: [String] = []
        /// `[k][j]`: objectif j of axe k.
        var objectifs: [[String]] = []
        /// `[k][j][i]`: indicator i of objectif j of axe k.
        var indicateurs: [[[String]]] = []
        /// `[k][j][x]`: action x of objectif j of axe k.
        var actions: [[[String]]] = []

        mutating func claim(_ id: Ident) -> String { ids.claim(safeSlug(id.value) ?? "element") }

        /// The anchors of `c`'s plan, with the name space of its page, where the body's
        /// heading ids are claimed next.
        init(of c: Convention) {
            // By index: a for-in loop copies each axe, objectif and indicator (dozens of
            // reference-counted fields each) just to read its id.
            let axes = c.axes?.value ?? []
            var count = 0
            for k in axes.indices {
                let objectifs = axes[k].objectifs?.value ?? []
                count += 1 + objectifs.count
                for j in objectifs.indices {
                    count += (objectifs[j].indicateurs?.value.count ?? 0) + (objectifs[j].actions?.value.count ?? 0)
                }
            }
            // The body's headings are claimed next on the dashboard: room for a few dozen.
            ids = NameSpace(capacity: count + 32)
            self.axes.reserveCapacity(axes.count)
            self.objectifs.reserveCapacity(axes.count)
            self.indicateurs.reserveCapacity(axes.count)
            self.actions.reserveCapacity(axes.count)
            for k in axes.indices {
                self.axes.append(claim(axes[k].id))
                let objectifs = axes[k].objectifs?.value ?? []
                var os: [String] = [], ins: [[String]] = [], xs: [[String]] = []
                os.reserveCapacity(objectifs.count)
                ins.reserveCapacity(objectifs.count)
                xs.reserveCapacity(objectifs.count)
                for j in objectifs.indices {
                    os.append(claim(objectifs[j].id))
                    let inds = objectifs[j].indicateurs?.value ?? []
                    ins.append(inds.indices.map { claim(inds[$0].id) })
                    let acts = objectifs[j].actions?.value ?? []
                    xs.append(acts.indices.map { claim(acts[$0].id) })
                }
                self.objectifs.append(os)
                indicateurs.append(ins)
                actions.append(xs)
            }
        }

        /// The anchors a whole render computed first (`SiteMap.anchors`, without their name
        /// space), with their name space again: what `init(of:)` gives, without slugging and
        /// claiming every id a second time (the name space is the set of the names claimed).
        init(restoring a: Anchors) {
            self = a
            var names: [String] = []
            names.reserveCapacity(a.axes.count + a.objectifs.reduce(0) { $0 + $1.count }
                                  + a.indicateurs.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
                                  + a.actions.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } })
            names += a.axes
            for o in a.objectifs { names += o }
            for i in a.indicateurs { for x in i { names += x } }
            for i in a.actions { for x in i { names += x } }
            ids = NameSpace(reserved: names)
        }
    }

    /// The page's layout and its view.
    func vue() -> (layout: LayoutVue, page: DashboardVue) {
        var anchors = shared.anchors ?? (index < map.anchors.count ? Anchors(restoring: map.anchors[index]) : Anchors(of: c))
        shared.anchors = anchors
        let placement = PlacementConstats(entry: entry, constats: map.constatsParEntree[index] ?? [], anchors: anchors)
        let r = entry.resume
        let date = map.date

        let layout = frame.layoutVue(titre: entry.titre, filAriane: frame.filAriane(entry, courant: true),
                                     impression: (entry.titre, "Situation au \(Format.date(date))"))
        let calendrier = shared.calendrier ?? calendrier()
        shared.calendrier = calendrier
        let chiffres = shared.chiffres ?? chiffres()
        shared.chiffres = chiffres
        // The axes do not depend on the page they are shown on but for the link to their
        // field: the dossier takes the dashboard's, its fields' links made again.
        var axes: [AxeVue]
        if let known = shared.axes {
            let plan = c.axes?.value ?? []
            axes = known
            for k in axes.indices where plan[k].champ != nil {
                axes[k].champ?.url = plan[k].champ.flatMap { map.champByCode[$0.value] }.map { frame.url(map.champs[$0].path) }
            }
        } else {
            let budgets = budgets().parAxe
            axes = (c.axes?.value ?? []).enumerated().map { k, a in
                axe(k, a, anchors: anchors, placement: placement, indicateurs: indicateurs(k, a, anchors: anchors, placement: placement),
                    budget: budgets[k])
            }
        }
        shared.axes = axes
        let moyens = shared.moyens ?? moyens(placement)
        shared.moyens = .some(moyens)
        let document = shared.document ?? map.rendered(c.document, body: c.body)
        shared.document = .some(document)
        let body = map.htmlBytes(ofRendered: document, source: c.file, page: frame.path)
        let recit: Octets?
        if let r = shared.recit, r.avant == body, r.ids == anchors.ids {
            recit = r.recit
            anchors.ids = r.apres
        } else {
            let avant = anchors.ids
            recit = body.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 9 || $0 == 13 }) ? nil : Octets(bytes: nestedBody(body, ids: &anchors.ids))
            shared.recit = (body, avant, anchors.ids, recit)
        }
        let liees = liees()
        let annexes = c.annexes.indices.map { i in ConventionVue.LienAnnexe(titre: c.annexes[i].titre, url: frame.url(entry.annexPath(i))) }
        let conv = ConventionVue(
            titre: entry.titre,
            id: entry.id,
            projet: r.phase == .projet,
            phase: PhaseVue(r.phase),
            echelon: c.echelon?.value.libelle,
            echelonPhrase: c.echelon.map { $0.value == .local ? "Convention locale" : "Convention départementale" },
            territoire: territoire(),
            cadre: cadre(),
            signataires: Liste((c.signataires?.value ?? []).map { s in .init(nom: s.nom?.value, type: s.type?.value.libelle, representant: s.representant?.value) }),
            periode: c.periode.flatMap { p in
                guard let d = p.debut?.value, let f = p.fin?.value else { return nil }
                return .init(texte: Format.periode(d, f), debut: Format.date(d), fin: Format.date(f))
            },
            dateDiagnostic: c.diagnostic?.date.map { Format.date($0.value) },
            deliberationCA: c.deliberationCA.map { Format.date($0.value) },
            signature: c.signature.map { Format.date($0.value) },
            frise: calendrier.frise,
            jalons: calendrier.jalons,
            avancement: calendrier.avancement,
            chiffres: chiffres,
            axes: axes.isEmpty ? nil : AxesVue(items: axes),
            moyens: moyens,
            bonus: bonus(placement),
            diagnostic: diagnostic(placement),
            articulation: articulation(placement),
            gouvernance: gouvernance(placement),
            evaluation: evaluation(placement),
            recit: recit,
            liees: Liste(liees),
            annexes: Liste(annexes),
            liens: !liees.isEmpty || !annexes.isEmpty,
            constatsIdentite: frame.constatsVue(placement.at(.general) + placement.at(.identite)),
            constatsPlan: frame.constatsVue(placement.at(.plan)),
            constatsRecit: frame.constatsVue(placement.at(.recit)))
        var revue: DashboardVue.RevueConvention? = nil
        if map.options.revue {
            let all = map.constatsParEntree[index] ?? []
            revue = DashboardVue.RevueConvention(
                constats: Liste(all.map { frame.constatVue($0, url: placement.ancre(of: $0).map { frame.url(entry.path, ancre: $0) }) }),
                bilan: Format.pluriel(all.count { $0.severity == .error }, "erreur") + ", "
                    + Format.pluriel(all.count { $0.severity == .warning }, "avertissement"),
                aucun: all.isEmpty)
        }
        let attention = shared.attention ?? map.attention([index], frame: frame, titre: "Points d'attention au \(Format.date(date))", surLaPage: true,
                                                          constats: revue.flatMap { $0.aucun ? nil : $0.bilan })
        shared.attention = attention
        let depuis = map.depuisVue(entry: index, frame: frame)
        var sommaire = Self.sommaire(conv)
        // `--depuis`: the block comes right after the points of attention.
        if let depuis { sommaire.insert(.init(ancre: "Depuis", libelle: depuis.titre), at: 1) }
        return (layout, DashboardVue(convention: conv, attention: attention, changementsDepuis: Optionnel(depuis),
                                     revueConvention: revue, sommaire: SommaireVue(titre: "Sur cette page", imprime: false, items: sommaire),
                                     urlDossier: frame.url(entry.dossierPath)))
    }

    /// The indicators of axe `k`, each with its findings.
    func indicateurs(_ k: Int, _ axe: Axe, anchors: Anchors, placement: PlacementConstats) -> [IndicateurVue] {
        var out: [IndicateurVue] = []
        let objectifs = axe.objectifs?.value ?? []
        for j in objectifs.indices {
            let inds = objectifs[j].indicateurs?.value ?? []
            for i in inds.indices {
                out.append(IndicateurVue(inds[i], ancre: anchors.indicateurs[k][j][i], objectif: objectifs[j].libelle?.value, date: map.date,
                                         constats: frame.constatsVue(placement.at(.indicateur(k, j, i))),
                                         known: entry.resume.indicateur(axe: k, objectif: j, indicateur: i), publication: map.publication))
            }
        }
        return out
    }

    func territoire() -> ConventionVue.TerritoireVue? {
        guard let t = c.territoire else { return nil }
        var dep: Lien? = nil
        if let d = map.departementByCode[entry.departement ?? ""], entry.departement != nil, t.type?.value != .departement {
            dep = Lien(libelle: map.departements[d].libelle, url: frame.url(map.departements[d].path))
        }
        let (officiel, carte) = shared.referentiel ?? referentiel()
        shared.referentiel = (officiel, carte)
        return ConventionVue.TerritoireVue(nom: t.nom?.value, type: t.type?.value.libelle, code: t.code?.value,
                                          departement: dep, communes: Liste((t.communes?.value ?? []).map(\.value)),
                                          officiel: Optionnel(officiel), carte: carte?.svg, legendeCarte: carte?.legende)
    }

    /// The territory in the referential, and its map: the same on the dashboard and the dossier.
    func referentiel() -> (ConventionVue.Officiel?, (svg: Octets, legende: String)?) {
        guard let t = c.territoire, let code = t.code?.value else { return (nil, nil) }
        func habitants(_ p: Int?) -> String? { p.map { "\(Format.entier($0))\u{00A0}habitants" } }
        var officiel: ConventionVue.Officiel? = nil
        var departement: Departement? = nil
        switch t.type?.value {
        case .commune:
            guard let k0 = Referentiel.commune(code) else { break }
            let k = k0.parent ?? k0
            officiel = .init(nom: k.nom, nature: "commune", population: habitants(k.population), nombreCommunes: nil,
                             epci: k.epci.map { Format.avecArticle($0.nom) })
            departement = Referentiel.departement(k.departement)
        case .epci:
            guard let e = Referentiel.epci(code) else { break }
            // The nature is said once: « Communauté de communes du Pays de Mormal » says it.
            let nature = Self.natureEPCI(e.type)
            officiel = .init(nom: e.nom, nature: e.nom.lowercased().hasPrefix(nature) ? "EPCI" : nature, population: habitants(e.population),
                             nombreCommunes: Format.pluriel(e.membres.count, "commune membre", "communes membres"), epci: nil)
            departement = t.departement.flatMap { Referentiel.departement($0.value) }
        case .departement:
            guard let d = Referentiel.departement(code) else { break }
            officiel = .init(nom: d.nom, nature: "département", population: habitants(d.population),
                             nombreCommunes: Format.pluriel(d.communes.count, "commune"), epci: nil)
            departement = d
        case nil:
            break
        }
        guard let officiel, let departement else { return (officiel, nil) }
        let communes = t.type?.value == .departement ? [] : communesDuTerritoire(c)
        let dans = communes.filter { $0.departement == departement.code }.count
        let legende = communes.isEmpty
            ? "\(officiel.nom)\u{00A0}: tout le département, hachuré."
            : "\(officiel.nom) dans son département, \(departement.nom) (\(departement.code))\u{00A0}: \(Format.pluriel(dans, "commune hachurée", "communes hachurées")) sur \(Format.entier(departement.communes.count))."
        guard let contour = map.contours[departement.code] ?? Cartes.contours([departement.code])[departement.code] else { return (officiel, nil) }
        let svg = Cartes.territoire(id: "Carte-territoire", contour: contour, communes: communes,
                                          titre: "Carte\u{00A0}: \(officiel.nom) dans son département, \(departement.nom) (\(departement.code))", description: legende)
        return (officiel, (Octets(bytes: svg), legende))
    }

    static func natureEPCI(_ type: String) -> String {
        switch type.trimmingCharacters(in: .whitespaces).uppercased() {
        case "CC": return "communauté de communes"
        case "CA": return "communauté d'agglomération"
        case "CU": return "communauté urbaine"
        case "ME", "METRO", "MET", "M": return "métropole"
        default: return "intercommunalité"
        }
    }

    /// The timeline: SVG, its milestones as a numbered list, and the share of the period elapsed.
    func calendrier() -> CalendrierVue {
        var events: [(String, Day)] = []
        if let d = c.diagnostic?.date?.value { events.append(("Diagnostic partagé", d)) }
        if let d = c.deliberationCA?.value { events.append(("Délibération du conseil d'administration de la Caf", d)) }
        if let d = c.signature?.value { events.append(("Signature", d)) }
        if let e = c.evaluation, let d = e.date?.value { events.append((e.type?.value.libelle ?? "Évaluation", d)) }
        events.sort { $0.1 < $1.1 }
        let jalons = Liste(events.enumerated().map { i, e in ConventionVue.Jalon(numero: String(i + 1), libelle: e.0, date: Format.date(e.1), iso: e.1.iso) })
        guard let debut = c.periode?.debut?.value, let fin = c.periode?.fin?.value, debut <= fin else {
            return CalendrierVue(frise: nil, jalons: jalons, avancement: nil)
        }
        let date = map.date
        let avancement: String
        if date < debut {
            avancement = "Au \(Format.date(date)), la période de la convention n'a pas commencé."
        } else if date > fin {
            avancement = "Au \(Format.date(date)), la période de la convention est terminée."
        } else {
            let part = Reports.roundHalfAwayFromZero(Decimal(date.ordinal - debut.ordinal + 1) * 100 / Decimal(fin.ordinal - debut.ordinal + 1))
            avancement = "Au \(Format.date(date)), \(Format.pourcentage(part)) de la période est écoulée."
        }
        let desc = "Période \(Format.periode(debut, fin)). " + avancement + " "
            + events.enumerated().map { "\($0 + 1)\u{00A0}: \($1.0), \(Format.date($1.1))." }.joined(separator: " ")
        let svg = Charts.frise(id: "Frise", debut: debut, fin: fin, date: date, jalons: events.map(\.1),
                               titre: "Calendrier de la convention", description: desc)
        return CalendrierVue(frise: HTML(svg), jalons: jalons, avancement: avancement)
    }

    /// The budgets of the actions, computed once for both pages.
    func budgets() -> (parAxe: [Decimal?], total: Decimal?) {
        if let b = shared.budgets { return b }
        let b = Reports.budgets(c)
        shared.budgets = b
        return b
    }

    func chiffres() -> ChiffresVue {
        let r = entry.resume
        return ChiffresVue(
            axes: Format.entier(r.axes), objectifs: Format.entier(r.objectifs),
            indicateurs: Format.entier(r.indicateurs), actions: Format.entier(r.actions),
            motAxes: r.axes > 1 ? "axes" : "axe", motObjectifs: r.objectifs > 1 ? "objectifs" : "objectif",
            motIndicateurs: r.indicateurs > 1 ? "indicateurs" : "indicateur",
            motRealisees: r.actionsRealisees > 1 ? "actions réalisées" : "action réalisée",
            actionsRealisees: Format.entier(r.actionsRealisees),
            partRealisees: r.partRealisees.map(Format.pourcentage),
            budgetActions: budgets().total.map(Format.euros),
            actionSocialeCourt: r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosCourtActionSociale,
            actionSocialeExact: r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosActionSociale,
            moyensCourt: r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosCourtTotal,
            moyensExact: r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosTotal,
            moyensPeriode: moyensPeriode(r),
            etats: EtatCompte.liste(r.etats))
    }

    func moyensPeriode(_ r: ConventionResume) -> String? {
        guard let a = r.moyensParAnnee.first?.annee, let b = r.moyensParAnnee.last?.annee else { return nil }
        return a == b ? "en \(a)" : "de \(a) à \(b)"
    }

    func moyens(_ placement: PlacementConstats) -> MoyensVue? {
        let r = entry.resume
        let constats = frame.constatsVue(placement.at(.moyens))
        guard !r.moyensParAnnee.isEmpty || !constats.items.isEmpty else { return nil }
        return MoyensVue(
            captionId: "Tableau-moyens",
            lignes: Liste(r.moyensParAnnee.map { l in
                .init(annee: String(l.annee ?? 0), prestationsLegales: l.eurosPrestationsLegales, actionSociale: l.eurosActionSociale, total: l.eurosTotal)
            }),
            total: r.moyensParAnnee.count > 1
                ? .init(periode: moyensPeriode(r) ?? "", prestationsLegales: r.moyensTotal.eurosPrestationsLegales,
                        actionSociale: r.moyensTotal.eurosActionSociale, total: r.moyensTotal.eurosTotal)
                : nil,
            constats: constats)
    }

    /// The framework (FORMAT.md §3): the convention's, else the site's, else its start's.
    func cadre() -> ConventionVue.CadreVue {
        let k = Reports.cadre(of: c, site: map.project.site.cadre)
        let deduit: String?
        if c.cadre != nil {
            deduit = nil
        } else if map.project.site.cadre != nil {
            deduit = "le cadre que le site donne aux conventions qui n'en nomment pas"
        } else {
            deduit = k == .cnaf2020 ? "d'après le début de la période, en 2020 ou après" : "d'après le début de la période, avant 2020"
        }
        return .init(code: k.rawValue, libelle: k.libelle, deduit: deduit)
    }

    /// The services funded by the bonus territoire, and their totals by type.
    func bonus(_ placement: PlacementConstats) -> BonusVue? {
        let constats = frame.constatsVue(placement.at(.bonus))
        let lignes = BonusVue.lignes(c)
        guard !lignes.isEmpty || !constats.items.isEmpty else { return nil }
        return BonusVue(captionId: "Tableau-bonus", legende: "Équipements financés par le bonus territoire de la convention",
                        avecConvention: false, lignes: lignes, totaux: BonusVue.totaux(Reports.totauxBonus(c)), constats: constats,
                        vide: lignes.isEmpty)
    }

    func diagnostic(_ placement: PlacementConstats) -> DiagnosticVue? {
        let constats = frame.constatsVue(placement.at(.diagnostic))
        guard let d = c.diagnostic else {
            if constats.items.isEmpty { return nil }
            return DiagnosticVue(partenaires: Liste(), besoins: Liste(), typesTerritoire: Liste(), constats: constats)
        }
        var page: DiagnosticVue.Page? = nil
        if let p = d.page?.value, case let .page(path, fragment) = map.target(of: p, in: c.file) {
            let titre = c.annexes.indices.first { entry.annexPath($0) == path }.map { c.annexes[$0].titre }
            page = .init(url: frame.url(path) + (fragment.map { "#" + $0 } ?? ""), titre: titre ?? "Diagnostic complet")
        }
        return DiagnosticVue(
            date: d.date.map { Format.date($0.value) },
            partenaires: Liste((d.partenaires?.value ?? []).map(\.value)),
            besoins: Liste((d.besoins?.value ?? []).map { Vocabulaire.libelle($0.value, in: Vocabulaire.besoins) }),
            typesTerritoire: Liste((d.typeTerritoire?.value ?? []).map { Vocabulaire.libelle($0.value, in: Vocabulaire.typesTerritoire) }),
            page: page,
            constats: constats)
    }

    func articulation(_ placement: PlacementConstats) -> ArticulationVue? {
        let schemas = (c.schemas?.value ?? []).map { Vocabulaire.libelle($0.value, in: Vocabulaire.schemas) }
        let existantes = (c.conventionsExistantes?.value ?? []).map { x in
            ArticulationVue.Existante(
                intitule: x.intitule?.value ?? "(sans intitulé)",
                type: x.type.map { Vocabulaire.libelle($0.value, in: Vocabulaire.typesConventionExistante) },
                debut: x.debut.map { Format.date($0.value) },
                fin: x.fin.map { Format.date($0.value) },
                devenir: x.devenir?.value.libelle)
        }
        let constats = frame.constatsVue(placement.at(.articulation))
        let champs = (c.champs?.value ?? []).map { ch in
            ArticulationVue.Champ(libelle: map.project.site.libelleChamp(ch.value), url: map.champByCode[ch.value].map { frame.url(map.champs[$0].path) })
        }
        if schemas.isEmpty && existantes.isEmpty && champs.isEmpty && constats.items.isEmpty { return nil }
        return ArticulationVue(champs: Liste(champs), schemas: Liste(schemas),
                               existantes: existantes.isEmpty ? nil : .init(captionId: "Tableau-existantes", lignes: existantes),
                               constats: constats)
    }

    func gouvernance(_ placement: PlacementConstats) -> GouvernanceVue? {
        let constats = frame.constatsVue(placement.at(.gouvernance))
        let g = c.gouvernance
        let pilotage = (g?.comitePilotage?.value ?? []).map(\.value)
        let technique = (g?.comiteTechnique?.value ?? []).map(\.value)
        if pilotage.isEmpty && technique.isEmpty && constats.items.isEmpty { return nil }
        return GouvernanceVue(pilotage: Liste(pilotage), technique: Liste(technique), constats: constats)
    }

    func evaluation(_ placement: PlacementConstats) -> EvaluationVue? {
        let constats = frame.constatsVue(placement.at(.evaluation))
        guard let e = c.evaluation else { return constats.items.isEmpty ? nil : EvaluationVue(constats: constats) }
        return EvaluationVue(type: e.type?.value.libelle ?? "Évaluation", date: e.date.map { Format.date($0.value) },
                             synthese: e.synthese?.value, constats: constats)
    }

    /// Its accord-cadre and the local conventions under it; the one it renews and the one that renewed it.
    func liees() -> [LienConvention] {
        var out: [LienConvention] = []
        if let a = c.accordCadre?.value { out.append(frame.lienConvention(a, relation: "Accord-cadre départemental")) }
        for id in map.report.conventionsLocales[entry.id] ?? [] where id != entry.id {
            out.append(frame.lienConvention(id, relation: "Convention locale de l'accord-cadre"))
        }
        if let r = c.renouvelle?.value { out.append(frame.lienConvention(r, relation: "Renouvelle la convention")) }
        if let by = map.report.renouveleePar[entry.id] { out.append(frame.lienConvention(by, relation: "Renouvelée par")) }
        return out
    }

    /// « Sur cette page »: the sections the page has, in order.
    static func sommaire(_ conv: ConventionVue) -> [SommaireVue.Item] {
        var out: [(String, String)] = [("Attention", "Points d'attention"), ("Identite", "Identité"), ("Calendrier", "Calendrier"), ("Chiffres", "Chiffres clés")]
        if conv.axes != nil { out.append(("Plan", "Objectifs, résultats et actions")) }
        if conv.moyens != nil { out.append(("Moyens", "Moyens de la Caf")) }
        if conv.bonus != nil { out.append(("Bonus", "Bonus territoire")) }
        if conv.diagnostic != nil { out.append(("Diagnostic", "Diagnostic partagé")) }
        if conv.articulation != nil { out.append(("Articulation", "Champs, schémas et contrats")) }
        if conv.gouvernance != nil { out.append(("Gouvernance", "Gouvernance")) }
        if conv.evaluation != nil { out.append(("Evaluation", "Évaluation")) }
        if conv.recit != nil { out.append(("Presentation", "Présentation")) }
        if conv.liens { out.append(("Liens", "Conventions liées et annexes")) }
        out.append(("Donnees", "Données ouvertes"))
        return out.map { .init(ancre: $0.0, libelle: $0.1) }
    }
}

extension SiteMap {
    /// The anchors of entry `i`'s plan items. Those a whole render computed first
    /// (`anchors`) hold no name space: enough to link to the items, not to name more ids on
    /// the dashboard. Without a builder: a field page asks for those of each of its
    /// conventions.
    func anchors(of i: Int) -> DashboardBuilder.Anchors {
        i < anchors.count ? anchors[i] : DashboardBuilder.Anchors(of: entries[i].convention)
    }
}
