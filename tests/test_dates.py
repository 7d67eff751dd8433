"""The dates stage: absolute dates, relative words against a publication date, and without one."""
from datetime import date

import pytest

from sitrep.extract.dates import (NEWS, Convention, find_dates, relative_date, resolve,
                                  weekday_date)
from sitrep.extract.segment import segment
from sitrep.model import Document

# Thursday 5 March 2020, the publication date of seed 001
PUB = date(2020, 3, 5)


def dates_in(text, published=PUB):
    return [(d.text, d.value, d.precision, d.relative)
            for d in find_dates(Document("t", text, published=published)).dates]


def only(text, published=PUB):
    found = dates_in(text, published)
    assert len(found) == 1, found
    return found[0]


# ---- absolute dates need no publication date --------------------------------------------

@pytest.mark.parametrize("text, words, value", [
    ("On 18 March 2022, NRF clashed with the Taliban in Paghman", "18 March 2022", date(2022, 3, 18)),
    ("KABUL, Afghanistan (Jan. 25, 2013)", "Jan. 25, 2013", date(2013, 1, 25)),
    ("KABUL, Afghanistan (Sept. 29, 2011) -", "Sept. 29, 2011", date(2011, 9, 29)),
    ("date 2020-03-05", "2020-03-05", date(2020, 3, 5)),
    ("the attack of March 4th, 2020 killed", "March 4th, 2020", date(2020, 3, 4)),
    ("on the 10th of March 2021 a bomb", "10th of March 2021", date(2021, 3, 10)),
    ("Saturday, July 23, 2016, a bomb", "Saturday, July 23, 2016", date(2016, 7, 23)),
    ("KABUL, JULY 23, 2016 - Two bombers", "JULY 23, 2016", date(2016, 7, 23)),
])
def test_absolute_day(text, words, value):
    for published in (None, PUB):
        assert only(text, published) == (words, value, 1, False)


def test_acled_qualifiers_set_precision_and_keep_the_stated_day():
    assert only("Around 19 June 2022 (as reported), 2 Taliban members were killed") == \
        ("19 June 2022 (as reported)", date(2022, 6, 19), 1, False)
    assert only("Around 1 January 2022 (month of), 2 former policemen were arrested") == \
        ("1 January 2022 (month of)", date(2022, 1, 1), 3, False)
    assert only("Around 16 February 2022 (week of), a man was killed")[1:3] == (date(2022, 2, 16), 2)
    assert only("Around 10 January 2022 (between 8 - 11 January), armed men")[1:3] == \
        (date(2022, 1, 10), 2)


def test_month_and_week_precision():
    assert only("clashes in March 2022 killed") == ("March 2022", date(2022, 3, 15), 3, False)
    assert only("during the week of 10 March 2022") == \
        ("the week of 10 March 2022", date(2022, 3, 10), 2, False)
    assert only("fighting on 18-20 March 2022") == ("18-20 March 2022", date(2022, 3, 18), 2, False)


def test_a_day_and_month_take_the_publication_year():
    assert only("on January 1, militants") == ("January 1", date(2020, 1, 1), 1, True)
    # a little after publication: an announced date in the same year
    assert only("talks that are due to begin on March 10.") == ("March 10", date(2020, 3, 10), 1, True)
    # far after publication: last year's
    assert only("the attack on December 28 killed")[1] == date(2019, 12, 28)
    # without a publication date: unknown, never invented
    assert only("talks due to begin on March 10.", None) == ("March 10", None, 1, True)


def test_no_false_dates():
    assert dates_in("It may 10 times be said that militants march 5 miles.") == []
    assert dates_in("release 2011-01-S-115 and 1,500 March protesters") == []
    assert dates_in("He will go in May") != []       # "in May" is a month...
    assert dates_in("May God protect them") == []      # ...a bare "May" is not
    assert dates_in("on 31 February 2020 and 30 February") == []


# ---- relative words, with and without a publication date --------------------------------

