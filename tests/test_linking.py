"""Linking reports across articles: pair scores, clustering, event summaries, order independence."""
from __future__ import annotations

import itertools
import json
import random
from datetime import date
from pathlib import Path

import pytest

from sitrep.link.cluster import cluster
from sitrep.link.match import actor_class, compare, conflict, distinctive_terms, from_record, place_key, settings, stem
from sitrep.link.summary import summarise
from sitrep.model import Document, Event, Evidence
from sitrep.store import Store

DATA = Path(__file__).parent / "data" / "linking"
BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"

ARMY = "Military Forces of Afghanistan (2004-2021)"
POLICE = "Police Forces of Afghanistan (2004-2021)"
CIVILIANS = "Civilians (Afghanistan)"
IS = "Islamic State (Afghanistan)"


def ev(doc_id: str, when: str | None = None, *, sub: str = "Armed clash", etype: str = "Battles",
       admin1: str = "Kunduz", admin2: str | None = None, killed: int = 0, low: int | None = None,
       high: int | None = None, actor1: str | None = "Taliban", actor2: str | None = ARMY, text: str = "",
       injured: int | None = None, precision: int | None = None) -> Event:
    e = Event(doc_id=doc_id, event_type=etype, sub_event_type=sub,
              event_date=date.fromisoformat(when) if when else None,
              time_precision=(precision or 1) if when else None, actor1=actor1, actor2=actor2,
              country="Afghanistan", admin1=admin1, admin2=admin2, location=admin2 or admin1,
              geo_precision=2 if admin2 else 3, fatalities=killed, fatalities_low=low, fatalities_high=high,
              injured=injured)
    if text:
        e.evidence = [Evidence("event", text, 0, len(text))]
    return e


def doc(doc_id: str, published: str | None, *events: Event) -> Document:
    d = Document(doc_id, f"article {doc_id}: " + " ".join(e.evidence[0].text for e in events if e.evidence),
                 date.fromisoformat(published) if published else None)
    for e in events:
        e.doc_id = doc_id
    d.events = list(events)
    return d


def link_report(rid: int, e: Event, published: str | None = None):
    rec = e.to_record()
    terms = distinctive_terms([x.text for x in e.evidence], [e.admin1, e.admin2, e.actor1, e.actor2])
    return from_record(rid, f"k{rid:04d}", rec, date.fromisoformat(published) if published else None, terms)


# --- pair scores ------------------------------------------------------------------------

def test_keys_classes_and_words():
    assert place_key("Nad-e-Ali District") == place_key("nad e ali") == "nadeali"
    assert actor_class("Police Forces of Afghanistan (2004-2021)") == actor_class(ARMY) == "state forces of afghanistan"
    assert actor_class("Military Forces of the United States") == "international forces"
    assert actor_class("Unidentified Armed Group (Afghanistan)") is None
    assert actor_class(CIVILIANS) == "civilians"
    assert stem("protesters") == stem("protested") == stem("protest")
    assert stem("Hazaras") == stem("Hazara")
    words = distinctive_terms(["Two suicide bombers struck a Hazara protest in Kabul on Saturday, killing 61 people"],
                              ["Kabul"])
    assert words == {"hazara", "protest"}


def test_counts_that_grow_as_tolls_rise_are_compatible():
    a = link_report(1, ev("a", "2020-03-03", admin2="Imam Sahib", killed=14, low=14, high=14), "2020-03-04")
    b = link_report(2, ev("b", "2020-03-03", admin2="Imam Sahib", killed=16, low=16), "2020-03-04")
    link = compare(a, b)
    assert link.linked and any("close" in why for _, _, why in link.reasons)
    early = link_report(3, ev("c", "2016-07-23", admin1="Kabul", sub="Suicide bomb", etype="Explosions/Remote violence",
                              killed=61, actor1=IS, actor2=CIVILIANS), "2016-07-23")
    later = link_report(4, ev("d", "2016-07-23", admin1="Kabul", sub="Suicide bomb", etype="Explosions/Remote violence",
                              killed=80, actor1=IS, actor2=CIVILIANS), "2016-07-24")
    assert compare(early, later).linked


def test_very_different_counts_are_different_events():
    a = link_report(1, ev("a", "2020-03-03", admin2="Khan Abad", killed=3, actor2=POLICE), "2020-03-04")
    b = link_report(2, ev("b", "2020-03-03", killed=14), "2020-03-04")  # province only
    assert conflict(a, b) and "too different" in conflict(a, b)
    assert not compare(a, b).linked


