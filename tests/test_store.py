"""The SQLite store: idempotent ingest, transactions, queries, aggregates, overrides, commands."""
from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.model import Document, Event
from sitrep.store import Store

from test_linking import CIVILIANS, IS, comparable, doc, ev, scenario

DATA = Path(__file__).parent / "data" / "linking"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.db") as s:
        for d in scenario():
            s.add_document(d)
        yield s


def consistent(s: Store) -> None:
    """Every report belongs to exactly one event and every event to at least one report."""
    q = s.conn.execute
    assert q("SELECT COUNT(*) FROM reports WHERE id NOT IN (SELECT report_id FROM event_reports)").fetchone()[0] == 0
    assert q("SELECT COUNT(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_reports)").fetchone()[0] == 0
    assert q("PRAGMA foreign_key_check").fetchall() == []
    for e in s.events():
        assert e["n_sources"] == len(e["sources"]) >= 1


# --- writing ----------------------------------------------------------------------------------

def test_the_same_text_is_stored_once(store):
    before = store.stats()
    assert before == {"documents": 12, "reports": 12, "events": 7, "links": 6, "overrides": 0}
    again = scenario()[0]
    assert store.add_document(again) is False
    again.id = "another-id"  # same text under another name: still the same article
    assert store.add_document(again) is False
    assert store.stats() == before


def test_an_id_taken_by_another_text_gets_a_suffix(store):
    d = doc("la-1", "2019-06-20", ev("", "2019-06-19", admin1="Herat", killed=2, text="a different article"))
    assert store.add_document(d)
    assert store.document("la-1#2")["published"] == "2019-06-20"
    assert store.events(admin1="Herat")[0]["sources"] == ["la-1#2"]


def test_a_failure_inside_a_document_leaves_the_store_as_it_was(store, monkeypatch):
    before, events = store.stats(), comparable(store)
    bad = doc("bad", "2019-06-12", ev("", "2019-06-11", admin1="Helmand", killed=10, text="police checkpoints Humvee"),
              ev("", "2019-06-11", admin1="Herat", killed=1))
    bad.events[1].event_type = ""  # the second report is broken: the first must not stay behind
    with pytest.raises(ValueError):
        store.add_document(bad)
    assert store.stats() == before and comparable(store) == events

    import sitrep.store.sqlite as sqlite_module

    def broken(*args, **kwargs):
        raise KeyboardInterrupt  # an interrupt while linking
    monkeypatch.setattr(sqlite_module, "link_reports", broken)
    with pytest.raises(KeyboardInterrupt):
        store.add_document(doc("late", "2019-06-12", ev("", "2019-06-11", admin1="Helmand", killed=10)))
    monkeypatch.undo()
    assert store.stats() == before and comparable(store) == events
    consistent(store)
    assert store.add_document(doc("late", "2019-06-12", ev("", "2019-06-11", admin1="Helmand", killed=10)))


