"""The dashboard in headless Chromium against a live server over a test store.

Chromium renders the page (--dump-dom, --screenshot) with a virtual-time budget, long enough
for the page's API calls; the dashboard marks <body data-ready="1"> once all it asked for is
drawn. Filters and the open event come from the URL hash, so a filtered view and an opened
event are checked the same way. Screenshots go to tests/artifacts/ (git-ignored).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import uvicorn

from sitrep.input.readers import read_documents
from sitrep.pipeline import extract
from sitrep.store import Store
from sitrep.web.app import create_app
from sitrep.web.synthetic import synthetic_documents

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "examples"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

NODE = shutil.which("node")
STATIC_JS = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "web" / "static" / "js"


def browser(test):
    """Marks a test `browser` and skips it when Chromium is missing."""
    missing = not (os.path.exists(CHROMIUM) or shutil.which("chromium"))
    return pytest.mark.browser(pytest.mark.skipif(missing, reason="headless Chromium is not installed "
                                                                 "(/usr/bin/chromium)")(test))


# --- a live server over a test store ------------------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("dashboard") / "store.db"
    with Store(path) as store:
        for doc in read_documents([str(EXAMPLES)]):
            store.add_document(extract(doc))
        with store.transaction():
            for doc in synthetic_documents(150, seed=11):
                store.add_document(doc)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def api(server):
    import httpx

    with httpx.Client(base_url=server, timeout=30) as client:
        def get(url, **params):
            r = client.get(url, params=params)
            r.raise_for_status()
            return r.json()
        yield get


def chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    exe = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}",
           "--window-size=1400,1000", "--virtual-time-budget=10000", *args, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list[Node] = []
        self.parts: list[str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find_all(self, tag=None, cls=None, **attrs):
        out = []
        for child in self.children:
            if ((tag is None or child.tag == tag) and (cls is None or cls in child.classes)
                    and all(child.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())):
                out.append(child)
            out += child.find_all(tag, cls, **attrs)
        return out

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None


class DomTree(HTMLParser):
    """Enough of an HTML tree for the checks (text of each element includes its descendants')."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {}, None)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        node = self.current
        while node is not None:
            node.parts.append(data)
            node = node.parent


def render(tmp_path: Path, url: str) -> Node:
    """The page's DOM once the dashboard says it is ready (one retry on a slow start)."""
    for _ in range(2):
        done = chromium(tmp_path, url, "--dump-dom")
        assert done.returncode == 0, done.stderr[-2000:]
        dom = DomTree(done.stdout).root
        body = dom.find("body")
        if body is not None and body.attrs.get("data-ready") == "1":
            return dom
    pytest.fail(f"the dashboard never became ready at {url}:\n{done.stdout[:3000]}")


def rows(dom: Node) -> list[Node]:
    return [tr for tr in dom.find("table", id="events").find_all("tr") if "data-event-id" in tr.attrs]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


# --- the checks ---------------------------------------------------------------------------------------

@browser
def test_dashboard_shows_map_points_timeline_and_table(server, api, tmp_path):
    dom = render(tmp_path, server + "/")
    total = api("/api/events", limit=1)["total"]
    provinces = dom.find("svg", id="map").find_all("path", cls="province")
    assert len(provinces) == 34
    coloured = {p.attrs["data-name"] for p in provinces if "has-events" in p.classes}
    assert coloured == {g["key"] for g in api("/api/aggregates", by="admin1")["groups"] if g["key"]}
    points = dom.find("svg", id="map").find_all("circle", cls="point")
    clusters = api("/api/points", limit=2000)
    assert len(points) == len(clusters["clusters"]) > 50
    assert sum(int(p.attrs["data-events"]) for p in points) == clusters["located_events"]
    bars = [b for b in dom.find("svg", id="timeline").find_all("rect", cls="bar") if b.attrs["data-events"] != "0"]
    months = [g for g in api("/api/aggregates", by="month")["groups"] if g["key"]]
    assert {b.attrs["data-month"] for b in bars} == {g["key"] for g in months}
    assert sum(int(b.attrs["data-events"]) for b in bars) == sum(g["events"] for g in months)
    table_rows = rows(dom)
    newest = api("/api/events", limit=50, evidence="false")["events"]
    assert [int(r.attrs["data-event-id"]) for r in table_rows] == [e["event_id"] for e in newest]
    assert dom.find(id="summary").attrs["data-events"] == str(total)
    assert dom.find(cls="range").attrs["data-total"] == str(total)


@browser
def test_filter_from_the_url_updates_map_timeline_and_table(server, api, tmp_path):
    dom = render(tmp_path, server + "/#admin1=Kunduz&sort=-fatalities")
    kunduz = api("/api/events", admin1="Kunduz", sort="-fatalities", limit=50, evidence="false")
    assert kunduz["total"] >= 2, "the store must hold Kunduz events (a seed article reports one)"
    table_rows = rows(dom)
    assert [int(r.attrs["data-event-id"]) for r in table_rows] == [e["event_id"] for e in kunduz["events"]]
    assert all(r.find_all("td")[3].text == "Kunduz" for r in table_rows)
    assert dom.find("select", **{"name": "admin1"}).attrs["data-value"] == "Kunduz"
    assert dom.find(id="summary").attrs["data-events"] == str(kunduz["total"])
    # the map zooms to the province and draws its districts
    svg_map = dom.find("svg", id="map")
    assert svg_map.attrs["data-focus"] == "Kunduz"
    districts = api("/api/boundaries/adm2", admin1="Kunduz")["features"]
    assert len(svg_map.find_all("path", cls="district")) == len(districts)
    points = svg_map.find_all("circle", cls="point")
    assert sum(int(p.attrs["data-events"]) for p in points) == api("/api/points", admin1="Kunduz")["located_events"]
    bars = [b for b in dom.find("svg", id="timeline").find_all("rect", cls="bar") if b.attrs["data-events"] != "0"]
    assert sum(int(b.attrs["data-events"]) for b in bars) == sum(
        g["events"] for g in api("/api/aggregates", by="month", admin1="Kunduz")["groups"] if g["key"])


@browser
def test_opened_event_shows_sources_with_evidence_highlighted(server, api, tmp_path):
    twin = api("/api/events", sort="-sources", limit=1)["events"][0]
    assert twin["n_sources"] == 2
    event = api(f"/api/events/{twin['event_id']}")
    dom = render(tmp_path, server + f"/#event={twin['event_id']}")
    drawer = dom.find("aside", id="event-view")
    assert "hidden" not in drawer.attrs
    body = drawer.find(id="event-body")
    assert body.attrs["data-event-id"] == str(event["event_id"])
    articles = body.find_all("article", cls="source")
    assert [a.attrs["data-doc-id"] for a in articles] == event["sources"]
    for article in articles:
        text = article.find(cls="doc-text")
        document = next(d for d in event["documents"] if d["id"] == article.attrs["data-doc-id"])
        assert text.text == document["text"]  # the whole text, unchanged by the highlighting
        marks = text.find_all("mark")
        for ev in (x for x in event["evidence"] if x["doc_id"] == document["id"]):
            covered = "".join(m.text for m in marks if ev["field"] in m.attrs["data-fields"].split())
            assert covered == ev["text"], ev["field"]


@browser
def test_seed_event_in_a_filtered_view(server, api, tmp_path):
    seed = api("/api/events", q="Imam Sahib", admin1="Kunduz", limit=1)["events"][0]
    url = server + f"/#admin1=Kunduz&event={seed['event_id']}"
    dom = render(tmp_path, url)
    body = dom.find(id="event-body")
    assert body.attrs["data-event-id"] == str(seed["event_id"])
    assert "Kunduz" in body.find("h2").text
    marks = [m for text in body.find_all(cls="doc-text") for m in text.find_all("mark")]
    assert any("fatalities" in m.attrs["data-fields"] for m in marks)
    assert [r for r in rows(dom) if "open" in r.classes][0].attrs["data-event-id"] == str(seed["event_id"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n")
    shot = ARTIFACTS / "dashboard-event.png"
    assert chromium(tmp_path, url, f"--screenshot={shot}").returncode == 0
    assert png_size(shot) == (1400, 1000)


@browser
def test_screenshot(server, tmp_path, record_property):
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n")
    shot = ARTIFACTS / "dashboard.png"
    shot.unlink(missing_ok=True)
    done = chromium(tmp_path, server + "/", f"--screenshot={shot}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert png_size(shot) == (1400, 1000)
    # a drawn map, bars and a table compress far worse than an empty page (~10 kB)
    assert shot.stat().st_size > 60_000
    record_property("screenshot", str(shot))
    print(f"\nscreenshot: {shot}")


@browser
def test_offline_docs_page_lists_the_api(server, tmp_path):
    done = chromium(tmp_path, server + "/docs", "--dump-dom")
    dom = DomTree(done.stdout).root
    sections = dom.find_all("section", cls="op")
    paths = {s.find(cls="path").text for s in sections}
    assert {"/api/events", "/api/events/{event_id}", "/api/ingest", "/api/export.csv"} <= paths


# --- the page's pure functions, run by Node when it is installed -------------------------------------

@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_scales_series_and_highlight_segments():
    script = f"""
    const geo = await import("{(STATIC_JS / 'geo.js').as_uri()}");
    const tl = await import("{(STATIC_JS / 'timeline.js').as_uri()}");
    const ev = await import("{(STATIC_JS / 'event.js').as_uri()}");
    const scale = geo.colourScale([0, 237, 1, 2, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]);
    const out = {{
      classes: scale.classes.map((c) => [c.from, c.to]),
      colours: [0, 1, 5, 237].map(scale.colour),
      series: tl.monthSeries([{{key: "2020-11", events: 2, fatalities: 3}}, {{key: "2021-02", events: 1, fatalities: 0}},
                              {{key: null, events: 5, fatalities: 9}}]).map((g) => [g.key, g.events]),
      monthEnd: [tl.monthEnd("2020-02"), tl.monthEnd("2021-12")],
      spans: ev.placeSpans("Four police were killed in Kunduz.", [
        {{field: "fatalities", text: "Four", start: 0, end: 4}},
        {{field: "location", text: "Kunduz", start: 3, end: 9}},
        {{field: "event", text: "gone", start: 0, end: 4}}]),
      segments: ev.segments("abcdef", [{{start: 0, end: 6, field: "event"}}, {{start: 2, end: 4, field: "fatalities"}}]),
    }};
    console.log(JSON.stringify(out));
    """
    done = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    # every whole number from 1 to the maximum falls in exactly one legend class, in order;
    # quantile classes: the 13 non-zero values in 6 classes of two or three values each
    covered = [n for lo, hi in out["classes"] for n in range(lo, hi + 1)]
    assert covered == list(range(1, 238))
    assert [hi for _, hi in out["classes"]] == [2, 5, 13, 34, 89, 237]
    assert out["colours"][0] == "#e8e8e4" and out["colours"][1] != out["colours"][3]
    assert out["series"] == [["2020-11", 2], ["2020-12", 0], ["2021-01", 0], ["2021-02", 1]]
    assert out["monthEnd"] == ["2020-02-29", "2021-12-31"]
    # offsets that do not match the text fall back to the words; words not in the text are dropped
    assert out["spans"] == [{"start": 0, "end": 4, "field": "fatalities"},
                            {"start": 27, "end": 33, "field": "location"}]
    assert out["segments"] == [{"text": "ab", "fields": ["event"]}, {"text": "cd", "fields": ["event", "fatalities"]},
                               {"text": "ef", "fields": ["event"]}]