def test_same_night_in_two_districts_is_two_events():
    a = link_report(1, ev("a", "2019-10-07", admin1="Ghazni", admin2="Andar", killed=4), "2019-10-08")
    b = link_report(2, ev("b", "2019-10-07", admin1="Ghazni", admin2="Qarabagh", killed=4, actor2=POLICE), "2019-10-08")
    assert conflict(a, b) == "different districts"
    assert not compare(a, b).linked


def test_same_district_days_apart_is_two_events():
    kw = dict(admin1="Kandahar", admin2="Arghandab", sub="Remote explosive/landmine/IED",
              etype="Explosions/Remote violence", actor1=None, actor2=CIVILIANS)
    a = link_report(1, ev("a", "2019-05-10", killed=6, **kw), "2019-05-11")
    b = link_report(2, ev("b", "2019-05-15", killed=7, **kw), "2019-05-16")
    assert "days apart" in conflict(a, b)


def test_undated_report_links_only_on_strong_content():
    kw = dict(admin1="Nangarhar", admin2="Behsud", sub="Suicide bomb", etype="Explosions/Remote violence",
              actor1=IS, actor2=CIVILIANS)
    dated = link_report(1, ev("a", "2017-11-15", killed=19, injured=41, text="A suicide bomber struck mourners at "
                              "the funeral of a tribal elder; Islamic State claimed it through Amaq.", **kw), "2017-11-15")
    strong = link_report(2, ev("b", None, killed=23, text="The toll from the suicide bombing at a tribal elder's "
                               "funeral rose to 23 mourners, Amaq said.", **kw))
    weak = link_report(3, ev("c", None, text="A suicide bomber blew himself up near a police station.", **kw))
    assert strong.undated and weak.undated
    link = compare(dated, strong)
    assert link.linked and ("undated", 0.0, "undated: strong content") in link.reasons
    assert not compare(dated, weak).linked
    assert not compare(strong, weak).linked


def test_an_undated_report_in_a_dated_article_has_the_days_before_publication():
    a = link_report(1, ev("a", "2020-03-03", admin2="Imam Sahib", killed=14), "2020-03-04")
    b = link_report(2, ev("b", None, admin2="Imam Sahib", killed=14), "2020-03-04")
    c = link_report(3, ev("c", None, admin2="Imam Sahib", killed=14), "2020-04-20")
    assert not b.undated and b.hi == date(2020, 3, 4).toordinal()
    assert compare(a, b).linked
    assert "days apart" in conflict(a, c)


def test_scores_are_symmetric():
    rng = random.Random(3)
    reports = []
    for i in range(40):
        e = ev(f"d{i}", rng.choice(["2020-03-03", "2020-03-04", None]), admin2=rng.choice(["Imam Sahib", None]),
               killed=rng.choice([0, 3, 14, 16, 40]), actor2=rng.choice([ARMY, POLICE, CIVILIANS]),
               text=rng.choice(["outposts overran", "convoy ambushed", "outposts burned"]))
        reports.append(link_report(i, e, rng.choice(["2020-03-04", None])))
    for a, b in itertools.combinations(reports, 2):
        ab, ba = compare(a, b), compare(b, a)
        assert (ab.score, ab.linked, ab.reasons) == (ba.score, ba.linked, ba.reasons)
        assert conflict(a, b) == conflict(b, a)


# --- clustering and summaries -----------------------------------------------------------------

def test_a_province_only_report_joins_one_district_event_not_both():
    andar = link_report(1, ev("a", "2019-10-07", admin1="Ghazni", admin2="Andar", killed=4), "2019-10-08")
    qarabagh = link_report(2, ev("b", "2019-10-07", admin1="Ghazni", admin2="Qarabagh", killed=4), "2019-10-08")
    vague = link_report(3, ev("c", "2019-10-07", admin1="Ghazni", killed=4), "2019-10-08")
    reports = {r.id: r for r in (andar, qarabagh, vague)}
    links = [(min(x.id, y.id), max(x.id, y.id), compare(x, y).score)
             for x, y in itertools.combinations(reports.values(), 2) if compare(x, y).linked]
    assert len(links) == 2  # the vague report could be either
    groups = cluster(reports, links)
    assert sorted(map(len, groups)) == [1, 2]
    assert [1, 2] not in groups
    assert cluster(reports, list(reversed(links))) == groups


