extension Referentiel {
    /// The words of a territory's name as the rule `nom-territoire` compares them
    /// (RULES.md): lower case, accents removed (and œ, æ spelt oe, ae), every run of other
    /// characters than letters and digits a single space, and the words `de du des la le
    /// les l d ville commune` left out — for an EPCI also the words of its kind
    /// (`communaute agglomeration communes urbaine metropole ca cc cu`). « Ville de
    /// Roubaix » and « ROUBAIX » give `["roubaix"]`.
    public static func motsDuNom(_ nom: String, epci: Bool) -> [String] {
        var mots: [String] = []
        var mot = ""
        func couper() {
            if !mot.isEmpty, !(Noms.vides.contains(mot) || (epci && Noms.videsEPCI.contains(mot))) {
                mots.append(mot)
            }
            mot = ""
        }
        for u in nom.lowercased().unicodeScalars {
            if (0x300...0x36F).contains(u.value) { continue }     // a combining accent
            if let sans = Noms.sansAccent[u] {
                mot += sans
            } else if u.properties.isAlphabetic || u.properties.numericType != nil {
                mot.unicodeScalars.append(u)
            } else {
                couper()
            }
        }
        couper()
        return mots
    }

    /// The commune (COM), or with `epci` the EPCI, whose official name is closest to `nom`
    /// (its words, `motsDuNom`, by edit distance), within a département when one is given (an
    /// EPCI then has a member in it). Nil when nothing is near enough to be a plausible slip:
    /// the distance must stay within a third of the shorter name (at least 2), as
    /// `Model.Suggestion` does for keys. On a tie, the larger population, then the lower code.
    public static func plusProche(nom: String, epci: Bool, departement: String?) -> (code: String, nom: String)? {
        let cible = Array(motsDuNom(nom, epci: epci).joined(separator: " ").utf8)
        guard !cible.isEmpty else { return nil }
        let dep: Departement?
        if let departement {
            guard let d = Referentiel.departement(departement) else { return nil }
            dep = d
        } else {
            dep = nil
        }
        var meilleur: (index: Int, distance: Int, population: Int)? = nil
        func essayer(_ index: Int, _ cle: [UInt8], _ population: () -> Int) {
            guard !cle.isEmpty else { return }
            let limite = max(2, min(cible.count, cle.count) / 3)
            guard abs(cible.count - cle.count) <= limite else { return }
            let d = Noms.distance(cible, cle, auPlus: meilleur.map { min($0.distance, limite) } ?? limite)
            guard d <= limite else { return }
            if let m = meilleur {
                if d > m.distance { return }
                let p = population()
                if d == m.distance, p <= m.population { return }
                meilleur = (index, d, p)
            } else {
                meilleur = (index, d, population())
            }
        }
        if epci {
            let cles = Noms.clesEPCI
            for i in cles.indices {
                let e = EPCI(index: i)
                if let dep, !e.membres.contains(where: { Octets.u8($0.record + 6) == dep.index }) { continue }
                essayer(i, cles[i]) { e.population ?? 0 }
            }
            return meilleur.map { (EPCI(index: $0.index).siren, EPCI(index: $0.index).nom) }
        }
        let cles = Noms.clesCommunes
        let plage = dep.map { $0.communes.debut ..< $0.communes.fin } ?? 0 ..< cles.count
        for i in plage {
            essayer(i, cles[i]) { Commune(index: i).population ?? 0 }
        }
        return meilleur.map { (Commune(index: $0.index).code, Commune(index: $0.index).nom) }
    }
}

/// The tables behind `motsDuNom` and `plusProche`.
enum Noms {
    static let vides: Set<String> = ["de", "du", "des", "la", "le", "les", "l", "d", "ville", "commune"]
    static let videsEPCI: Set<String> = ["communaute", "agglomeration", "communes", "urbaine", "metropole", "ca", "cc", "cu"]

    /// Each lower-case Latin letter with a diacritic (U+00C0–U+024F, from Unicode's canonical
    /// decompositions) and its base letter, plus the ligatures œ and æ.
    static let sansAccent: [Unicode.Scalar: String] = {
        let avec = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ"
        let sans = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooy"
        var table: [Unicode.Scalar: String] = ["œ": "oe", "æ": "ae"]
        for (a, s) in zip(avec.unicodeScalars, sans) { table[a] = String(s) }
        return table
    }()

    /// The words of every commune's name (COM, by record), built once on first use: only the
    /// help of a wrong code needs them (about 35,000 names).
    static let clesCommunes: [[UInt8]] = Referentiel.communes.map {
        Array(Referentiel.motsDuNom($0.nom, epci: false).joined(separator: " ").utf8)
    }

    /// The same for the EPCI, by record.
    static let clesEPCI: [[UInt8]] = Referentiel.epcis.map {
        Array(Referentiel.motsDuNom($0.nom, epci: true).joined(separator: " ").utf8)
    }

    /// Levenshtein distance of two byte strings, or a value above `auPlus` as soon as it is
    /// certain to exceed it.
    static func distance(_ a: [UInt8], _ b: [UInt8], auPlus: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Two rows on the stack: this runs for each of 35,000 names.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (b.count + 1)) { buffer in
            var prev = UnsafeMutableBufferPointer(rebasing: buffer[0 ... b.count])
            var cur = UnsafeMutableBufferPointer(rebasing: buffer[(b.count + 1)...])
            for j in 0 ... b.count { prev[j] = j }
            for i in 1 ... a.count {
                cur[0] = i
                var minimum = i
                for j in 1 ... b.count {
                    let v = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    cur[j] = v
                    if v < minimum { minimum = v }
                }
                if minimum > auPlus { return minimum }
                swap(&prev, &cur)
            }
            return prev[b.count]
        }
    }
}
