#!/usr/bin/env python3
"""Synthetic corpus of Conventions territoriales globales for the ctg benchmark.

    python3 bench/gen_corpus.py --n 1000 --out bench/out/ctg-1000 [--seed 1]

Writes OUT/content/site.yml and OUT/content/territoires/<id>.md: N signed conventions
spread over the 101 départements (communes, EPCI, a few departmental ones), each with
3-5 axes, 2-4 objectifs per axe, 1-3 indicateurs and 1-4 actions per objectif, yearly
targets and results, and a 1,500-3,000-word French Markdown body (headings, lists,
emphasis, links to earlier conventions of the corpus). Most follow the 2020 framework
(deduced from their start: four or five years, its common core of fields, a bonus
territoire); a few starting in 2020 name `cadre: cnaf-2013`. About 33 KB per convention,
half of it front matter. The corpus follows ../shared/spec (FORMAT.md, RULES.md):
`ctg check` reports zero findings on it.

The territories are real: current communes (never a commune déléguée or associée), EPCI
and départements of ctg's embedded referential (INSEE COG 2025,
../Sources/CReferentiel/referentiel.bin, read by referentiel.py beside this file), with
their official names, populations (Mayotte's communes have none: an invented one is used)
and, for an EPCI, its members as `communes` (or no `communes`, see front_matter). One
convention per territory; when a département has no territory of the drawn kind left
(N = 5,000 uses nearly every EPCI), another kind is taken, then another département.

Deterministic: convention i depends only on (seed, i) and on conventions 0..i-1, so
the N=100 corpus is the first 100 files of the N=1000 one, byte for byte.
Python 3 standard library only; the YAML is written by hand.
"""
import argparse
import bisect
import datetime as dt
import os
import random
import re
import shutil
import sys
import unicodedata

sys.dont_write_bytecode = True   # no bench/__pycache__ for the module beside this script
from referentiel import Referentiel  # noqa: E402

DATE_REFERENCE = dt.date(2026, 6, 30)  # site.yml: phases and results are judged against it
LAST_RESULT_YEAR = DATE_REFERENCE.year - 1

# "de" form of every département (the name is derived by dropping the article)
DEPS = [tuple(x.split(" ", 1)) for x in """01 de l'Ain|02 de l'Aisne|03 de l'Allier|04 des Alpes-de-Haute-Provence|
05 des Hautes-Alpes|06 des Alpes-Maritimes|07 de l'Ardèche|08 des Ardennes|09 de l'Ariège|10 de l'Aube|11 de l'Aude|
12 de l'Aveyron|13 des Bouches-du-Rhône|14 du Calvados|15 du Cantal|16 de la Charente|17 de la Charente-Maritime|
18 du Cher|19 de la Corrèze|2A de la Corse-du-Sud|2B de la Haute-Corse|21 de la Côte-d'Or|22 des Côtes-d'Armor|
23 de la Creuse|24 de la Dordogne|25 du Doubs|26 de la Drôme|27 de l'Eure|28 d'Eure-et-Loir|29 du Finistère|30 du Gard|
31 de la Haute-Garonne|32 du Gers|33 de la Gironde|34 de l'Hérault|35 d'Ille-et-Vilaine|36 de l'Indre|
37 d'Indre-et-Loire|38 de l'Isère|39 du Jura|40 des Landes|41 de Loir-et-Cher|42 de la Loire|43 de la Haute-Loire|
44 de Loire-Atlantique|45 du Loiret|46 du Lot|47 de Lot-et-Garonne|48 de la Lozère|49 de Maine-et-Loire|
50 de la Manche|51 de la Marne|52 de la Haute-Marne|53 de la Mayenne|54 de Meurthe-et-Moselle|55 de la Meuse|
56 du Morbihan|57 de la Moselle|58 de la Nièvre|59 du Nord|60 de l'Oise|61 de l'Orne|62 du Pas-de-Calais|
63 du Puy-de-Dôme|64 des Pyrénées-Atlantiques|65 des Hautes-Pyrénées|66 des Pyrénées-Orientales|67 du Bas-Rhin|
68 du Haut-Rhin|69 du Rhône|70 de la Haute-Saône|71 de Saône-et-Loire|72 de la Sarthe|73 de la Savoie|
74 de la Haute-Savoie|75 de Paris|76 de la Seine-Maritime|77 de Seine-et-Marne|78 des Yvelines|79 des Deux-Sèvres|
80 de la Somme|81 du Tarn|82 de Tarn-et-Garonne|83 du Var|84 de Vaucluse|85 de la Vendée|86 de la Vienne|
87 de la Haute-Vienne|88 des Vosges|89 de l'Yonne|90 du Territoire de Belfort|91 de l'Essonne|92 des Hauts-de-Seine|
93 de la Seine-Saint-Denis|94 du Val-de-Marne|95 du Val-d'Oise|971 de la Guadeloupe|972 de la Martinique|
973 de la Guyane|974 de La Réunion|976 de Mayotte""".replace("\n", "").split("|")]


