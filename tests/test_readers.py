"""Reading documents: every format, stdin, folders, and bad input reported once and skipped."""
import io
import json
from datetime import date

import pytest

from sitrep.input import readers
from sitrep.input.readers import ReadStats, guess_title, read_documents

ARTICLE = "Afghan Officials: Airstrikes Kill up to 50 IS Militants\n\nAuthorities said Saturday airstrikes killed 50.\n"


def read(paths, **kwargs):
    errors = []
    stats = ReadStats()
    docs = list(read_documents([str(p) for p in paths], on_error=errors.append, stats=stats, **kwargs))
    assert stats.errors == len(errors) and stats.documents == len(docs)
    return docs, errors


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# ---- formats ----------------------------------------------------------------------------

def test_plain_text_file(tmp_path):
    docs, errors = read([write(tmp_path / "000_c5dc1e38.txt", ARTICLE)])
    assert errors == []
    [doc] = docs
    assert doc.id == "000_c5dc1e38"
    assert doc.text == doc.raw_text == ARTICLE
    assert doc.title == "Afghan Officials: Airstrikes Kill up to 50 IS Militants"
    assert doc.origin == str(tmp_path / "000_c5dc1e38.txt")
    assert (doc.published, doc.published_from) == (None, None)


def test_published_option_and_bom(tmp_path):
    docs, _ = read([write(tmp_path / "a.md", b"\xef\xbb\xbf" + ARTICLE.encode())], published=date(2020, 3, 5))
    assert docs[0].text == ARTICLE
    assert (docs[0].published, docs[0].published_from) == (date(2020, 3, 5), "option")


