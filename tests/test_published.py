"""The publication-date stage: datelines, page dates, release numbers; never a guess."""
from datetime import date

import pytest

from sitrep.input.clean import clean
from sitrep.input.published import find_published, published_date
from sitrep.model import Document

BODY = "\nAn Afghan and coalition security force killed two insurgents in Ghazni province yesterday."


@pytest.mark.parametrize("header, value", [
    ("KABUL, Afghanistan (Jan. 25, 2013)", date(2013, 1, 25)),
    ("KABUL, Afghanistan (Sept. 29, 2011) \u2014 A combined force", date(2011, 9, 29)),
    ("KABUL, July 23, 2016 - Two suicide bombers struck", date(2016, 7, 23)),
    ("KABUL (July 24, 2016) - The death toll rose", date(2016, 7, 24)),
    ("KUNDUZ, Afghanistan (March 4, 2020) - Taliban fighters overran", date(2020, 3, 4)),
    ("MAZAR-E-SHARIF, Afghanistan (August 13, 2011)", date(2011, 8, 13)),
    ("KABUL, 4 March 2020 - Officials said", date(2020, 3, 4)),
    ("Suicide bombers hit Hazara protest in Kabul\n\nKABUL, July 23, 2016 - Two bombers", date(2016, 7, 23)),
])
def test_datelines(header, value):
    assert published_date(header + BODY) == (value, "dateline")


def test_dateline_without_year_takes_it_from_the_release_number():
    text = ("Force Targets Taliban Commander\nISAF Joint Command - Afghanistan\n2010-09-CA-005\n\n"
            "KABUL, Afghanistan (Sept. 1) - An Afghan and coalition security force detained insurgents.")
    assert published_date(text) == (date(2010, 9, 1), "dateline")
    # a December release dated in early January belongs to the next year, and the reverse
    assert published_date("2009-12-CA-080\nKABUL, Afghanistan (Jan. 2)" + BODY)[0] == date(2010, 1, 2)
    assert published_date("2011-01-S-071\nKABUL, Afghanistan (Dec. 31)" + BODY)[0] == date(2010, 12, 31)


def test_dateline_without_year_takes_it_from_another_header_date():
    text = "ISAF Joint Command Operational Update, Jan. 6, 2011\n\nKABUL, Afghanistan (Jan. 6) - Numerous" + BODY
    assert published_date(text) == (date(2011, 1, 6), "dateline")


def test_dateline_without_any_year_is_unknown():
    assert published_date("KABUL, Afghanistan (Feb. 07)" + BODY) == (None, None)
    assert published_date("KABUL, March 4 (Reuters) - Taliban fighters attacked" + BODY) == (None, None)


@pytest.mark.parametrize("header, value", [
    ("date 2020-03-05\n\nKUNDUZ - Taliban militants killed", date(2020, 3, 5)),
    ("Published: March 5, 2020\nTaliban kill 20", date(2020, 3, 5)),
    ("Posted on 5 March 2020 | Kabul", date(2020, 3, 5)),
    ("2020-03-05\nTaliban kill 20 soldiers", date(2020, 3, 5)),
    ("ISAF Joint Command Operational Update, Jan. 10, 2011\nISAF Joint Command - Afghanistan", date(2011, 1, 10)),
    ("ISAF Joint Command Morning Operational Update March 24, 2011\n2011-03-S-081", date(2011, 3, 24)),
    ("Dec. 24: Militants Detained in Helmand\n\nISAF Joint Command - Afghanistan\n2009-12-CA\u2013080",
     date(2009, 12, 24)),
])
def test_page_dates(header, value):
    assert published_date(header + "\n" + BODY) == (value, "page")


def test_a_dateline_beats_a_page_date():
    text = "date 2020-03-06\nKUNDUZ, Afghanistan (March 4, 2020) - Taliban fighters" + BODY
    assert published_date(text) == (date(2020, 3, 4), "dateline")


def test_event_dates_in_sentences_are_not_publication_dates():
    assert published_date("On 18 March 2022, NRF clashed with the Taliban in Paghman city, Kabul.") == \
        (None, None)
    assert published_date("Taliban attacked in March 4, 2020 fighting\nmore") == (None, None)
    assert published_date("Afghan Officials: Airstrikes Kill up to 50 IS Militants\n\n"
                          "Authorities in Afghanistan said Saturday coalition airstrikes killed 50.") == (None, None)


def test_only_the_header_is_read():
    assert published_date("x" * 500 + "\nKABUL, Afghanistan (Jan. 25, 2013)") == (None, None)


def test_stage_keeps_a_given_date_and_records_the_source():
    given = Document("d", "KABUL, Afghanistan (Jan. 25, 2013)" + BODY, published=date(2013, 1, 26),
                     published_from="record")
    assert find_published(given).published == date(2013, 1, 26)
    assert given.published_from == "record"
    found = find_published(Document("d", "KABUL, Afghanistan (Jan. 25, 2013)" + BODY))
    assert (found.published, found.published_from) == (date(2013, 1, 25), "dateline")
    unknown = find_published(Document("d", "Taliban attacked a checkpoint on Tuesday night."))
    assert (unknown.published, unknown.published_from) == (None, None)


def test_after_cleaning_a_scraped_header():
    raw = ("ISAF Joint Command - Afghanistan\u20282011-02-S-154\u2028For Immediate Release "
           "\u2028\u2028KABUL, Afghanistan (Feb. 21, 2011)\u2028Afghan and coalition forces targeted two leaders.")
    doc = find_published(clean(Document("d", raw)))
    assert (doc.published, doc.published_from) == (date(2011, 2, 21), "dateline")
    seed = find_published(clean(Document("s", " date 2020-03-05 Share:\n\nKUNDUZ - Taliban militants killed.")))
    assert (seed.published, seed.published_from) == (date(2020, 3, 5), "page")