def dep_name(de_form):
    return re.sub(r"^(de l'|d'|de la |du |des |de )", "", de_form)


# champ -> (theme starting with "l'", 2 specific indicators (libellé, unité, low, high), 2 specific actions)
CHAMPS = {
    "petite-enfance": ("l'offre d'accueil du jeune enfant",
                       [("Nombre de places en établissement d'accueil du jeune enfant", "places", 20, 400),
                        ("Taux de couverture en accueil du jeune enfant", "%", 30, 75)],
                       ["Créer une micro-crèche", "Ouvrir un relais petite enfance itinérant"]),
    "enfance": ("l'offre de loisirs éducatifs",
                [("Nombre d'enfants accueillis en accueil de loisirs", "enfants", 50, 3000),
                 ("Taux d'occupation des accueils de loisirs", "%", 40, 85)],
                ["Labelliser un plan mercredi", "Ouvrir un accueil de loisirs pendant les petites vacances"]),
    "jeunesse": ("l'autonomie des jeunes",
                 [("Nombre de jeunes accompagnés par le point information jeunesse", "jeunes", 20, 1500),
                  ("Nombre de projets jeunes soutenus", "projets", 2, 60)],
                 ["Créer un conseil des jeunes", "Déployer des promeneurs du Net"]),
    "parentalite": ("l'offre de soutien à la parentalité",
                    [("Nombre de familles participant aux actions parentalité", "familles", 10, 800),
                     ("Taux de fréquentation du lieu d'accueil enfants-parents", "%", 20, 90)],
                    ["Ouvrir un lieu d'accueil enfants-parents", "Organiser des cafés des parents"]),
    "aide-a-domicile": ("l'aide à domicile des familles",
                        [("Nombre d'heures d'intervention à domicile", "heures", 200, 20000),
                         ("Nombre de familles aidées à domicile", "familles", 5, 400)],
                        ["Conventionner avec un service d'aide à domicile",
                         "Informer les maternités sur l'aide à domicile"]),
    "animation-vie-sociale": ("l'animation de la vie sociale",
                              [("Nombre de structures d'animation de la vie sociale agréées", "structures", 1, 25),
                               ("Nombre de bénévoles mobilisés", "bénévoles", 10, 500)],
                              ["Accompagner l'agrément d'un espace de vie sociale",
                               "Créer un fonds local d'initiatives"]),
    "logement-cadre-de-vie": ("l'accompagnement au logement",
                              [("Nombre de diagnostics de décence réalisés", "diagnostics", 10, 500),
                               ("Nombre de ménages accompagnés en prévention des expulsions", "ménages", 5, 400)],
                              ["Créer une commission locale des impayés",
                               "Organiser des ateliers sur les économies d'énergie"]),
    "insertion": ("l'accompagnement vers l'insertion",
                  [("Nombre de places réservées aux parents en insertion", "places", 2, 80),
                   ("Part des bénéficiaires du RSA orientés sous un mois", "%", 30, 90)],
                  ["Réserver des places en crèche à vocation d'insertion professionnelle",
                   "Déployer un dispositif de mobilité solidaire"]),
    "handicap": ("l'accueil inclusif",
                 [("Taux d'enfants en situation de handicap accueillis en structure", "%", 1, 15),
                  ("Nombre de professionnels formés à l'accueil inclusif", "professionnels", 5, 200)],
                 ["Signer une charte de l'accueil inclusif", "Créer un pôle ressources handicap"]),
    "acces-aux-droits": ("l'accès aux droits",
                         [("Nombre de rendez-vous des droits réalisés", "rendez-vous", 30, 2500),
                          ("Part des démarches accompagnées en Maison France services", "%", 10, 80)],
                         ["Déployer un bus France services", "Mettre en place des ateliers numériques"]),
    "temps-libre": ("l'accès aux vacances et aux loisirs",
                    [("Nombre de familles parties en vacances avec l'aide de la Caf", "familles", 10, 600),
                     ("Montant des aides aux vacances versées", "€", 2000, 150000)],
                    ["Organiser des séjours familles accompagnés", "Créer un pass loisirs jeunes"]),
    "familles-vulnerables": ("l'appui aux familles vulnérables",
                             [("Nombre de familles accompagnées par un travailleur social de la Caf", "familles", 10, 900),
                              ("Nombre de parcours séparation engagés", "parcours", 5, 400)],
                             ["Mettre en place un parcours séparation",
                              "Proposer une offre de répit aux familles monoparentales"]),
}
CHAMP_LIST = list(CHAMPS)
SOCLE_2020 = ["petite-enfance", "jeunesse", "parentalite"]
BONUS_TYPES = ["eaje", "eaje", "rpe", "laep", "alsh"]
BONUS_NOMS = {"eaje": "Multi-accueil", "rpe": "Relais petite enfance", "laep": "Lieu d'accueil enfants-parents",
              "alsh": "Accueil de loisirs"}