def test_constraints_override_links():
    a = link_report(1, ev("a", "2020-03-03", admin2="Imam Sahib", killed=14), "2020-03-04")
    b = link_report(2, ev("b", "2020-03-03", admin2="Imam Sahib", killed=16), "2020-03-04")
    c = link_report(3, ev("c", "2020-03-03", admin2="Khan Abad", killed=3), "2020-03-04")
    reports = {1: a, 2: b, 3: c}
    assert cluster(reports, [(1, 2, 9.0)]) == [[1, 2], [3]]
    assert cluster(reports, [(1, 2, 9.0)], cannot=[(1, 2)]) == [[1], [2], [3]]
    # an analyst's merge holds even across districts, and a report linked to a member joins it
    assert cluster(reports, [(1, 2, 9.0)], must=[(2, 3)]) == [[1, 2, 3]]
    assert cluster(reports, [(1, 2, 9.0)], must=[(2, 3)], cannot=[(1, 3)]) == [[1], [2, 3]]


def _report_dict(rid, e: Event, published):
    rec = e.to_record()
    rec.update(id=rid, rkey=f"k{rid}", doc_id=e.doc_id, published=published)
    return rec


def test_summary_takes_the_latest_toll_the_precise_place_and_the_supported_date():
    kw = dict(admin1="Kabul", sub="Suicide bomb", etype="Explosions/Remote violence", actor1=IS, actor2=CIVILIANS)
    reports = [
        _report_dict(1, ev("a", "2016-07-23", killed=61, low=61, **kw), "2016-07-23"),
        _report_dict(2, ev("b", "2016-07-23", killed=80, admin2="Kabul", **kw), "2016-07-24"),
        _report_dict(3, ev("c", "2016-07-23", killed=81, **kw), "2016-07-24"),
        _report_dict(4, ev("d", "2016-07-24", killed=90, high=100, **kw), None),
        _report_dict(5, ev("e", None, killed=0, **kw), None),
    ]
    s = summarise(reports)
    assert s["fatalities"] == 80  # lowest figure of the latest publication day (undated articles ignored)
    assert s["fatalities_low"] == 61 and s["fatalities_high"] == 100
    assert s["admin2"] == "Kabul" and s["geo_precision"] == 2  # the most precise place
    assert s["event_date"] == "2016-07-23"  # three reports say so, one says the 24th
    assert s["n_sources"] == 5 and s["first_published"] == "2016-07-23" and s["last_published"] == "2016-07-24"
    assert summarise(list(reversed(reports))) == s


def test_summary_without_figures_or_dates():
    s = summarise([_report_dict(1, ev("a", None), None), _report_dict(2, ev("b", None), None)])
    assert s["fatalities"] == 0 and s["fatalities_low"] is None and s["event_date"] is None


# --- the store: scenarios written for these tests ------------------------------------------------

def scenario() -> list[Document]:
    """Hand-coded reports of the cases in tests/data/linking (what extraction should give)."""
    helmand = dict(admin1="Helmand", actor2=POLICE)
    funeral = dict(admin1="Nangarhar", admin2="Behsud", sub="Suicide bomb", etype="Explosions/Remote violence",
                   actor1=IS, actor2=CIVILIANS)
    ghazni = dict(admin1="Ghazni")
    ied = dict(admin1="Kandahar", admin2="Arghandab", sub="Remote explosive/landmine/IED",
               etype="Explosions/Remote violence", actor1=None, actor2=CIVILIANS)
    return [
        doc("la-1", "2019-06-12", ev("", "2019-06-11", admin2="Nad-e-Ali", killed=9, text="Taliban fighters attacked "
            "police checkpoints and destroyed an armoured Humvee", **helmand)),
        doc("la-2", "2019-06-12", ev("", "2019-06-11", killed=11, low=11, text="At least 11 police officers were "
            "killed when Taliban stormed checkpoints; a Humvee was set on fire", **helmand)),
        doc("la-3", "2019-06-13", ev("", "2019-06-11", admin2="Nad-e-Ali", killed=12, text="The toll from the "
            "assault on police posts rose to 12", **helmand)),
        doc("lb-1", "2017-11-15", ev("", "2017-11-15", killed=19, injured=41, text="A suicide bomber struck mourners at "
            "the funeral of a tribal elder; Islamic State claimed it through Amaq", **funeral)),
        doc("lb-2", None, ev("", None, killed=23, text="The death toll from a suicide bombing at a tribal elder's "
            "funeral has risen to 23; Islamic State claimed the attack through Amaq", **funeral)),
        doc("lb-3", None, ev("", None, admin1="Nangarhar", admin2="Khogyani", sub="Remote explosive/landmine/IED",
                             etype="Explosions/Remote violence", actor1=None, actor2=CIVILIANS, killed=5,
                             text="A roadside bomb hit a car carrying a family")),
        doc("lc-1", "2019-10-08", ev("", "2019-10-07", admin2="Andar", killed=4, text="attacked an army checkpoint",
                                     **ghazni)),
        doc("lc-2", "2019-10-08", ev("", "2019-10-07", admin2="Qarabagh", killed=4, actor2=POLICE,
                                     text="overran a police checkpoint", **ghazni)),
        doc("lc-3", "2019-10-08", ev("", "2019-10-07", admin2="Andar", killed=4, text="attack on an army checkpoint",
                                     **ghazni)),
        doc("ld-1", "2019-05-11", ev("", "2019-05-10", killed=6, text="A roadside bomb struck a minibus", **ied)),
        doc("ld-2", "2019-05-16", ev("", "2019-05-15", killed=7, text="A roadside bomb killed civilians in a car",
                                     **ied)),
        doc("ld-3", "2019-05-11", ev("", "2019-05-10", killed=6, text="their minibus hit a roadside bomb", **ied)),
    ]


