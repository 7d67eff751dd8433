"""The REST API against a store holding the five bundled seed articles and synthetic events."""
from __future__ import annotations

import csv
import io
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.input.readers import read_documents
from sitrep.pipeline import extract
from sitrep.store import Store
from sitrep.web.app import STATIC, create_app
from sitrep.web.synthetic import synthetic_documents

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "examples"
TOKEN = "s3cret-token"
N_SYNTHETIC = 60

ARTICLE = ("KUNDUZ, Afghanistan (Pajhwok) - Four police were killed when Taliban fighters attacked a checkpoint "
           "in Imam Sahib district of Kunduz province on Monday night, a provincial council member said.")


def fill(path: Path) -> None:
    with Store(path) as store:
        for doc in read_documents([str(EXAMPLES)]):
            store.add_document(extract(doc))
        with store.transaction():
            for doc in synthetic_documents(N_SYNTHETIC, seed=3):
                store.add_document(doc)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "store.db"
    fill(path)
    return path


@pytest.fixture(scope="module")
def client(db_path) -> TestClient:
    with TestClient(create_app(db_path)) as c:
        yield c


@pytest.fixture(scope="module")
def everything(client) -> list[dict]:
    """Every stored event (with evidence), as the API lists them."""
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert body["total"] == len(body["events"])
    return body["events"]


def get(client, url, **params):
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def assert_error(r, status):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["status"] == status and body["error"] and "detail" in body
    return body


# --- events ------------------------------------------------------------------------------------

def test_events_are_the_stored_events(client, db_path, everything):
    with Store(db_path) as store:
        assert len(everything) == store.count_events() > N_SYNTHETIC
        stored = {e["event_id"]: e for e in store.events()}
    assert {e["event_id"] for e in everything} == set(stored)
    some = everything[0]
    assert some["sources"] == stored[some["event_id"]]["sources"]
    assert {"doc_id", "event_type", "sub_event_type", "admin1", "fatalities", "n_sources", "evidence"} <= set(some)


def test_pages_cover_every_event_once_newest_first(client, everything):
    seen = []
    for offset in range(0, len(everything), 7):
        page = get(client, "/api/events", limit=7, offset=offset, evidence="false")
        assert page["total"] == len(everything) and page["offset"] == offset
        assert all("evidence" not in e for e in page["events"])
        seen += page["events"]
    assert [e["event_id"] for e in seen] == [e["event_id"] for e in everything]
    assert len({e["event_id"] for e in seen}) == len(everything)
    dated = [e["event_date"] for e in seen if e["event_date"]]
    assert dated == sorted(dated, reverse=True)
    assert all(e["event_date"] is None for e in seen[len(dated):])  # undated last


@pytest.mark.parametrize("sort, key, reverse", [
    ("fatalities", lambda e: e["fatalities"], False), ("-fatalities", lambda e: e["fatalities"], True),
    ("admin1", lambda e: e["admin1"] or "~", False), ("-sources", lambda e: e["n_sources"], True),
])
def test_sorting(client, sort, key, reverse):
    events = get(client, "/api/events", sort=sort, limit=1000)["events"]
    values = [key(e) for e in events]
    assert values == sorted(values, reverse=reverse)


def _matches(e, terms):
    fields = [e[k] or "" for k in ("location", "admin1", "admin2", "actor1", "actor2", "event_type", "sub_event_type")]
    words = " ".join(fields + [x["text"] for x in e["evidence"]]).lower()
    return all(t.lower() in words for t in terms)