BONUS_LIEUX = ["du centre", "des Tilleuls", "de la Gare", "du Moulin", "des Prés", "du Parc", "de la Mairie"]
AXE_T = ["Consolider {t}", "Faire de {t} une priorité partagée", "Adapter {t} aux besoins des familles",
         "Garantir l'équité territoriale de {t}"]
OBJ_T = ["Développer {t}", "Renforcer {t} dans les secteurs prioritaires", "Rendre plus lisible {t}",
         "Coordonner les acteurs de {t}", "Garantir la qualité de {t}", "Réduire les inégalités d'accès à {t}",
         "Mieux évaluer {t}"]
IND_T = [("Familles bénéficiaires de {t}", "familles", 10, 1500),
         ("Satisfaction des familles envers {t}", "%", 40, 80),
         ("Partenaires mobilisés pour {t}", "partenaires", 2, 40),
         ("Financements consacrés à {t}", "€", 5000, 400000)]
ACT_T = ["Réaliser un état des lieux de {t}", "Recruter un coordinateur pour {t}",
         "Organiser un forum sur {t}", "Publier un guide de {t}",
         "Former les professionnels de {t}"]
BESOINS = ["logement-indecent", "precarite", "familles-bi-actives", "transports", "expulsions", "autre"]
SCHEMAS = ["sdsf", "petite-enfance-parentalite", "animation-vie-sociale", "plan-accessibilite-services",
           "pacte-territorial-insertion"]
PARTENAIRES = ["Conseil départemental", "MSA", "Éducation nationale", "CCAS", "Mission locale", "France Travail",
               "ARS", "PMI", "Centre social", "UDAF", "ADIL", "Bailleurs sociaux", "Préfecture",
               "Caisse primaire d'assurance maladie", "Relais petite enfance", "Maison France services"]
PILOTES = ["Caf", "Collectivité", "Conseil départemental", "Centre social", "CCAS", "Mission locale"]
SOURCES = ["Caf, données allocataires", "Caf, Sias", "Collectivité, données de gestion", "Insee",
           "Observatoire départemental", "Structures gestionnaires, bilans d'activité"]
# EPCI types of the referential, drawn with these weights (then any EPCI of the département),
# and the population range used when the referential gives none (Mayotte)
EPCI_TYPES = [("CC", 55, 4000, 60000), ("CA", 30, 50000, 300000), ("CU", 8, 150000, 600000),
              ("ME", 7, 300000, 1500000)]

# body text
SUBJ = [("La Caf", 0), ("La collectivité", 0), ("Le comité de pilotage", 0), ("Les partenaires signataires", 1),
        ("L'équipe projet", 0), ("Le centre social", 0), ("Les acteurs associatifs", 1), ("Le diagnostic partagé", 0),
        ("Les élus du territoire", 1), ("Le chargé de coopération", 0), ("La coordination territoriale", 0)]
VERBS = [("s'engage à", "s'engagent à"), ("entend", "entendent"), ("souhaite", "souhaitent"),
         ("vise à", "visent à"), ("prévoit de", "prévoient de"), ("contribue à", "contribuent à"),
         ("doit permettre de", "doivent permettre de"), ("cherche à", "cherchent à")]
COMPL = ["renforcer l'offre d'accueil du jeune enfant", "développer les actions de soutien à la parentalité",
         "améliorer l'accès aux droits des allocataires", "favoriser l'inclusion des enfants en situation de handicap",
         "structurer l'animation de la vie sociale", "accompagner les jeunes vers l'autonomie",
         "lutter contre le non-recours aux prestations", "coordonner les interventions des partenaires",
         "adapter les horaires des équipements aux besoins des familles", "soutenir les familles monoparentales",
         "prévenir les ruptures de parcours", "rendre lisible l'offre de services aux familles",
         "mobiliser les habitants dans la conception des projets", "réduire les inégalités territoriales",
         "accompagner la transition numérique des usagers", "valoriser les initiatives locales"]
MODIF = ["sur l'ensemble du territoire", "en lien étroit avec les partenaires", "d'ici la fin de la convention",
         "dans les quartiers prioritaires", "en priorité dans les communes rurales", "au plus près des familles",
         "dans le respect des compétences de chacun", "à moyens constants", "selon un calendrier partagé",
         "en s'appuyant sur les structures existantes", "avec le soutien financier de la branche Famille"]
CONNECT = ["Par ailleurs,", "En outre,", "Dans ce cadre,", "Ainsi,", "De plus,", "Concrètement,", "Enfin,"]
LINKS = [("caf.fr", "https://www.caf.fr"), ("monenfant.fr", "https://monenfant.fr"),
         ("data.caf.fr", "https://data.caf.fr"), ("l'Insee", "https://www.insee.fr/fr/statistiques"),
         ("service-public.fr", "https://www.service-public.fr")]
EXTRA_H2 = ["Éléments de contexte", "Articulation avec les autres dispositifs", "Moyens mobilisés",
            "Communication et valorisation", "Perspectives"]
MOIS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
VOWELS = "aeiouyhéèêàâîôûœAEIOUYHÉÈÊÀÂÎÔÛŒ"