def test_jsonl(tmp_path):
    lines = [
        {"id": "a1", "text": "First text.", "published": "2020-03-05", "title": "T", "url": "http://x/1",
         "source": "AFP"},
        {"id": 7, "text": "Second text.", "published": None},
        {"text": "No id here."},
    ]
    path = write(tmp_path / "docs.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    docs, errors = read([path], published=date(2021, 1, 1))
    assert errors == []
    assert [(d.id, d.published, d.published_from) for d in docs] == [
        ("a1", date(2020, 3, 5), "record"), ("7", date(2021, 1, 1), "option"),
        ("docs:3", date(2021, 1, 1), "option")]
    assert (docs[0].title, docs[0].url, docs[0].source) == ("T", "http://x/1", "AFP")
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:3"]


def test_csv(tmp_path):
    path = write(tmp_path / "docs.csv", 'id,text,published,title\nc1,"Multi-line\ntext, quoted",2020-03-05,Head\n'
                                        'c2,Plain,,\n,No id,,\n')
    docs, errors = read([path])
    assert errors == []
    assert [(d.id, d.text, d.published) for d in docs] == [
        ("c1", "Multi-line\ntext, quoted", date(2020, 3, 5)), ("c2", "Plain", None), ("docs:5", "No id", None)]
    assert docs[0].title == "Head"
    assert [d.origin for d in docs] == [f"{path}:2", f"{path}:4", f"{path}:5"]


def test_stdin_jsonl_and_text():
    jsonl = b'\n  {"id": "s1", "text": "From stdin."}\n{"text": "Two."}\n'
    docs, errors = read(["-"], stdin=io.BytesIO(jsonl))
    assert errors == [] and [(d.id, d.origin) for d in docs] == [("s1", "stdin:2"), ("stdin:3", "stdin:3")]
    docs, _ = read(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    assert [(d.id, d.text, d.origin) for d in docs] == [("stdin", ARTICLE, "stdin")]
    assert docs[0].title.startswith("Afghan Officials")


def test_folder_is_walked_recursively_in_name_order(tmp_path):
    write(tmp_path / "b.txt", "B text.")
    write(tmp_path / "a.txt", "A text.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.jsonl", '{"id": "c1", "text": "C text."}\n')
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "x.txt", "hidden")
    write(tmp_path / ".hidden.txt", "hidden")
    docs, errors = read([tmp_path])
    assert errors == []
    assert [d.id for d in docs] == ["a", "b", "c1"]


def test_several_paths_keep_their_order(tmp_path):
    docs, _ = read([write(tmp_path / "z.txt", "Z."), write(tmp_path / "y.txt", "Y.")])
    assert [d.id for d in docs] == ["z", "y"]


# ---- bad input: one line naming the file (and line), the rest still read ----------------

@pytest.mark.parametrize("name, data, message", [
    ("binary.txt", b"\x89PNG\x00\x00data", "binary file"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\n ", "empty"),
    ("latin1.txt", "caf\u00e9".encode("latin-1"), "not valid UTF-8"),
])
def test_bad_files(tmp_path, name, data, message):
    bad = write(tmp_path / name, data)
    good = write(tmp_path / "good.txt", "Good text.")
    docs, errors = read([bad, good])
    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 1 and errors[0].startswith(f"{bad}: ") and message in errors[0]


def test_missing_path(tmp_path):
    docs, errors = read([tmp_path / "nope.txt", write(tmp_path / "good.txt", "Good.")])
    assert [d.id for d in docs] == ["good"]
    assert errors == [f"{tmp_path / 'nope.txt'}: no such file or directory"]


def test_oversized_file(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_DOC_BYTES", 100)
    docs, errors = read([write(tmp_path / "big.txt", "x" * 101), write(tmp_path / "ok.txt", "x" * 100)])
    assert [d.id for d in docs] == ["ok"]
    assert len(errors) == 1 and "big.txt: too large" in errors[0]


def test_bad_jsonl_lines(tmp_path):
    path = write(tmp_path / "bad.jsonl", b"\n".join([
        b'{"id": "ok1", "text": "Fine."}',
        b'{"id": "broken", "text": ',
        b'{"id": "notext"}',
        b'{"id": "empty", "text": "  "}',
        b'{"id": "num", "text": 12}',
        b'{"id": "date", "text": "T.", "published": "5 March 2020"}',
        b'["a list"]',
        b'{"id": "latin", "text": "caf\xe9"}',
        b'{"id": "ok2", "text": "Also fine.", "published": "2020-03-05T10:00:00Z"}',
    ]) + b"\n")
    docs, errors = read([path])
    assert [(d.id, d.published) for d in docs] == [("ok1", None), ("ok2", date(2020, 3, 5))]
    assert [e.split(": ", 1)[0] for e in errors] == [f"{path}:{n}" for n in range(2, 9)]
    assert "malformed JSON" in errors[0] and "no \"text\"" in errors[1] and "empty text" in errors[2]
    assert "not a string" in errors[3] and "bad \"published\" value '5 March 2020'" in errors[4]
    assert "not a JSON object" in errors[5] and "not valid UTF-8" in errors[6]


def test_oversized_jsonl_line_is_skipped_and_reading_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_RECORD_BYTES", 64)
    path = write(tmp_path / "big.jsonl", '{"id": "big", "text": "' + "x" * 200 + '"}\n{"id": "small", "text": "ok"}\n')
    docs, errors = read([path])
    assert [d.id for d in docs] == ["small"]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:1: record too large")


def test_bad_csv(tmp_path):
    no_text = write(tmp_path / "notext.csv", "id,body\n1,hello\n")
    rows = write(tmp_path / "rows.csv", b'id,text\nr1,\nr2,"caf\xe9"\nr3,Fine.\n')
    docs, errors = read([no_text, rows])
    assert [d.id for d in docs] == ["r3"]
    assert errors[0].startswith(f"{no_text}:1: no \"text\" column")
    assert errors[1] == f"{rows}:2: empty text, skipped"
    assert errors[2] == f"{rows}:3: not valid UTF-8, skipped"


def test_default_error_printer(tmp_path, capsys):
    list(read_documents([str(tmp_path / "nope.txt")]))
    assert capsys.readouterr().err == f"{tmp_path / 'nope.txt'}: no such file or directory\n"


def test_streaming_does_not_read_ahead(tmp_path):
    path = write(tmp_path / "many.jsonl", "".join(json.dumps({"id": str(i), "text": "t"}) + "\n"
                                                  for i in range(1000)))
    docs = read_documents([str(path)])
    assert next(docs).id == "0"  # a generator: records come one at a time


def test_guess_title():
    assert guess_title("Short Title Of News\n\nBody text.") == "Short Title Of News"
    assert guess_title("Short Title Of News\nShort Title Of News\nBody.") == "Short Title Of News"
    assert guess_title(" date 2020-03-05 Share:\n\nKUNDUZ - Taliban") is None
    assert guess_title("A first sentence of the article.\n\nMore.") is None
    assert guess_title("Title Without Body Here\n") is None


def test_a_title_case_headline_over_release_header_lines_is_the_title():
    from sitrep.input.readers import guess_title
    text = "Dec. 7: Air Strike Hits Stronghold in Kunar\nISAF Joint Command - Afghanistan 2009-12-CA-061\nIn another operation, ..."
    assert guess_title(text) == "Dec. 7: Air Strike Hits Stronghold in Kunar"
    assert guess_title("Insurgents attacked a patrol in the district\nThe force returned fire.") is None