def test_an_interrupted_ingest_keeps_every_finished_document(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    docs = scenario()
    import sitrep.store.sqlite as sqlite_module

    real = sqlite_module.link_reports
    calls = []

    def dies_on_the_fifth(*args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return real(*args, **kwargs)
    monkeypatch.setattr(sqlite_module, "link_reports", dies_on_the_fifth)
    store = Store(path)
    with pytest.raises(KeyboardInterrupt):
        for d in docs:
            store.add_document(d)
    store.conn.close()  # the process dies: nothing else happens
    monkeypatch.undo()
    with Store(path) as again:
        assert again.stats()["documents"] == 4
        consistent(again)
        for d in scenario():
            again.add_document(d)
        with Store(tmp_path / "fresh.db") as fresh:
            for d in scenario():
                fresh.add_document(d)
            assert comparable(again) == comparable(fresh)


def test_nested_transactions_are_savepoints(store):
    before = store.stats()
    with store.transaction():
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add_document(doc("inner", None, ev("", None, admin1="Herat", killed=1)))
                raise RuntimeError
        store.add_document(doc("outer", None, ev("", None, admin1="Balkh", killed=1)))
    assert store.stats()["documents"] == before["documents"] + 1
    assert store.document("outer") and store.document("inner") is None


def test_documents_without_events_are_stored(store):
    assert store.add_document(Document("quiet", "Peace talks resumed in Doha on Saturday.", date(2020, 3, 7)))
    assert store.document("quiet")["reports"] == [] and store.stats()["events"] == 7


# --- reading ----------------------------------------------------------------------------------

def test_filters(store):
    everything = store.events()
    assert len(everything) == store.count_events() == 7
    assert [e["event_date"] for e in everything][:2] == ["2017-11-15", "2019-05-10"]  # oldest first
    assert everything[-1]["event_date"] is None  # undated last
    assert {e["admin1"] for e in store.events(admin1="ghazni")} == {"Ghazni"}
    assert store.count_events(admin1="Ghazni") == 2
    window = store.events(since="2019-05-01", until=date(2019, 6, 30))
    assert {e["event_date"] for e in window} == {"2019-05-10", "2019-05-15", "2019-06-11"}
    assert {e["sources"][0] for e in store.events(actor="islamic")} == {"lb-1"}
    assert store.count_events(event_type="Explosions/Remote violence") == 4
    assert store.count_events(event_type="remote explosive/landmine/IED") == 3
    assert store.events(doc_id="la-2")[0]["sources"] == ["la-1", "la-2", "la-3"]
    assert store.count_events(min_fatalities=10) == 2
    assert store.count_events(admin1="Ghazni", since="2019-10-07", until="2019-10-07") == 2
    page = store.events(limit=3, offset=2)
    assert [e["event_id"] for e in page] == [e["event_id"] for e in everything[2:5]]
    # the funeral: 19 from the dated article (the undated one's "risen to 23" cannot be placed in time)
    assert [e["fatalities"] for e in store.events(order="fatalities")][:2] == [19, 12]
    with pytest.raises(TypeError):
        store.events(province="Ghazni")


def test_event_records_carry_every_event_field(store):
    fields = set(Event("x", "Battles", "Armed clash").to_record())
    for e in store.events():
        assert fields <= set(e) and {"event_id", "sources", "n_sources", "n_reports"} <= set(e)
        assert all(x["doc_id"] in e["sources"] for x in e["evidence"])
    assert "evidence" not in store.events(evidence=False)[0]


def test_aggregates(store):
    by_province = {a["key"]: a for a in store.aggregate("admin1")}
    assert by_province["Ghazni"] == {"key": "Ghazni", "events": 2, "fatalities": 8}
    assert sum(a["events"] for a in by_province.values()) == 7
    months = store.aggregate("month")
    assert [m["key"] for m in months] == ["2017-11", "2019-05", "2019-06", "2019-10", None]
    assert {m["key"]: m["events"] for m in months}["2019-05"] == 2
    actors = {a["key"]: a["events"] for a in store.aggregate("actor")}
    assert actors["Taliban"] == 3 and actors[CIVILIANS] == 4 and actors[IS] == 1
    types = {a["key"]: a["events"] for a in store.aggregate("type", admin1="Kandahar")}
    assert types == {"Explosions/Remote violence": 2}
    with pytest.raises(ValueError):
        store.aggregate("weather")


def test_event_shows_its_reports_documents_and_reasons(store):
    eid = store.events(admin1="Kandahar", since="2019-05-10", until="2019-05-10")[0]["event_id"]
    e = store.event(eid)
    assert e["sources"] == ["ld-1", "ld-3"] and e["fatalities"] == 6
    r1, r2 = e["reports"]
    assert r1["document"]["published"] == "2019-05-11" and r1["evidence"][0]["text"]
    assert r1["link"]["doc_id"] == "ld-3" and r1["link"]["score"] >= 6
    assert {x["feature"] for x in r1["link"]["reasons"]} >= {"date", "place", "type", "fatalities"}
    assert e["links"][0]["doc_a"] in ("ld-1", "ld-3")
    assert store.event(999999) is None


def test_documents(store):
    docs = store.documents(limit=None)
    assert len(docs) == 12 and docs[0]["published"] == "2019-10-08"
    assert all("text" not in d for d in docs)
    one = store.document("lb-2")
    assert one["text"].startswith("article lb-2") and one["published"] is None
    assert one["reports"][0]["event_id"] == one["event_ids"][0]
    assert store.documents(since="2019-10-01")[0]["id"].startswith("lc-")
    assert store.document("nope") is None


# --- analysts' overrides --------------------------------------------------------------------------

def test_merge_and_split_survive_reingest_new_reports_and_relinking(store):
    andar = store.events(admin2="Andar")[0]["event_id"]
    qarabagh = store.events(admin2="Qarabagh")[0]["event_id"]
    merged = store.merge(andar, qarabagh)
    assert store.event(merged)["sources"] == ["lc-1", "lc-2", "lc-3"]
    assert store.count_events() == 6
    assert store.event(max(andar, qarabagh))["event_id"] == merged  # an old id still finds its event

    def ghazni():
        return sorted(tuple(e["sources"]) for e in store.events(admin1="Ghazni"))

    for d in scenario():
        store.add_document(d)
    store.relink()
    assert ghazni() == [("lc-1", "lc-2", "lc-3")]
    # a new report of the Andar attack joins the merged event
    store.add_document(doc("lc-4", "2019-10-09", ev("", "2019-10-07", admin1="Ghazni", admin2="Andar", killed=4,
                                                    text="attacked an army checkpoint")))
    assert ghazni() == [("lc-1", "lc-2", "lc-3", "lc-4")]

    rest, alone = store.split(merged, "lc-2")
    assert store.event(alone)["sources"] == ["lc-2"]
    assert store.event(rest)["sources"] == ["lc-1", "lc-3", "lc-4"]
    for d in scenario():
        store.add_document(d)
    store.relink()
    assert ghazni() == [("lc-1", "lc-3", "lc-4"), ("lc-2",)]
    assert [o["kind"] for o in store.event(rest)["overrides"]] == ["merge", "split"]
    consistent(store)


def test_split_keeps_the_rest_together_and_merge_wins_back(store):
    helmand = store.events(admin1="Helmand")[0]["event_id"]
    rest, alone = store.split(helmand, "la-2")  # la-2 named no district: an analyst says it was another attack
    assert store.event(rest)["sources"] == ["la-1", "la-3"] and store.event(alone)["sources"] == ["la-2"]
    again = store.merge(rest, alone)  # the last word wins
    assert store.event(again)["sources"] == ["la-1", "la-2", "la-3"]
    with pytest.raises(KeyError):
        store.split(again, "lb-1")
    with pytest.raises(ValueError):
        store.split(store.events(admin2="Qarabagh")[0]["event_id"], "lc-2")
    with pytest.raises(KeyError):
        store.merge(again, 999999)


# --- commands -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cli():
    from sitrep.cli import app

    runner = CliRunner()

    def run(*args):
        return runner.invoke(app, [str(a) for a in args])
    return run


def test_ingest_command_stores_links_and_skips_bad_input(cli, tmp_path):
    db = tmp_path / "c.db"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok-1", "text": "Taliban fighters killed four policemen in Andar district of Ghazni '
                   'province on Monday night, officials said.", "published": "2019-10-08"}\n{not json\n')
    res = cli("ingest", DATA / "docs.jsonl", bad, "--db", db)
    assert res.exit_code == 1  # a line was skipped
    assert "bad.jsonl:2" in res.output and "12 stored" not in res.output and "13 stored" in res.output
    again = cli("ingest", DATA / "docs.jsonl", "--db", db)
    assert again.exit_code == 0 and "0 stored" in again.output and "12 already stored" in again.output
    with Store(db) as s:
        assert s.stats()["documents"] == 13
        assert {"lc-1", "lc-3", "ok-1"} in [set(e["sources"]) for e in s.events()]


def test_events_show_merge_split_commands(cli, store, tmp_path):
    db = store.path
    out = tmp_path / "e.jsonl"
    res = cli("events", "--db", db, "--format", "jsonl", "-o", out)
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 7 and all(r["sources"] and "fatalities" in r for r in records)
    assert not list(tmp_path.glob(".sitrep-*"))  # the temporary file was renamed into place

    res = cli("events", "--db", db, "--format", "csv", "-o", tmp_path / "e.csv", "--admin1", "Ghazni")
    rows = list(csv.DictReader((tmp_path / "e.csv").open()))
    assert res.exit_code == 0 and len(rows) == 2 and {r["sources"] for r in rows} == {"lc-1;lc-3", "lc-2"}
    geo = cli("events", "--db", db, "--format", "geojson", "--type", "Suicide bomb")
    assert json.loads(geo.stdout)["features"][0]["properties"]["sources"] == ["lb-1", "lb-2"]
    table = cli("events", "--db", db, "--since", "2019-10-01")
    assert table.exit_code == 0 and "Andar" in table.stdout and "Behsud" not in table.stdout

    helmand = store.events(admin1="Helmand")[0]["event_id"]
    shown = cli("show", helmand, "--db", db)
    assert shown.exit_code == 0 and "la-3" in shown.stdout and "same day" in shown.stdout
    as_json = json.loads(cli("show", helmand, "--db", db, "--json").stdout)
    assert as_json["sources"] == ["la-1", "la-2", "la-3"]
    assert cli("show", 424242, "--db", db).exit_code == 1

    ids = [e["event_id"] for e in store.events(admin1="Ghazni")]
    merged = cli("merge", *ids, "--db", db)
    assert merged.exit_code == 0 and "lc-1, lc-2, lc-3" in merged.stdout
    split = cli("split", min(ids), "lc-2", "--db", db)
    assert split.exit_code == 0, split.output
    assert sorted(len(e["sources"]) for e in store.events(admin1="Ghazni")) == [1, 2]
    assert cli("split", min(ids), "nope", "--db", db).exit_code == 1
    assert cli("events", "--db", tmp_path / "missing.db").exit_code == 1


@pytest.mark.parametrize("command", ["ingest", "events", "show", "merge", "split", "relink"])
def test_every_command_has_help(cli, command):
    res = cli(command, "--help")
    assert res.exit_code == 0 and "--db" in res.stdout


def test_event_lists_near_misses_with_their_reasons(store):
    qarabagh = store.event(store.events(admin2="Qarabagh")[0]["event_id"])
    near = {n["doc_id"]: n for n in qarabagh["near"]}
    assert set(near) == {"lc-1", "lc-3"}
    assert all(not n["linked"] and n["reasons"][0]["why"] == "different districts" for n in near.values())


def test_ingest_published_option_dates_undated_articles(cli, tmp_path):
    article = tmp_path / "qadis.txt"
    article.write_text("Taliban insurgents stormed security checkpoints in Qadis district of Badghis province "
                       "late Friday, killing seven policemen, a provincial council member said on Saturday.\n")
    db = tmp_path / "p.db"
    res = cli("ingest", article, "--db", db, "--published", "2019-06-15")
    assert res.exit_code == 0, res.output
    with Store(db) as s:
        assert s.document("qadis")["published"] == "2019-06-15"
        assert s.events()[0]["event_date"] == "2019-06-14"
    assert cli("ingest", article, "--db", db, "--published", "June 15").exit_code == 2