# ---------------------------------------------------------------- helpers
def slug(s):
    s = unicodedata.normalize("NFKD", s.replace("œ", "oe").replace("Œ", "oe")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def de(nom):
    """« de » before an official commune name, which carries its article (INSEE's TNCC):
    du Havre, des Mureaux, des Marais (Aux Marais), de La Rochelle, de L'Haÿ-les-Roses,
    d'Orléans, de Paris."""
    if nom.startswith("Le "):
        return "du " + nom[3:]
    if nom.startswith("Les ") or nom.startswith("Aux "):
        return "des " + nom[4:]
    return ("d'" if nom[0] in VOWELS else "de ") + nom


def de_epci(nom):
    """« de » before an EPCI's official name: de la Communauté de communes…, de la Métropole
    du Grand Paris, de l'Eurométropole de Strasbourg, de Metz Métropole."""
    if nom.startswith(("Communauté", "Métropole")):
        return "de la " + nom
    if nom.startswith(("Agglomération", "Eurométropole")):
        return "de l'" + nom
    return de(nom)


def fr_date(d):
    return f"{'1er' if d.day == 1 else d.day} {MOIS[d.month - 1]} {d.year}"


def fr_num(x):
    s = f"{x:,.1f}" if isinstance(x, float) else f"{x:,d}"
    return s.replace(",", "\u202f").replace(".", ",")


class Code(str):
    """Written single-quoted: '08', '2A004', '244700019'."""


PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ][^:#\[\]{},\"\n]*\Z")
RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def sc(v):
    """One YAML scalar."""
    if isinstance(v, Code):
        return "'" + v + "'"
    if isinstance(v, (dt.date, int)):
        return str(v) if not isinstance(v, dt.date) else v.isoformat()
    if isinstance(v, float):
        return f"{v:.1f}"
    if PLAIN.match(v) and v.lower() not in RESERVED and not v.endswith(" "):
        return v
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_seq(xs):
    return "[" + ", ".join(sc(x) for x in xs) + "]"


def flow_map(d):
    return "{" + ", ".join(f"{k}: {sc(v)}" for k, v in d.items()) + "}"


def emit(node, ind=0):
    """Block YAML for dicts/lists; leaves: scalars, ('flow', list|dict) tuples."""
    pad, out = " " * ind, []
    for k, v in node.items():
        if isinstance(v, tuple):
            out.append(f"{pad}{k}: {flow_seq(v[1]) if isinstance(v[1], list) else flow_map(v[1])}")
        elif isinstance(v, dict):
            out.append(f"{pad}{k}:")
            out += emit(v, ind + 2)
        elif isinstance(v, list):
            out.append(f"{pad}{k}:")
            for item in v:
                if isinstance(item, tuple):
                    out.append(f"{pad}- {flow_map(item[1])}")
                elif isinstance(item, dict):
                    sub = emit(item, ind + 2)
                    out.append(f"{pad}- {sub[0].lstrip()}")
                    out += sub[1:]
                else:
                    out.append(f"{pad}- {sc(item)}")
        else:
            out.append(f"{pad}{k}: {sc(v)}")
    return out


def F(x):
    return ("flow", x)


# ---------------------------------------------------------------- generator
class Corpus:
    def __init__(self, seed, ref):
        self.seed = seed
        self.codes = set()    # territoire codes already used (one convention per territoire)
        self.dep_ctg = {}     # département -> (id, debut year) of its departmental convention
        self.by_dep = {}      # département -> [(id, "de" + name)] of earlier conventions
        self.ids = []         # every earlier (id, "de" + name)
        self.ref = ref
        self.dep_nom = {}     # département -> its official name, checked against the "de" form
        for dep, dede in DEPS:
            official = ref.departement[dep].nom
            assert dep_name(dede) == official, (dede, official)
            self.dep_nom[dep] = official
        # communes still free, by département: (population, code), population order; Mayotte's
        # communes have no population (they are drawn at random, see pick_commune)
        self.free_communes = {d.code: sorted((c.population or 0, c.code) for c in d.communes)
                              for d in ref.departements}
        # EPCI still free, by département: each EPCI belongs to the département of most of its
        # population (that of most of its members when none is known), in SIREN order
        self.free_epci = {d.code: [] for d in ref.departements}
        for e in ref.epcis:
            weight = {}
            for m in e.membres:
                c = ref.commune[m]
                w = weight.setdefault(c.departement, [0, 0])
                w[0] += c.population or 0
                w[1] += 1
            home = max(sorted(weight), key=lambda d: weight[d])
            self.free_epci[home].append(e)

    def pick_commune(self, r, dep):
        """An unused commune of dep, the one whose population is closest to a log-uniform
        draw between 800 and 250,000 (as the invented communes had), None when none is left."""
        free = self.free_communes[dep]
        target = int(10 ** r.uniform(2.9, 5.4))
        if not free:
            return None
        if free[-1][0] == 0:   # no population known
            _, code = free.pop(r.randrange(len(free)))
            return self.ref.commune[code], target
        k = bisect.bisect_left(free, (target, ""))
        if k == len(free) or (k > 0 and target - free[k - 1][0] <= free[k][0] - target):
            k -= 1
        pop, code = free.pop(k)
        return self.ref.commune[code], pop

    def pick_epci(self, r, dep):
        """An unused EPCI of dep, of a type drawn with EPCI_TYPES' weights when the département
        has one left, else of any type; None when none is left."""
        typ, _, lo, hi = r.choices(EPCI_TYPES, [w for _, w, _, _ in EPCI_TYPES])[0]
        fallback = r.randint(lo, hi)
        free = self.free_epci[dep]
        if not free:
            return None
        pool = [k for k, e in enumerate(free) if e.type == typ] or range(len(free))
        e = free.pop(r.choice(pool))
        return e, e.population or fallback

    def territoire(self, r):
        """A territory no earlier convention has: a random département, then a commune (60 %),
        an EPCI (32 %) or the département itself (8 %, once); when the département has no
        territory of that kind left, the other kinds, then another département."""
        while True:
            dep, dede = r.choice(DEPS)
            kind = r.choices(["commune", "epci", "departement"], [60, 32, 8])[0]
            order = {"commune": ["commune", "epci"], "epci": ["epci", "commune"],
                     "departement": ["departement", "epci", "commune"]}[kind]
            for kind in order:
                if kind == "commune":
                    got = self.pick_commune(r, dep)
                    if got:
                        c, pop = got
                        code, nom, members = c.code, c.nom, None
                        break
                elif kind == "epci":
                    got = self.pick_epci(r, dep)
                    if got:
                        e, pop = got
                        code, nom, members = e.siren, e.nom, e.membres
                        break
                elif dep not in self.dep_ctg:
                    d = self.ref.departement[dep]
                    code, nom, members = dep, self.dep_nom[dep], None
                    pop = d.population or r.randint(75000, 2600000)
                    break
            else:
                continue
            break
        assert code not in self.codes
        self.codes.add(code)
        return dict(dep=dep, dede=dede, kind=kind, code=code, nom=nom, pop=pop, members=members)

    def indicateur(self, r, iid, lib, unite, lo, hi, debut, fin):
        pct = unite == "%"
        q = (lambda v: round(min(v, 100.0), 1)) if pct else (lambda v: int(round(v)))
        ref = r.uniform(lo, hi * 0.8)
        baisse = pct and r.random() < 0.15
        step = -r.uniform(0.02, 0.08) if baisse else r.uniform(0.02, 0.12)
        cibles, res = {}, {}
        for n, y in enumerate(range(debut, fin + 1), 1):
            c = ref * (1 + step * n)
            cibles[y] = q(c)
            if y <= LAST_RESULT_YEAR and r.random() > 0.07:
                res[y] = q(c * r.uniform(0.6, 1.25))
        ind = {"id": iid, "libelle": lib, "unite": unite}
        if baisse:
            ind["sens"] = "baisse"
        ind["reference"] = F({"annee": debut - 1, "valeur": q(ref)})
        ind["cibles"] = F(cibles)
        if res:
            ind["resultats"] = F(res)
        if r.random() < 0.7:
            ind["source"] = r.choice(SOURCES)
        return ind

    def front_matter(self, r, t):
        dep, kind, nom = t["dep"], t["kind"], t["nom"]
        tid = f"{slug(nom)[:48].strip('-')}-{t['code'].lower()}"
        debut_y = r.randint(2020, 2024)
        # The framework (FORMAT §3): nearly every CTG starting from 2020 follows the circular of
        # 16 January 2020 (no `cadre`: it is deduced from the start), four or five years long;
        # a few of 2020, signed in 2019, still follow the 2013 one (`cadre: cnaf-2013`, four years).
        cadre2013 = debut_y == 2020 and r.random() < 0.4
        fin_y = debut_y + (3 if cadre2013 or r.random() < 0.3 else 4)
        debut, fin = dt.date(debut_y, 1, 1), dt.date(fin_y, 12, 31)
        caf = {"nom": f"Caf {t['dede']}", "type": "caf", "representant": r.choice(["Le directeur", "La directrice"])}
        cd = {"nom": f"Département {t['dede']}", "type": "departement", "code": Code(dep)}
        if kind == "commune":
            coll = {"nom": f"{'Ville' if t['pop'] >= 10000 else 'Commune'} {de(nom)}", "type": "commune",
                    "code": Code(t["code"]), "representant": r.choice(["Le maire", "La maire"])}
        elif kind == "epci":
            coll = {"nom": nom, "type": "epci", "code": Code(t["code"]),
                    "representant": r.choice(["Le président", "La présidente"])}
        else:
            coll = dict(cd, representant=r.choice(["Le président du conseil départemental",
                                                   "La présidente du conseil départemental"]))
        sig = [caf, coll]
        communes = None
        if kind == "epci":
            # its members in the referential, and up to two of them as signataires. Some
            # conventions leave the members out (allowed: ctg then takes the referential's);
            # an EPCI may span départements (RULES v2).
            if r.random() < 0.85:
                communes = t["members"]
            for c in r.sample(t["members"], min(len(t["members"]), r.randint(0, 2))):
                k = self.ref.commune[c]
                ville = "Ville" if (k.population or 0) >= 10000 else "Commune"
                sig.append({"nom": f"{ville} {de(k.nom)}", "type": "commune", "code": Code(c)})
        if r.random() < 0.4:
            sig.append({"nom": f"MSA {t['dede']}", "type": "autre" if cadre2013 else "msa"})
        if not cadre2013 and r.random() < 0.15:
            sig.append({"nom": f"Préfecture {t['dede']}", "type": "etat"})
        if kind != "departement" and r.random() < 0.3:
            sig.append(cd)
        diag = dt.date(debut_y - 1, r.randint(1, 8), r.randint(1, 28))
        delib = diag + dt.timedelta(days=r.randint(20, 120))
        signature = delib + dt.timedelta(days=r.randint(7, 150))
        if cadre2013:
            axe_champs = r.sample(CHAMP_LIST, r.randint(3, 5))
        else:
            # The common core of the 2020 framework, and one or two more fields (socle-champs).
            autres = [c for c in CHAMP_LIST if c not in SOCLE_2020]
            axe_champs = SOCLE_2020 + r.sample(autres, r.randint(1, 2))
            r.shuffle(axe_champs)
        territoire = {"nom": nom, "type": kind, "code": Code(t["code"]), "departement": Code(dep)}
        if communes:
            territoire["communes"] = F([Code(c) for c in communes])
        fm = {"id": tid, "titre": f"Convention territoriale globale {debut_y}-{fin_y} — {nom}",
              **({"cadre": "cnaf-2013"} if cadre2013 else {}),
              "echelon": "departemental" if kind == "departement" else "local",
              "territoire": territoire, "signataires": sig,
              "periode": {"debut": debut, "fin": fin}, "deliberation_ca": delib, "signature": signature}
        if kind != "departement" and dep in self.dep_ctg and abs(self.dep_ctg[dep][1] - debut_y) <= 3 \
                and r.random() < 0.7:
            fm["accord_cadre"] = self.dep_ctg[dep][0]
        if kind == "departement":
            tt = ["urbain", "rural", "periurbain"]
        elif t["pop"] >= 30000:
            tt = ["urbain"] + (["zone-urbaine-sensible"] if r.random() < 0.5 else [])
        else:
            tt = ["rural"] + (["desertification-services-publics"] if r.random() < 0.4 else [])
        fm["diagnostic"] = {"date": diag,
                            "partenaires": [caf["nom"], coll["nom"]] + r.sample(PARTENAIRES, r.randint(1, 4)),
                            "besoins": F(sorted(r.sample(BESOINS, r.randint(1, 3)), key=BESOINS.index)),
                            "type_territoire": F(tt)}
        fm["champs"] = F(sorted(axe_champs, key=CHAMP_LIST.index))
        fm["schemas"] = F([s for s in SCHEMAS if r.random() < (0.9 if s == "sdsf" else 0.3)] or ["sdsf"])
        ex = []
        if r.random() < 0.7:
            # Under the 2020 framework a Cej still running when the CTG starts is integrated
            # into it (transition-cej): some end during its first year.
            cej_fin = debut_y if not cadre2013 and r.random() < 0.3 else debut_y - 1
            ex.append({"type": "cej", "intitule": f"Contrat enfance jeunesse {cej_fin - 3}-{cej_fin}",
                       "debut": dt.date(cej_fin - 3, 1, 1), "fin": dt.date(cej_fin, 12, 31), "devenir": "integre"})
        if r.random() < 0.3:
            ex.append({"type": "prestation-service", "intitule": "Prestation de service accueil de loisirs",
                       "devenir": "maintenu"})
        if ex:
            fm["conventions_existantes"] = ex
        if not cadre2013 and kind != "departement":
            # The services the bonus territoire funds, in communes of the territory.
            lieux = t["members"] if kind == "epci" else [t["code"]]
            bonus = []
            for _ in range(r.randint(1, 4)):
                type_ = r.choice(BONUS_TYPES)
                b = {"type": type_, "nom": f"{BONUS_NOMS[type_]} {r.choice(BONUS_LIEUX)}", "commune": Code(r.choice(lieux))}
                if type_ in ("eaje", "alsh"):
                    b["places"] = r.randint(10, 120)
                if r.random() < 0.8:
                    b["debut"] = dt.date(r.randint(debut_y, min(fin_y, LAST_RESULT_YEAR)), r.choice([1, 9]), 1)
                bonus.append(b)
            fm["bonus_territoire"] = bonus
        pl, asoc, g = t["pop"] * r.uniform(1100, 1900), t["pop"] * r.uniform(60, 140), r.uniform(0.005, 0.035)
        fm["moyens"] = [F({"annee": y, "prestations_legales": int(round(pl * (1 + g) ** n, -3)),
                           "action_sociale": int(round(asoc * (1 + g) ** n, -3))})
                        for n, y in enumerate(range(debut_y, fin_y + 1))]
        pil = [s["nom"] for s in sig]
        fm["gouvernance"] = {"comite_pilotage": F(pil),
                             "comite_technique": F(pil + [p for p in r.sample(PARTENAIRES, 3) if p not in pil])}
        axes = []
        for a, champ in enumerate(axe_champs, 1):
            theme, inds, acts = CHAMPS[champ]
            ind_pool = inds + [(l.format(t=theme), u, lo, hi) for l, u, lo, hi in IND_T]
            act_pool = acts + [x.format(t=theme) for x in ACT_T]
            objs = []
            for o, otpl in enumerate(r.sample(OBJ_T, r.randint(2, 4)), 1):
                oid = f"a{a}-o{o}"
                ii = [self.indicateur(r, f"{oid}-i{k}", *spec, debut_y, fin_y)
                      for k, spec in enumerate(r.sample(ind_pool, r.randint(1, 3)), 1)]
                xx = []
                for lib in r.sample(act_pool, r.randint(1, 4)):
                    ech = dt.date(r.randint(debut_y, fin_y), r.choice([3, 6, 9, 12]), r.choice([15, 28, 30]))
                    u = r.random()
                    etat = (("realisee" if u < 0.75 else "en-cours" if u < 0.9 else "abandonnee")
                            if ech < DATE_REFERENCE else ("prevue" if u < 0.55 else "en-cours"))
                    x = {"libelle": lib, "pilote": r.choice(PILOTES),
                         "partenaires": F(r.sample(PARTENAIRES, r.randint(1, 3))), "echeance": ech, "etat": etat}
                    if r.random() < 0.5:
                        x["budget"] = r.randint(4, 500) * 500
                    xx.append(x)
                objs.append({"id": oid, "libelle": otpl.format(t=theme), "indicateurs": ii, "actions": xx})
            axes.append({"id": f"a{a}", "titre": r.choice(AXE_T).format(t=theme), "champ": champ, "objectifs": objs})
        fm["axes"] = axes
        if fin < DATE_REFERENCE:
            ev = {"date": fin + dt.timedelta(days=r.randint(-60, 150)), "type": "finale"}
        elif r.random() < 0.5:
            ev = {"date": dt.date(debut_y + 2, r.randint(1, 6), r.randint(1, 28)), "type": "intermediaire"}
        else:
            ev = None
        if ev:
            ev["synthese"] = "Évaluation conduite avec les partenaires. " + self.sentence(r)
            fm["evaluation"] = ev
        return fm

    # ------------------------------------------------------------ body
    def sentence(self, r):
        subj, pl = r.choice(SUBJ)
        verb, comp, u = r.choice(VERBS)[pl], r.choice(COMPL), r.random()
        if verb.endswith(" de") and comp[0] in VOWELS:
            verb = verb[:-3] + " d'"
        else:
            verb += " "
        comp = f"*{comp}*" if u < 0.12 else f"**{comp}**" if u < 0.18 else comp
        s = f"{subj} {verb}{comp} {r.choice(MODIF)}"
        if u > 0.95:
            s += ", comme le précise [{}]({})".format(*r.choice(LINKS))
        if r.random() < 0.3:
            s = f"{r.choice(CONNECT)} {s[0].lower()}{s[1:]}"
        return s + "."

    def data_sentence(self, r, t):
        k = r.randint(0, 3)
        if k == 0:
            return (f"Le territoire compte {fr_num(t['pop'])} habitants, dont "
                    f"{fr_num(round(r.uniform(18, 31), 1))} % de moins de 20 ans.")
        if k == 1:
            return (f"Le taux de couverture en accueil du jeune enfant s'établit à "
                    f"{fr_num(round(r.uniform(35, 80), 1))} %, contre 59,8 % au niveau national.")
        if k == 2:
            n = max(50, int(t["pop"] * r.uniform(0.12, 0.3)))
            return f"{fr_num(n)} allocataires sont connus de la Caf, soit {fr_num(int(n * 2.4))} personnes couvertes."
        return f"Les familles monoparentales représentent {fr_num(round(r.uniform(12, 35), 1))} % des familles allocataires."

    def paragraph(self, r, t, n=None):
        return " ".join(self.data_sentence(r, t) if r.random() < 0.15 else self.sentence(r)
                        for _ in range(n or r.randint(3, 7)))

    def body(self, r, fm, t):
        target = r.randint(1500, 3000)
        p = fm["periode"]
        L = [f"# {fm['titre']}", "",
             f"> Convention signée le {fr_date(fm['signature'])} entre "
             f"{', '.join(s['nom'] for s in fm['signataires'])} pour la période du {fr_date(p['debut'])} "
             f"au {fr_date(p['fin'])}.", "", "## Préambule", "", self.paragraph(r, t), ""]
        if "accord_cadre" in fm:
            L += [f"Elle s'inscrit dans [la convention territoriale globale départementale]({fm['accord_cadre']}.md), "
                  "qui fixe les orientations communes au département.", ""]
        L += ["## Diagnostic partagé", "", self.paragraph(r, t), "", "### Besoins identifiés", ""]
        L += [f"- {c[0].upper()}{c[1:]} {r.choice(MODIF)} ;" for c in r.sample(COMPL, r.randint(3, 5))] + [""]
        L += [self.paragraph(r, t), "", "## Enjeux", ""]
        for a in fm["axes"]:
            L += [f"### {a['titre']}", "", self.paragraph(r, t), ""]
        L += ["## Plan d'actions", "", self.paragraph(r, t), ""]
        for a in fm["axes"]:
            L.append(f"- **{a['id']} — {a['titre']}**")
            L += [f"  - {o['libelle']} (_{len(o['actions'])} action(s)_)" for o in a["objectifs"]]
        L += ["", "## Gouvernance", "", self.paragraph(r, t), "", "Le calendrier de suivi :", ""]
        L += [f"{n}. {s} ;" for n, s in enumerate(["Réunion de lancement", "Bilan annuel", "Revue des indicateurs",
                                                   "Évaluation finale"], 1)] + [""]
        # links to earlier conventions of the corpus (same département first): they exist in the prefix
        near = self.by_dep.get(t["dep"], [])
        others = near[-3:] or (r.sample(self.ids, min(2, len(self.ids))) if self.ids else [])
        if others:
            L += ["## Coopérations territoriales", "",
                  "La démarche s'appuie sur les conventions voisines : "
                  + ", ".join(f"[la CTG {n}]({i}.md)" for i, n in others) + ".", ""]
        words = len(" ".join(L).split())
        e = 0
        while words < target:
            if e % 3 == 0:
                L += [f"## {EXTRA_H2[(e // 3) % len(EXTRA_H2)]}", ""]
            par = self.paragraph(r, t, r.randint(4, 8))
            words += len(par.split())
            L += [par, ""]
            if r.random() < 0.25:
                items = [f"- {c[0].upper()}{c[1:]} {r.choice(MODIF)} ;" for c in r.sample(COMPL, r.randint(3, 5))]
                words += sum(len(x.split()) for x in items)
                L += items + [""]
            e += 1
        return "\n".join(L)

    def feuille(self, fm):
        """One convention in eight keeps its last year's results in a sheet, as Caf staff do
        (issue 23): an Excel-style CSV (Windows-1252, semicolons, decimal commas) named by
        `tableur:`; those results leave the front matter. None when the convention has none."""
        rows = []
        for a in fm["axes"]:
            for o in a["objectifs"]:
                for ind in o["indicateurs"]:
                    res = ind.get("resultats")
                    if not res or not res[1]:
                        continue
                    y = max(res[1])
                    v = res[1].pop(y)
                    rows.append(f"{ind['id']};{ind['libelle']};{y};{str(v).replace('.', ',')}")
                    if not res[1]:
                        del ind["resultats"]
        if not rows:
            return None
        fm["tableur"] = fm["id"] + "-resultats.csv"
        text = "Indicateur;Libellé;Année;Résultat\r\n" + "\r\n".join(rows) + "\r\n"
        return fm["tableur"], text.encode("cp1252", errors="replace")

    def document(self, i):
        r = random.Random(f"ctg-bench:{self.seed}:{i}")
        t = self.territoire(r)
        fm = self.front_matter(r, t)
        self.sheet = self.feuille(fm) if i % 8 == 3 else None
        text = "---\n" + "\n".join(emit(fm)) + "\n---\n\n" + self.body(r, fm, t) + "\n"
        if t["kind"] == "departement":
            self.dep_ctg[t["dep"]] = (fm["id"], fm["periode"]["debut"].year)
        name = {"departement": t["dede"], "epci": de_epci(t["nom"])}.get(t["kind"]) or de(t["nom"])
        self.by_dep.setdefault(t["dep"], []).append((fm["id"], name))
        self.ids.append((fm["id"], name))
        return fm["id"], text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of conventions")
    ap.add_argument("--out", required=True, help="project folder (its content/ is replaced)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    content = os.path.join(a.out, "content")
    shutil.rmtree(content, ignore_errors=True)
    tdir = os.path.join(content, "territoires")
    os.makedirs(tdir)
    with open(os.path.join(content, "site.yml"), "w", encoding="utf-8") as f:
        f.write("titre: Conventions territoriales globales (corpus de mesure)\n"
                "caf: Réseau des Caf (corpus synthétique)\nurl: https://ctg.example.org/\n"
                f"date_reference: {DATE_REFERENCE.isoformat()}\n")
    c, total = Corpus(a.seed, Referentiel()), 0
    for i in range(a.n):
        cid, text = c.document(i)
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(tdir, cid + ".md"), "wb") as f:
            f.write(data)
        if c.sheet:
            with open(os.path.join(tdir, c.sheet[0]), "wb") as f:
                f.write(c.sheet[1])
    print(f"{a.n} conventions, {total / 1e6:.1f} MB, in {tdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