def gold_clusters() -> set[frozenset[str]]:
    gold = json.loads((DATA / "gold.json").read_text())
    return {frozenset(c["docs"]) for c in gold["clusters"]}


def stored_clusters(store: Store) -> set[frozenset[str]]:
    return {frozenset(e["sources"]) for e in store.events()}


def comparable(store: Store) -> set[str]:
    """Every stored event without its id (ids follow ingest order; nothing else may)."""
    out = set()
    for e in store.events():
        e.pop("event_id")
        out.add(json.dumps(e, sort_keys=True))
    return out


def test_scenario_gives_one_event_per_real_event(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for d in scenario():
            assert store.add_document(d)
        assert stored_clusters(store) == gold_clusters()
        helmand = store.events(admin1="Helmand")[0]
        assert helmand["fatalities"] == 12  # the risen toll of the latest article
        assert helmand["fatalities_low"] == 9 and helmand["fatalities_high"] == 12
        assert helmand["admin2"] == "Nad-e-Ali"
        funeral = store.events(admin2="Behsud")[0]
        assert funeral["event_date"] == "2017-11-15" and funeral["sources"] == ["lb-1", "lb-2"]


def test_ingest_order_does_not_matter(tmp_path):
    docs = scenario()
    with Store(tmp_path / "ref.db") as store:
        for d in docs:
            store.add_document(d)
        expected = comparable(store)
    rng = random.Random(11)
    for n in range(6):
        order = docs[:]
        rng.shuffle(order)
        with Store(tmp_path / f"o{n}.db") as store:
            for d in order:
                store.add_document(d)
            assert comparable(store) == expected
            store.relink()
            assert comparable(store) == expected


def test_reingest_and_relink_change_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for d in scenario():
            store.add_document(d)
        before, stats = comparable(store), store.stats()
        ids = {e["event_id"] for e in store.events()}
        for d in scenario():
            assert store.add_document(d) is False
        assert comparable(store) == before and store.stats() == stats
        store.relink()
        assert comparable(store) == before and {e["event_id"] for e in store.events()} == ids


def test_show_explains_links(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for d in scenario():
            store.add_document(d)
        eid = store.events(admin1="Helmand")[0]["event_id"]
        shown = store.event(eid)
    assert [r["doc_id"] for r in shown["reports"]] == ["la-1", "la-2", "la-3"]
    assert all(r["link"] and r["link"]["score"] >= settings()["threshold"] for r in shown["reports"])
    whys = {x["why"] for r in shown["reports"] for x in r["link"]["reasons"]}
    assert "same day" in whys and any(w.startswith("shared words") for w in whys)
    assert len(shown["links"]) >= 2 and {r["document"]["published"] for r in shown["reports"]} == {"2019-06-12", "2019-06-13"}
    assert {e["doc_id"] for e in shown["evidence"]} == {"la-1", "la-2", "la-3"}


# --- the real pipeline over this folder's articles, and the benchmark when present -------------------

def _extracted(path: Path) -> list[Document]:
    from sitrep.input.readers import read_documents
    from sitrep.pipeline import extract

    return [extract(d) for d in read_documents([str(path)])]


def test_pipeline_links_the_test_articles(tmp_path):
    docs = _extracted(DATA / "docs.jsonl")
    with Store(tmp_path / "p.db") as store:
        for d in docs:
            store.add_document(d)
        assert stored_clusters(store) == gold_clusters()
        expected = comparable(store)
    with Store(tmp_path / "r.db") as store:
        for d in reversed(_extracted(DATA / "docs.jsonl")):
            store.add_document(d)
        assert comparable(store) == expected


def test_linking_benchmark(tmp_path):
    """The acceptance check of the linking issue (skipped when ../shared is absent)."""
    seeds, linking = BENCH / "seeds" / "docs.jsonl", BENCH / "linking" / "docs.jsonl"
    if not (seeds.exists() and linking.exists()):
        pytest.skip("benchmark data not present")
    gold = json.loads((BENCH / "linking" / "gold.json").read_text())
    with Store(tmp_path / "b.db") as store:
        for d in _extracted(seeds) + _extracted(linking):
            store.add_document(d)
        events = store.events()
    known = {d for c in gold["clusters"] for d in c["docs"]}
    pairs = lambda groups: {frozenset(p) for g in groups for p in itertools.combinations(sorted(set(g) & known), 2)}
    want, got = pairs(c["docs"] for c in gold["clusters"]), pairs(e["sources"] for e in events)
    tp = len(want & got)
    f1 = 2 * tp / (len(want) + len(got)) if want or got else 1.0
    assert f1 >= 0.9
    for c in gold["clusters"]:
        if len(c["docs"]) > 1:
            assert any(set(c["docs"]) <= set(e["sources"]) and e["admin1"] == c["admin1"] for e in events), c["key"]


def test_summary_of_one_report_is_the_general_rule():
    from sitrep.link import summary

    rng = random.Random(5)
    for i in range(60):
        e = ev("a", rng.choice(["2020-03-03", None]), admin2=rng.choice(["Imam Sahib", None]),
               killed=rng.choice([0, 3, 14]), low=rng.choice([None, 2, 14]), high=rng.choice([None, 20]),
               injured=rng.choice([None, 0, 5]), actor2=rng.choice([ARMY, "Taliban", None]))
        e.leaders_killed = rng.choice([[], ["Mullah X", "mullah x"]])
        r = _report_dict(1, e, rng.choice(["2020-03-04", None]))
        general = summary.summarise([r, {**r, "id": 2, "rkey": "k2"}])
        general.update(n_sources=1, n_reports=1)
        assert summary.summarise([r]) == general


def test_the_weekday_an_undated_report_names_counts():
    kw = dict(admin1="Ghazni", sub="Air/drone strike", etype="Explosions/Remote violence",
              actor1=ARMY, actor2=CIVILIANS, killed=8)
    undated_event = ev("a", None, **kw)
    undated_event.date_text = "Friday night"
    undated = link_report(1, undated_event)
    friday = link_report(2, ev("b", "2019-06-14", **{**kw, "actor1": "Military Forces of the United States"}),
                         "2019-06-15")
    tuesday = link_report(3, ev("c", "2019-06-11", **kw), "2019-06-12")
    saturday = link_report(4, ev("d", "2019-06-15", **kw), "2019-06-16")
    assert undated.weekday == 4 and friday.weekday == 4
    link = compare(undated, friday)  # allied forces: no conflict of attackers
    assert link.linked and ("date", 1.0, "both on a Friday") in link.reasons
    assert not compare(undated, tuesday).linked
    assert not any(r[0] == "date" for r in compare(undated, saturday).reasons)  # a day apart: neutral


def crowded(n: int, seed: int) -> list[Document]:
    """Many reports in few places and days, with and without districts and dates: ambiguous links."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        published = rng.choice(["2020-03-04", "2020-03-05", "2020-03-06", None])
        events = []
        for _ in range(rng.choice((1, 1, 2))):
            when = rng.choice(["2020-03-03", "2020-03-04", "2020-03-05", None])
            e = ev("", when, admin1=rng.choice(["Kunduz", "Takhar"]),
                   admin2=rng.choice(["Imam Sahib", "Khan Abad", None]), killed=rng.choice([0, 3, 4, 14, 16, 30]),
                   actor2=rng.choice([ARMY, POLICE, CIVILIANS]),
                   sub=rng.choice(["Armed clash", "Attack"]), text=rng.choice(["outposts overran at dawn",
                                                                               "convoy ambushed on the highway",
                                                                               "bazaar shooting"]))
            if e.sub_event_type == "Attack":
                e.event_type = "Violence against civilians"
            if when is None:
                e.date_text = rng.choice(["Tuesday night", "on Wednesday", None])
            events.append(e)
        docs.append(doc(f"c{i}", published, *events))
    return docs


def test_order_independence_under_heavy_ambiguity(tmp_path):
    docs = crowded(120, 7)
    with Store(tmp_path / "a.db") as store:
        for d in docs:
            store.add_document(d)
        expected = comparable(store)
        assert 5 < store.stats()["links"] and store.stats()["events"] < 200  # it did link, not everything
    rng = random.Random(1)
    for n in range(3):
        order = docs[:]
        rng.shuffle(order)
        with Store(tmp_path / f"b{n}.db") as store:
            for d in order:
                store.add_document(d)
            assert comparable(store) == expected
