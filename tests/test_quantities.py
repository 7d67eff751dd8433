import pytest

from sitrep.extract.quantities import find_quantities, parse_quantity


@pytest.mark.parametrize("text, low, best, high", [
    ("20", 20, 20, 20),
    ("at least 20", 20, 20, None),
    ("up to 50", None, 50, 50),
    ("more than 50", 50, 50, None),
    ("nearly 30", None, 30, 30),
    ("some 120", 120, 120, 120),
    ("fifty", 50, 50, 50),
    ("twenty-five", 25, 25, 25),
    ("two dozen", 24, 24, 24),
    ("1,500", 1500, 1500, 1500),
    ("2-3", 2, 2, 3),
    ("between 1,500 and 4,000", 1500, 1500, 4000),
    ("several", 3, 3, 10),
    ("dozens", 12, 12, 99),
    ("tens", 10, 10, 99),
    ("hundreds", 100, 100, 999),
    ("scores", 20, 20, 99),
    ("numerous", 4, 4, 20),
    ("many", 4, 4, 100),  # as "numerous": "killing many of them" is no more certain than that
    ("a", 1, 1, 1),
])
def test_parse_quantity(text, low, best, high):
    q = parse_quantity(text)
    assert (q.low, q.best, q.high) == (low, best, high)


def test_not_a_quantity():
    assert parse_quantity("soldiers") is None


def test_find_quantities_keeps_offsets():
    text = "killing at least 10 soldiers and four police"
    found = find_quantities(text)
    assert [q.best for q in found] == [10, 4]
    assert [text[q.start:q.end] for q in found] == ["at least 10", "four"]


def test_words_inside_words_are_not_numbers():
    # "an" at the end of "Taliban" is not the article that counts one
    assert [q.best for q in find_quantities("2 Taliban members")] == [2]


def test_letters_that_match_ascii_ones_ignoring_case_read_as_them():
    # the patterns match "ſeveral" (a long s) and "fıve" as they match "several" and "five": so must the reading
    assert (parse_quantity("ſeveral").low, parse_quantity("ſeveral").high) == (3, 10)
    assert parse_quantity("fıve").best == 5 and parse_quantity("FİVE").best == 5
