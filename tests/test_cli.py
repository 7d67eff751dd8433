"""The command line end to end: formats, stdin, bad input."""
import csv
import io
import json
import subprocess
import sys

from conftest import EXAMPLES, ROOT


def sitrep(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "sitrep", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT)


def test_extract_folder_jsonl():
    res = sitrep("extract", str(EXAMPLES))
    assert res.returncode == 0, res.stderr
    events = [json.loads(line) for line in res.stdout.splitlines()]
    assert {e["doc_id"] for e in events} == {p.stem for p in EXAMPLES.glob("*.txt")}
    kunduz = [e for e in events if e["admin2"] == "Imam Sahib"]
    assert kunduz and kunduz[0]["fatalities"] == 14 and kunduz[0]["event_date"] == "2020-03-04"


def test_extract_csv_geojson_table(tmp_path):
    out = tmp_path / "e.csv"
    assert sitrep("extract", str(EXAMPLES), "--format", "csv", "-o", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and {"event_date", "admin1", "fatalities", "notes"} <= set(rows[0])
    geo = json.loads(sitrep("extract", str(EXAMPLES), "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["type"] == "Point"
    table = sitrep("extract", str(EXAMPLES), "--format", "table").stdout
    assert "Kunduz" in table and "Imam Sahib" in table


def test_stdin_and_published_option():
    text = "Taliban insurgents attacked a police checkpoint in Khan Abad district of Kunduz province last night, " \
           "killing three policemen."
    res = sitrep("extract", "-", "--published", "2020-03-04", stdin=text)
    event = json.loads(res.stdout.splitlines()[0])
    assert event["doc_id"] == "stdin" and event["event_date"] == "2020-03-03" and event["fatalities"] == 3


def test_bad_input_is_skipped_with_one_line_and_exit_status(tmp_path):
    good = tmp_path / "docs.jsonl"
    good.write_text('{"id": "a", "text": "Taliban fighters killed two soldiers in Qadis district, Badghis."}\n'
                    '{"id": "b", "text": \n'
                    '{"id": "c", "text": "Five policemen were killed in an attack in Uruzgan province."}\n')
    res = sitrep("extract", str(good), str(tmp_path / "missing.txt"))
    assert res.returncode == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("sitrep: skipped:")]
    assert len(errors) == 2
    assert any("docs.jsonl:2" in line for line in errors) and any("missing.txt" in line for line in errors)
    assert {json.loads(line)["doc_id"] for line in res.stdout.splitlines()} == {"a", "c"}


def test_output_file_is_not_half_written_on_failure(tmp_path):
    out = tmp_path / "e.jsonl"
    out.write_text("previous\n")
    res = sitrep("extract", str(tmp_path / "nothing-here"), "-o", str(out))
    assert res.returncode == 1
    assert out.read_text() in ("previous\n", "")  # replaced whole or left alone, never partial



def test_an_output_in_a_missing_folder_is_a_usage_error_before_any_work(tmp_path):
    for command in (("extract", str(EXAMPLES)), ("events", "--db", str(tmp_path / "none.db"))):
        res = sitrep(*command, "-o", str(tmp_path / "missing" / "e.jsonl"))
        assert res.returncode == 2, res.stderr
        assert "no such folder" in res.stderr and "Traceback" not in res.stderr
    res = sitrep("extract", str(EXAMPLES), "-o", str(tmp_path))
    assert res.returncode == 2 and "a folder, not a file" in res.stderr

def test_serve_refuses_a_missing_store(tmp_path):
    res = sitrep("serve", "--db", str(tmp_path / "nothing.db"))
    assert res.returncode == 1
    assert "no store at" in res.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_a_document_a_stage_fails_on_is_reported_and_the_run_goes_on():
    from sitrep.model import Document
    from sitrep.pipeline import Pipeline

    def fragile(doc):
        if "boom" in doc.text:
            raise ValueError("bad text")
        return doc

    skipped = []
    docs = [Document("a", "one"), Document("b", "boom"), Document("c", "three")]
    out = list(Pipeline([("fragile", fragile)]).pipe(docs, on_error=lambda *why: skipped.append(why)))
    assert [d.id for d in out] == ["a", "c"]
    assert skipped == [("b", "extraction failed: ValueError('bad text')")]


def test_a_dotted_capital_i_in_a_place_phrase_does_not_stop_extraction(tmp_path):
    from sitrep.pipeline import extract
    from sitrep.model import Document
    doc = extract(Document("x", "Taliban fighters attacked a checkpoint in the AFGHAN CAPİTAL on Monday, killing two policemen."))
    assert doc.events