@pytest.mark.parametrize("params, keep", [
    ({"admin1": "kunduz"}, lambda e: (e["admin1"] or "").lower() == "kunduz"),
    ({"since": "2016-01-01", "until": "2017-06-30"},
     lambda e: e["event_date"] and "2016-01-01" <= e["event_date"] <= "2017-06-30"),
    ({"actor": "taliban"}, lambda e: "taliban" in f"{e['actor1']} {e['actor2']}".lower()),
    ({"type": "Battles"}, lambda e: e["event_type"] == "Battles"),
    ({"sub_type": "air/drone strike"}, lambda e: e["sub_event_type"] == "Air/drone strike"),
    ({"min_fatalities": 10}, lambda e: e["fatalities"] >= 10),
    ({"q": "Uruzgan police"}, lambda e: _matches(e, ["uruzgan", "police"])),
    ({"q": "roadside"}, lambda e: _matches(e, ["roadside"])),
    ({"actor": "taliban", "type": "Battles", "since": "2015-06-01"},
     lambda e: "taliban" in f"{e['actor1']} {e['actor2']}".lower() and e["event_type"] == "Battles"
     and e["event_date"] and e["event_date"] >= "2015-06-01"),
])
def test_filters_select_exactly_the_matching_events(client, everything, params, keep):
    expected = [e["event_id"] for e in everything if keep(e)]
    assert expected, f"the test store should hold events for {params}"
    page = get(client, "/api/events", limit=1000, **params)
    assert page["total"] == len(expected)
    assert [e["event_id"] for e in page["events"]] == expected


def test_text_search_reads_evidence_and_titles_not_only_fields(client):
    # "airstrike" is in the seed articles' evidence sentences and titles, in no field
    hits = get(client, "/api/events", q="airstrike", limit=1000)["events"]
    assert hits
    in_evidence = 0
    for e in hits:
        titles = [d["title"] or "" for d in get(client, f"/api/events/{e['event_id']}")["documents"]]
        texts = [x["text"] for x in e["evidence"]] + titles
        assert any("airstrike" in t.lower() for t in texts)
        in_evidence += any("airstrike" in x["text"].lower() for x in e["evidence"])
    assert in_evidence


def test_like_wildcards_in_search_are_literal(client):
    assert get(client, "/api/events", q="%")["total"] == 0
    assert get(client, "/api/events", q="_")["total"] == 0


def test_bad_parameters_are_json_422(client):
    for params in ({"since": "2020-13-01"}, {"limit": 0}, {"limit": 100000}, {"sort": "drop table"},
                   {"min_fatalities": -1}, {"offset": -5}):
        body = assert_error(client.get("/api/events", params=params), 422)
        assert body["detail"][0]["loc"][0] == "query"


# --- one event -----------------------------------------------------------------------------------

def test_event_has_sources_reports_and_texts_with_evidence_offsets(client, everything):
    for summary in everything:
        e = get(client, f"/api/events/{summary['event_id']}")
        assert e["event_id"] == summary["event_id"]
        assert [d["id"] for d in e["documents"]] == e["sources"]
        assert len(e["reports"]) == e["n_reports"] and len(e["sources"]) == e["n_sources"]
        texts = {d["id"]: d["text"] for d in e["documents"]}
        for ev in e["evidence"]:
            assert texts[ev["doc_id"]][ev["start"]:ev["end"]] == ev["text"]


def test_linked_event_shows_both_reports(client, everything):
    twins = [e for e in everything if e["n_sources"] == 2]
    assert twins, "synthetic twins are told by two outlets"
    e = get(client, f"/api/events/{twins[0]['event_id']}")
    assert len(e["documents"]) == 2 and len(e["links"]) >= 1
    assert e["links"][0]["reasons"], "a link says why it was made"
    assert {r["doc_id"] for r in e["reports"]} == set(e["sources"])


def test_unknown_event_is_404_and_bad_id_422(client):
    assert "no event" in assert_error(client.get("/api/events/987654"), 404)["detail"]
    assert_error(client.get("/api/events/twelve"), 422)


# --- documents -----------------------------------------------------------------------------------

