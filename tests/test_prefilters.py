"""Literal look-ups that spare a regex scan (place phrases, era cues, header dates) find exactly
what the regexes find, in any case and beside non-ASCII characters."""
from __future__ import annotations

import tomllib
from datetime import date
from importlib.resources import files

import pytest

from sitrep.extract.actors import actor_dictionary
from sitrep.extract.places import gazetteer
from sitrep.input.published import _header_line_date, _reference, published_date

CASES = [str, str.upper, str.lower, str.title]
SURROUNDINGS = [
    "Gunmen attacked a bus in {} on Monday.",
    "A blast hit {} \u2014 officials said \u2013 killing two.",
    "Les forces ont frapp\u00e9 {} hier.",  # a non-ASCII letter: the regex decides
    "{}",
]


def regex_phrases(gaz, text):
    gaz._phrase_mentions("", [])  # compiles the regex
    return [(m.start(), m.end()) for m in gaz._phrase_regex.finditer(text)]


def test_place_phrases_in_any_case_and_script():
    gaz = gazetteer()
    assert gaz._phrases, "phrases.tsv is empty: nothing to test"
    for phrase, _ in gaz._phrases:
        for case in CASES:
            for around in SURROUNDINGS:
                text = around.format(case(phrase))
                got = [(m.start, m.end) for m in gaz._phrase_mentions(text, [])]
                assert got == regex_phrases(gaz, text) and got, text
    for text in ["No capital city was named.", "Afghanistan and its capital", ""]:
        assert [(m.start, m.end) for m in gaz._phrase_mentions(text, [])] == regex_phrases(gaz, text)


def test_era_cues_in_any_case_and_script():
    actors = actor_dictionary()
    cues = tomllib.loads(files("sitrep").joinpath("knowledge/actors.toml").read_text("utf-8"))["eras"]["after_cues"]
    assert cues, "no era cues to test"
    for cue in cues:
        for case in CASES:
            for around in SURROUNDINGS:
                text = around.format(case(cue))
                assert actors._has_after_cue(text) == bool(actors.after_cues.search(text)) == True, text  # noqa: E712
                assert actors.era(None, text) == "taliban"
    for text in ["The Taliban attacked a police post.", "Les talibans ont attaqu\u00e9.", ""]:
        assert actors._has_after_cue(text) == bool(actors.after_cues.search(text))
    assert actors.era(None, "The Taliban attacked a police post.") == actors.default_era


@pytest.mark.parametrize("line, expected", [
    ("ISAF Joint Command Operational Update, Jan. 10, 2011", date(2011, 1, 10)),
    ("Operational update for 25 March 2012", date(2012, 3, 25)),
    ("Operational update, Jan. 10", None),  # no year: no full date
    ("Insurgents detained in operation on Jan. 10, 2011", None),  # a date of the event, not the page
])
def test_header_line_dates(line, expected):
    assert _header_line_date(line) == expected


def test_yearless_dateline_takes_its_year_from_the_release_number():
    head = "2010-09-CA-005\nKABUL, Afghanistan (Sept. 1) - An Afghan and coalition force detained two suspects."
    assert _reference(head) == date(2010, 9, 15)
    assert published_date(head) == (date(2010, 9, 1), "dateline")
    assert _reference("KABUL, Afghanistan (Sept. 1) - no year anywhere") is None
    assert published_date("Published: March 5, 2020\nKabul police said ...") == (date(2020, 3, 5), "page")


def test_prefiltered_patterns_find_what_their_regexes_find():
    """The mentions stage's prefiltered patterns (a needed word looked for first) give the regex's
    own result on any window, beside non-ASCII characters and in any case."""
    import random

    from sitrep.extract import counts, mentions
    from sitrep.extract.prefilter import Prefiltered

    patterns = [v for m in (mentions, counts) for v in vars(m).values() if isinstance(v, Prefiltered)]
    assert patterns
    words = ["claimed", "responsibility", "took", "by", "from", "with", "and", "their", "along", "attacks",
             "12", "dozens", "of", "said", "officials", "told", "according", "to", "the", "Taliban", "clashed",
             "killed", "or", "detained", ",", "leader", "\u017fpokesman", "K\u212aILLED", "\n", "air strikes",
             "as", "well", "fighting", "between", "backed", "commander,", "spokesman"]
    rnd = random.Random(7)
    for _ in range(3000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 12)))
        text = rnd.choice([str, str.upper, str.title])(text) + rnd.choice(["", " ", ", "])
        pos = rnd.randrange(len(text) + 1)
        end = rnd.randrange(pos, len(text) + 1)
        for p in patterns:
            for method in ("search", "match"):
                want = getattr(p.pattern, method)(text, pos, end)
                got = getattr(p, method)(text, pos, end)
                assert (want and want.span()) == (got and got.span()), (p.pattern.pattern[:40], text, pos, end)


def test_words_for_things_as_the_regex_reads_them():
    """counts' start filter spares `_NOT_COUNT_AFTER` only where it cannot match."""
    import random

    from sitrep.extract import counts

    words = ["weapons", "Weapons", "AK-47s", "am", "AMERICANS", "Sept.", "sepoy", "10", "%", "days", "insurgents",
             "\u212am", "\u017fhells", "air strikes", "airstrike", "jan", "janitor", "\t", "\x1c", "-"]
    rnd = random.Random(11)
    for _ in range(5000):
        text = rnd.choice(["", " ", "  "]) + " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 3)))
        assert counts._names_things(text) == bool(counts._NOT_COUNT_AFTER.match(text)), text