@pytest.mark.parametrize("text, words, value, precision", [
    ("officials said yesterday", "yesterday", date(2020, 3, 4), 1),
    ("yesterday's attack", "yesterday's", date(2020, 3, 4), 1),
    ("Yesterday, gunmen attacked", "Yesterday", date(2020, 3, 4), 1),
    ("officials said today", "today", date(2020, 3, 5), 1),
    ("outposts in Imam Sahib District of Kunduz last night, killing", "last night", date(2020, 3, 4), 1),
    ("a string of overnight attacks", "overnight", date(2020, 3, 4), 1),
    ("police in Uruzgan province Tuesday night, with", "Tuesday night", date(2020, 3, 3), 1),
    ("checkpoints late Tuesday night", "late Tuesday night", date(2020, 3, 3), 1),
    ("who on Saturday signed a deal", "Saturday", date(2020, 2, 29), 1),
    ("Saturday's twin bombing", "Saturday's", date(2020, 2, 29), 1),
    ("the Taliban late Saturday confirmed", "late Saturday", date(2020, 2, 29), 1),
    ("a strike Wednesday", "Wednesday", date(2020, 3, 4), 1),
    ("said on Thursday", "Thursday", date(2020, 3, 5), 1),        # the publication day itself
    ("last Thursday's raid", "last Thursday's", date(2020, 2, 27), 1),
    ("two days ago", "two days ago", date(2020, 3, 3), 1),
    ("Two weeks ago", "Two weeks ago", date(2020, 2, 20), 2),
    ("last week", "last week", date(2020, 2, 27), 2),
    ("earlier this week", "earlier this week", date(2020, 3, 4), 2),
    ("Last month, ISIS-K reportedly claimed", "Last month", date(2020, 2, 15), 3),
    ("the Taliban seized power last August", "last August", date(2019, 8, 15), 3),
    ("nine districts in January", "January", date(2020, 1, 15), 3),
    ("since mid-February", "mid-February", date(2020, 2, 15), 3),
])
def test_relative(text, words, value, precision):
    assert only(text) == (words, value, precision, True)
    assert only(text, None) == (words, None, precision, True)


def test_the_day_before_counts_from_the_date_just_mentioned():
    found = dates_in("On 3 March 2020 the Taliban attacked; the day before, a bomb exploded.")
    assert found[1] == ("the day before", date(2020, 3, 2), 1, True)
    assert only("Officials said the previous day that") == \
        ("the previous day", date(2020, 3, 4), 1, True)


def test_mentions_in_order_with_sentences():
    doc = Document("t", "Militants attacked on Tuesday night.\n\nOfficials said on Wednesday that "
                        "troops struck back yesterday.", published=PUB)
    find_dates(segment(doc))
    assert [(d.text, d.sentence) for d in doc.dates] == \
        [("Tuesday night", 0), ("Wednesday", 1), ("yesterday", 1)]
    for d in doc.dates:
        assert doc.text[d.start:d.end] == d.text


def test_seed_style_article():
    text = ("date 2020-03-05\n\nKUNDUZ - Taliban militants killed at least 20 Afghan soldiers in a string "
            "of overnight attacks, officials said on Wednesday. The insurgents also attacked police in "
            "central Uruzgan province Tuesday night. Talks are due to begin on March 10.")
    assert [(t, v) for t, v, _, _ in dates_in(text)] == [
        ("2020-03-05", date(2020, 3, 5)), ("overnight", date(2020, 3, 4)),
        ("Wednesday", date(2020, 3, 4)), ("Tuesday night", date(2020, 3, 3)),
        ("March 10", date(2020, 3, 10))]


# ---- helpers for the events stage -------------------------------------------------------

def test_resolve():
    assert resolve("yesterday", PUB) == (date(2020, 3, 4), 1)
    assert resolve("last month", PUB) == (date(2020, 2, 15), 3)
    assert resolve("last month", None) == (None, 3)
    assert resolve("18 March 2022", None) == (date(2022, 3, 18), 1)
    assert resolve("no date here", PUB) == (None, 0)


def test_conventions_are_parameters():
    wire = Convention(yesterday=-2, night=0, weekday_same_day=False)
    assert resolve("yesterday", PUB, wire) == (date(2020, 3, 3), 1)
    assert resolve("last night", PUB, wire) == (date(2020, 3, 5), 1)
    assert resolve("Thursday", PUB, wire) == (date(2020, 2, 27), 1)
    assert weekday_date(PUB, 3) == PUB
    assert weekday_date(PUB, 3, strictly_before=True) == date(2020, 2, 27)
    assert relative_date("yesterday", 0, PUB, NEWS) == (date(2020, 3, 4), 1)
    assert relative_date("month", -1, date(2020, 1, 10)) == (date(2019, 12, 15), 3)