def test_documents_list_and_detail(client):
    page = get(client, "/api/documents", limit=1000)
    assert page["total"] == len(page["documents"]) == 5 + N_SYNTHETIC + len(range(0, N_SYNTHETIC, 10))
    assert all("text" not in d for d in page["documents"])
    seed = next(d for d in page["documents"] if d["id"].startswith("001_"))
    detail = get(client, f"/api/documents/{seed['id']}")
    assert "KUNDUZ" in detail["text"] and detail["reports"]
    assert {r["event_id"] for r in detail["reports"]} == set(detail["event_ids"])
    for r in detail["reports"]:
        for ev in r["evidence"]:
            assert detail["text"][ev["start"]:ev["end"]] == ev["text"]
    dated = get(client, "/api/documents", since="2018-01-01", limit=1000)
    assert 0 < dated["total"] < page["total"]
    assert all(d["published"] >= "2018-01-01" for d in dated["documents"])
    assert_error(client.get("/api/documents/no-such-document"), 404)


# --- aggregates, points ----------------------------------------------------------------------------

@pytest.mark.parametrize("by", ["admin1", "month", "type", "sub_type", "year", "admin2"])
def test_aggregates_add_up_to_the_events(client, everything, by):
    groups = get(client, "/api/aggregates", by=by)["groups"]
    assert sum(g["events"] for g in groups) == len(everything)
    assert sum(g["fatalities"] for g in groups) == sum(e["fatalities"] for e in everything)
    assert len({g["key"] for g in groups}) == len(groups)


def test_month_aggregate_is_in_time_order_with_undated_last(client, everything):
    groups = get(client, "/api/aggregates", by="month")["groups"]
    keys = [g["key"] for g in groups]
    dated = [k for k in keys if k]
    assert dated == sorted(dated) and all(re.fullmatch(r"\d{4}-\d\d", k) for k in dated)
    undated = sum(1 for e in everything if not e["event_date"])
    assert (keys[-1] is None) == bool(undated)


def test_aggregates_take_the_filters(client, everything):
    groups = get(client, "/api/aggregates", by="admin1", type="Battles")["groups"]
    battles = [e for e in everything if e["event_type"] == "Battles"]
    assert sum(g["events"] for g in groups) == len(battles)
    kunduz = get(client, "/api/aggregates", by="admin2", admin1="Kunduz")["groups"]
    assert sum(g["events"] for g in kunduz) == sum(1 for e in everything if e["admin1"] == "Kunduz")


def test_actor_aggregate_counts_each_actor_of_an_event(client, everything):
    groups = {g["key"]: g["events"] for g in get(client, "/api/aggregates", by="actor")["groups"]}
    expected = sum(1 for e in everything if "Taliban" in (e["actor1"], e["actor2"]))
    assert groups["Taliban"] == expected
    assert_error(client.get("/api/aggregates", params={"by": "colour"}), 422)


def test_points_cluster_every_located_event(client, everything):
    located = [e for e in everything if e["latitude"] is not None]
    pts = get(client, "/api/points")
    assert pts["located_events"] == len(located) == sum(c["events"] for c in pts["clusters"])
    assert not pts["truncated"] and pts["total_clusters"] == len(pts["clusters"])
    ids = {e["event_id"] for e in everything}
    for c in pts["clusters"]:
        assert c["event_id"] in ids and 29 < c["latitude"] < 39 and 60 < c["longitude"] < 75
    capped = get(client, "/api/points", limit=3)
    assert capped["truncated"] and len(capped["clusters"]) == 3
    assert [c["events"] for c in capped["clusters"]] == sorted((c["events"] for c in pts["clusters"]), reverse=True)[:3]
    coarse = get(client, "/api/points", decimals=0)
    assert coarse["total_clusters"] < pts["total_clusters"]
    kunduz = get(client, "/api/points", admin1="Kunduz")
    assert {c["admin1"] for c in kunduz["clusters"]} == {"Kunduz"}


# --- exports -----------------------------------------------------------------------------------------

