from sitrep.extract.counts import find_counts


def roles(text):
    return [(c.role, c.quantity.best, c.side.key if c.side else None) for c in find_counts(text)]


def test_active_sum_of_sides():
    assert roles("Taliban fighters attacked at least three army outposts, killing at least 10 soldiers and four police") == [
        ("killed", 10, "afghan_military"), ("killed", 4, "afghan_police")]


def test_passive_and_elliptic_injured():
    assert roles("Unfortunately, six police were killed and seven wounded.") == [
        ("killed", 6, "afghan_police"), ("injured", 7, None)]


def test_killed_and_captured_with_named_group():
    assert roles("their forces had killed at least eight key militants of the self-proclaimed Islamic State "
                 "Khorasan (ISIS-K) and captured three others") == [("killed", 8, "islamic_state"), ("captured", 3, None)]


def test_vague_word_with_of():
    assert roles("Scores of Afghan militants have been killed in an artillery rocket strike") == [
        ("killed", 20, "armed_opposition")]


def test_killed_or_wounded_is_not_a_death_toll():
    assert roles("51 Taliban were killed or wounded in the area") == []


def test_death_toll_rose_to():
    assert roles("The death toll from Saturday's twin bombing of a protest march has risen to 80, officials said") == [
        ("killed", 80, None)]


def test_coding_note_and_claims():
    counts = find_counts("Fatalities coded as 3 (NRF reported 4 Taliban fatalities and 1 NRF fatality)")
    assert counts[0].coded and counts[0].quantity.best == 3
    assert all(c.claimed for c in counts[1:])


def test_years_outposts_and_ing_clauses_are_not_counts():
    assert roles("On 18 May 2022, 2-3 Taliban forces were shot dead") == [("killed", 2, "taliban")]
    assert roles("suicide bombers attacked a police station, killing at least three policemen") == [
        ("killed", 3, "afghan_police")]


def test_back_joined_chain():
    assert roles("1 former government employee and her 2 sons were shot and killed in their house") == [
        ("killed", 1, "former_forces"), ("killed", 2, "civilians")]


def test_article_counts_one_person():
    assert roles("a child was killed and 2 others were injured") == [("killed", 1, "civilians"), ("injured", 2, None)]
    assert roles("the force detained a suspected insurgent") == [("captured", 1, "armed_opposition")]
