"""Reads the parts of ctg's territory referential that the benchmark corpus needs.

    from referentiel import Referentiel
    ref = Referentiel()          # ../Sources/CReferentiel/referentiel.bin, next to this folder

The file (format 1) is written by scripts/referentiel.py and described in
Sources/Territoires/FORMAT-REFERENTIEL.md. Only the current communes (COM: code, official
name with its article, population, département, EPCI), the EPCI (SIREN, name, type,
population, members) and the départements (code, name, population) are read; outlines, postal codes,
régions, communes déléguées, associées and arrondissements are skipped. Python 3 standard
library only; everything comes out in the file's order (by code, by SIREN), so it is
deterministic.
"""
import os
import struct

DEFAULT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "..", "Sources", "CReferentiel", "referentiel.bin")
NONE32 = 0xFFFFFFFF
NONE16 = 0xFFFF
S_STRINGS, S_DEPARTEMENTS, S_COMMUNES, S_EPCI, S_LISTS = 0, 2, 4, 6, 10


class Commune:
    __slots__ = ("code", "nom", "population", "departement", "epci")

    def __init__(self, code, nom, population, departement, epci):
        self.code, self.nom, self.population = code, nom, population  # population: None when unknown
        self.departement, self.epci = departement, epci               # département code; EPCI SIREN or None


class EPCI:
    __slots__ = ("siren", "nom", "type", "population", "membres")

    def __init__(self, siren, nom, type_, population, membres):
        self.siren, self.nom, self.type, self.population = siren, nom, type_, population
        self.membres = membres   # commune codes, in code order


class Departement:
    __slots__ = ("code", "nom", "population", "communes")

    def __init__(self, code, nom, population, communes):
        self.code, self.nom, self.population = code, nom, population
        self.communes = communes   # its communes (COM), in code order


class Referentiel:
    def __init__(self, path=DEFAULT_PATH):
        with open(path, "rb") as f:
            b = f.read()
        magic, version, size = struct.unpack_from("<8sII", b, 0)
        if magic != b"CTGREF\0\1" or version != 1 or size != len(b):
            raise ValueError(f"{path}: not a format-1 referential of ctg")
        self.date = b[16:26].decode("ascii")
        dir_off, nsec = struct.unpack_from("<II", b, 32)
        sec = [struct.unpack_from("<II", b, dir_off + 8 * k) for k in range(nsec)]
        s_off = sec[S_STRINGS][0]

        def string(ref):
            o, n = ref & 0xFFFFFF, ref >> 24
            return b[s_off + o:s_off + o + n].decode("utf-8")

        def pop(v):
            return None if v == NONE32 else v

        # Départements (32 B): code, région, name, population, first commune, commune count, ...
        off, count = sec[S_DEPARTEMENTS]
        deps = [struct.unpack_from("<3sBIIIH", b, off + 32 * k) for k in range(count)]
        dep_codes = [d[0].rstrip(b"\0").decode("ascii") for d in deps]

        # EPCI (32 B): SIREN, name, type, members offset (items of LISTS), member count, population
        off, count = sec[S_EPCI]
        raw_epci = [struct.unpack_from("<II4sIH2xI", b, off + 32 * k) for k in range(count)]
        sirens = [f"{e[0]:09d}" for e in raw_epci]

        # Communes (24 B): code, kind, département index, 0, name, population, parent, EPCI index
        off, _ = sec[S_COMMUNES]
        communes = []
        ncom = sum(d[5] for d in deps)   # the COM come first, one range per département
        for k in range(ncom):
            code, kind, di, _, nom, p, _, ei = struct.unpack_from("<5sBBBIIHH", b, off + 24 * k)
            assert kind == 0, "the communes (COM) come first"
            communes.append(Commune(code.decode("ascii"), string(nom), pop(p), dep_codes[di],
                                    None if ei == NONE16 else sirens[ei]))
        self.communes = communes
        self.commune = {c.code: c for c in communes}

        l_off = sec[S_LISTS][0]
        self.epcis = []
        for e, siren in zip(raw_epci, sirens):
            _, nom, type_, m_off, m_n, p = e
            idx = struct.unpack_from(f"<{m_n}H", b, l_off + 2 * m_off)
            self.epcis.append(EPCI(siren, string(nom), type_.rstrip(b"\0").decode("ascii"), pop(p),
                                   [communes[i].code for i in idx]))
        self.epci = {e.siren: e for e in self.epcis}

        self.departements = [Departement(code, string(d[2]), pop(d[3]), communes[d[4]:d[4] + d[5]])
                             for code, d in zip(dep_codes, deps)]
        self.departement = {d.code: d for d in self.departements}