def test_csv_export_follows_the_filters(client, everything):
    r = client.get("/api/export.csv", params={"actor": "Islamic State"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    expected = [e for e in everything if "Islamic State" in f"{e['actor1']} {e['actor2']}"]
    assert [int(row["event_id"]) for row in rows] == [e["event_id"] for e in expected]
    assert rows[0]["sources"] == ";".join(expected[0]["sources"])
    everything_csv = list(csv.DictReader(io.StringIO(client.get("/api/export.csv").text)))
    assert len(everything_csv) == len(everything)


def test_geojson_export(client, everything):
    r = client.get("/api/export.geojson", params={"min_fatalities": 5, "limit": 4})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    features = json.loads(r.text)["features"]
    expected = [e for e in everything if e["fatalities"] >= 5][:4]
    assert [f["properties"]["event_id"] for f in features] == [e["event_id"] for e in expected]
    for f, e in zip(features, expected):
        assert f["geometry"]["coordinates"] == [e["longitude"], e["latitude"]]


# --- boundaries ------------------------------------------------------------------------------------

def test_boundaries_name_the_provinces_events_carry(client, everything):
    adm1 = get(client, "/api/boundaries/adm1")
    names = {f["properties"]["name"] for f in adm1["features"]}
    assert len(names) == 34 and "Kunduz" in names
    assert {e["admin1"] for e in everything if e["admin1"]} <= names
    kunduz = get(client, "/api/boundaries/adm2", admin1="kunduz")["features"]
    assert kunduz and {f["properties"]["admin1"] for f in kunduz} == {"Kunduz"}
    districts = {f["properties"]["name"] for f in kunduz}
    assert {e["admin2"] for e in everything if e["admin1"] == "Kunduz" and e["admin2"]} <= districts
    assert_error(client.get("/api/boundaries/adm3"), 422)
    assert_error(client.get("/api/boundaries/adm1", params={"country": "XX"}), 404)


def test_large_responses_are_compressed(client):
    r = client.get("/api/boundaries/adm2", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip" and len(r.json()["features"]) > 300


# --- extract and ingest -------------------------------------------------------------------------------

def test_extract_returns_events_and_stores_nothing(client, db_path):
    before = get(client, "/api/info")
    r = client.post("/api/extract", json={"text": ARTICLE, "published": "2020-05-05"})
    assert r.status_code == 200, r.text
    body = r.json()
    [event] = body["events"]
    assert event["admin1"] == "Kunduz" and event["admin2"] == "Imam Sahib" and event["fatalities"] == 4
    assert event["event_date"] == "2020-05-04"
    for ev in event["evidence"]:
        assert body["text"][ev["start"]:ev["end"]] == ev["text"]
    after = get(client, "/api/info")
    assert (after["events"], after["documents"]) == (before["events"], before["documents"])


def test_extract_rejects_bad_bodies(client):
    assert_error(client.post("/api/extract", json={"text": ""}), 422)
    assert_error(client.post("/api/extract", json={"text": " \n\t "}), 422)
    assert_error(client.post("/api/extract", json={"title": "no text"}), 422)
    assert_error(client.post("/api/extract", json={"text": "x", "published": "last week"}), 422)
    assert_error(client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"}), 422)


def test_ingest_is_refused_on_a_read_only_server(client):
    body = assert_error(client.post("/api/ingest", json={"text": ARTICLE}), 403)
    assert "read-only" in body["detail"]


def test_ingest_needs_the_token_then_stores_and_links(tmp_path):
    path = tmp_path / "w.db"
    with TestClient(create_app(path, write_token=TOKEN)) as c:
        assert get(c, "/api/info")["writable"] is True
        assert get(c, "/api/aggregates", by="admin1")["groups"] == []
        r = c.post("/api/ingest", json={"text": ARTICLE})
        assert_error(r, 401)
        assert r.headers["www-authenticate"] == "Bearer"
        assert_error(c.post("/api/ingest", json={"text": ARTICLE}, headers={"Authorization": "Bearer wrong"}), 403)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/ingest", json={"text": ARTICLE, "published": "2020-05-05", "source": "Pajhwok"}, headers=auth)
        assert r.status_code == 201, r.text
        first = r.json()
        assert first["stored"] is True and first["reports"] == 1 and len(first["event_ids"]) == 1
        # cached answers follow the store
        assert get(c, "/api/info")["events"] == 1
        assert get(c, "/api/aggregates", by="admin1")["groups"] == [{"key": "Kunduz", "events": 1, "fatalities": 4}]
        event = get(c, f"/api/events/{first['event_ids'][0]}")
        assert event["admin2"] == "Imam Sahib" and event["sources"] == [first["document_id"]]
        # the same text again changes nothing
        again = c.post("/api/ingest", json={"text": ARTICLE, "published": "2020-05-05"}, headers=auth)
        assert again.status_code == 200 and again.json() == {**first, "stored": False}
        # another outlet's report of the same attack joins the event
        other = ("Taliban insurgents stormed a police checkpoint in Imam Sahib district of Kunduz on Monday night, "
                 "killing four policemen, officials said on Tuesday.")
        r = c.post("/api/ingest", json={"text": other, "id": "tolo-1", "published": "2020-05-05"}, headers=auth)
        assert r.status_code == 201 and r.json()["event_ids"] == first["event_ids"]
        assert get(c, "/api/events")["total"] == 1
        assert get(c, f"/api/events/{first['event_ids'][0]}")["n_sources"] == 2


# --- limits, errors, docs, pages -------------------------------------------------------------------------

def test_request_bodies_over_the_limit_are_413(client):
    big = json.dumps({"text": "word " * 300_000}).encode()
    assert_error(client.post("/api/extract", content=big, headers={"content-type": "application/json"}), 413)

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(20):
            yield b" " * 100_000

    assert_error(client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"}), 413)


def test_small_limit_is_configurable(tmp_path):
    with TestClient(create_app(tmp_path / "s.db", max_body=100)) as c:
        assert_error(c.post("/api/extract", json={"text": "x" * 200}), 413)
        assert c.post("/api/extract", json={"text": "quiet day"}).status_code == 200


def test_unknown_routes_and_methods_are_json(client):
    assert_error(client.get("/api/nothing-here"), 404)
    assert_error(client.post("/api/events", json={}), 405)


def test_openapi_and_offline_docs(client):
    spec = get(client, "/openapi.json")
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents", "/api/documents/{doc_id}",
                 "/api/aggregates", "/api/points", "/api/export.csv", "/api/export.geojson",
                 "/api/boundaries/{level}", "/api/extract", "/api/ingest"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "admin1", "admin2", "actor", "type", "sub_type", "min_fatalities", "q",
            "limit", "offset", "sort"} <= names
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/js/docs.js" in docs.text
    assert client.get("/redoc").status_code == 404


EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|"""
                      r"""from\s+["'](?:https?:)?//|import\(\s*["'](?:https?:)?//|fetch\(\s*["'](?:https?:)?//""", re.I)


def test_dashboard_ships_every_asset(client):
    page = client.get("/")
    assert page.status_code == 200 and "<svg id=\"map\"" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    files = [p for p in STATIC.rglob("*") if p.is_file()]
    assert {"index.html", "docs.html", "dashboard.css", "main.js", "map.js"} <= {p.name for p in files}
    for p in files:
        text = p.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{p.name} loads something from elsewhere"
        asset = client.get(f"/static/{p.relative_to(STATIC).as_posix()}")
        assert asset.status_code == 200 and asset.headers["cache-control"] == "no-cache"
    for ref in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(ref).status_code == 200, ref


def test_concurrent_reads_use_their_own_connections(client, everything):
    urls = ["/api/events?limit=5", "/api/aggregates?by=admin1", "/api/points", "/api/aggregates?by=month",
            f"/api/events/{everything[0]['event_id']}", "/api/documents"] * 8
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(lambda u: client.get(u).status_code, urls))
    assert statuses == [200] * len(urls)
