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
    # a person the subject of a passive verb of a role; not one whom a participle only describes
    assert roles("On 19 February 2022, a man was shot dead by gunmen.") == [("killed", 1, None)]
    assert roles("A man kidnapped by IS two months ago was also saved.") == []


def counted(text):
    return [(c.role, c.quantity.best, c.noun) for c in find_counts(text) if not c.included]


def test_pronouns_count_one_person_told_before():
    counts = find_counts("He was engaged and killed.")
    assert [(c.role, c.quantity.best, c.pronoun) for c in counts] == [("killed", 1, True)]
    counts = find_counts("The security force returned fire, killing him.")
    assert [(c.role, c.quantity.best, c.pronoun) for c in counts] == [("killed", 1, True)]
    # "the" points back too, and "both" restates those just counted
    assert [c.pronoun for c in find_counts("they shot and killed the insurgent.")] == [True]
    both = find_counts("Two insurgents were killed after firing at the force, which returned fire killing both armed men.")
    assert [(c.quantity.best, c.pronoun) for c in both] == [(2, False), (2, True)]
    # the one told before and those joined to him share the verb
    along = find_counts("The security force killed him along with two other insurgents.")
    assert [(c.role, c.quantity.best, c.pronoun) for c in along] == [("killed", 1, True), ("killed", 2, False)]


def test_a_definite_subject_of_a_passive_verb_is_one_person_told_before():
    counts = find_counts("The militant, known as Karim, was killed in a strike in Kunar.")
    assert [(c.role, c.quantity.best, c.noun, c.pronoun) for c in counts] == [("killed", 1, "militant", True)]
    counts = find_counts("The district police chief said the commander was killed in the raid.")
    assert [(c.role, c.quantity.best, c.noun, c.pronoun) for c in counts] == [("killed", 1, "commander", True)]
    assert find_counts("The commander was responsible for attacks.") == []  # no verb of a role
    assert find_counts("The insurgents were killed.") == []  # several: no figure


def test_one_person_joined_to_a_count_shares_the_verb_after_them():
    counts = find_counts("In Nawa district, a Taliban leader along with three suspected insurgents was detained.")
    assert [(c.role, c.quantity.best, c.noun) for c in counts] == [
        ("captured", 1, "Taliban leader"), ("captured", 3, "suspected insurgents")]
    counts = find_counts("A local commander as well as two fighters were killed.")
    assert [(c.role, c.quantity.best) for c in counts] == [("killed", 1), ("killed", 2)]


def test_a_name_and_who_he_was_are_one_person():
    assert counted("an operation that resulted in the death of Maulawi Tayeb, a local Taliban leader.") == [
        ("killed", 1, "Maulawi Tayeb")]
    assert counted("a precision airstrike killed Rostum and his associate.") == [
        ("killed", 1, "Rostum"), ("killed", 1, "associate")]
    assert counted("the patrol detained the man, a weapons facilitator, and three additional suspects.") == [
        ("captured", 1, "weapons facilitator"), ("captured", 3, "additional suspects")]


def test_vague_and_plural_words_as_the_isaf_coders_read_them():
    assert counted("The joint team also captured other militants.") == [("captured", 2, "other militants")]
    assert counted("The force also detained a number of other suspected insurgents.") == [
        ("captured", 4, "other suspected insurgents")]
    # "one" of the leaders just named is a leader
    assert counted("forces targeted two Haqqani network leaders, detaining one during the raid") == [
        ("captured", 1, "Haqqani network leaders")]


def test_what_is_not_a_count():
    assert counted("a clearing operation which led to the capture of a mid-level Taliban leader.") == [
        ("captured", 1, "mid-level Taliban leader")]  # "led to the capture": done, not sought
    assert counted("forces have captured or killed more than 80 Haqqani leaders") == []  # either: neither certain
    assert counted("a leader behind the Kabul attack June 28, was killed in a strike") == []  # a day, not 28 dead
    assert counted("he planned and executed numerous small-arms and rocket attacks") == []


def test_one_of_those_counted_named_by_position():
    counts = find_counts("The force detained the militants, one of whom identified himself as the Taliban commander.")
    assert [(c.role, c.noun, c.included) for c in counts] == [("captured", "Taliban commander", True)]


def test_counts_know_where_their_words_end():
    text = "the force detained two suspected insurgents."
    (c,) = find_counts(text)
    assert text[c.quantity.start:c.end] == "two suspected insurgents"


def test_inverted_passive_counts_the_people_after_were():
    assert roles("Also killed in the strike were more than a dozen armed insurgents.") == [
        ("killed", 12, "armed_opposition")]
    assert roles("Also detained were three suspected insurgents.") == [("captured", 3, "armed_opposition")]
    assert roles("The men said the killed were fighters.") == []


def test_a_dozen_is_one_number():
    assert roles("Forces killed a dozen insurgents") == [("killed", 12, "armed_opposition")]


def test_names_that_begin_like_a_month_or_weekday_are_names():
    assert [(c.role, c.quantity.best, c.noun) for c in find_counts("forces killed Sattar and two insurgents")] == [
        ("killed", 1, "Sattar"), ("killed", 2, "insurgents")]
    assert find_counts("forces detained Monday a suspect near the school") == [] or all(
        c.noun != "Monday" for c in find_counts("forces detained Monday a suspect near the school"))


def test_a_name_like_a_month_abbreviation_counts_as_a_person():
    assert [(c.role, c.quantity.best, c.noun) for c in find_counts("the strike was conducted, killing Jan and "
                                                                   "several other insurgents")] == [
        ("killed", 1, "Jan"), ("killed", 3, "other insurgents")]


def test_where_ends_the_counted_words():
    assert [(c.role, c.quantity.best, c.noun) for c in find_counts(
        "forces are investigating an incident where one Afghan civilian was killed")] == [
        ("killed", 1, "Afghan civilian")]


def test_one_of_them_names_one_of_those_counted():
    def told(text):
        return [(c.role, c.quantity.best, c.noun, c.included) for c in find_counts(text)]

    # the group's verb comes after the apposition; who "one of them" was is one of the group
    assert told("Three insurgents, one of them a Taliban commander, were killed.") == [
        ("killed", 3, "insurgents", False), ("killed", 1, "Taliban commander", True)]
    assert told("Three insurgents, one of whom was a Taliban commander, were killed.") == [
        ("killed", 3, "insurgents", False), ("killed", 1, "Taliban commander", True)]
    assert told("Four insurgents, among them a Haqqani leader, were detained.") == [
        ("captured", 4, "insurgents", False), ("captured", 1, "Haqqani leader", True)]
    assert told("Three insurgents, one of them the targeted Taliban commander, were killed by coalition forces.")[0] == (
        "killed", 3, "insurgents", False)
    # a group told without a figure: the one named is still one of them, not one more
    assert told("The armed militants, one of them a Taliban commander, were all killed.") == [
        ("killed", 1, "Taliban commander", True)]
    # "one of them" with nobody named after it is a count of its own
    assert told("Two insurgents fled and coalition forces killed one of them.") == [("killed", 1, "them", False)]


def test_one_person_and_his_people_share_the_verb_after_them():
    def told(text):
        return [(c.role, c.quantity.best, c.noun) for c in find_counts(text)]

    assert told("A Taliban sub-commander and his two bodyguards were killed.") == [
        ("killed", 1, "Taliban sub-commander"), ("killed", 2, "bodyguards")]
    assert told("A Taliban commander and his bodyguard were killed.") == [
        ("killed", 1, "Taliban commander"), ("killed", 1, "bodyguard")]
    assert told("Unidentified gunmen kidnapped a man and his son.") == [("captured", 1, "man"), ("captured", 1, "son")]
    # his people who act are no count
    assert told("A Taliban commander and his men attacked a checkpoint, killing two police.") == [("killed", 2, "police")]


def test_others_and_one_of_those_joined_to_a_count():
    def told(text):
        return [(c.role, c.quantity.best, c.noun) for c in find_counts(text)]

    # "and other militants": two at least more, with the role of the count before
    assert told("A security force detained a Taliban facilitator and other militants.") == [
        ("captured", 1, "Taliban facilitator"), ("captured", 2, "militants")]
    assert told("The leader directed roadside bombings and other attacks against Afghan forces.") == []
    # "detained one of the targeted commanders and three ...": a count of one, and the next one too
    assert told("The force detained one of the targeted commanders and three additional suspected insurgents.") == [
        ("captured", 1, "targeted commanders"), ("captured", 3, "additional suspected insurgents")]
    # as a subject, one of those counted before: no count of its own
    assert told("One of the insurgents died as a result of self detonating a suicide vest.") == []


def test_both_or_all_after_a_count_restate_it_and_the_verb_reaches_past_them():
    counts = find_counts("Two insurgents, both armed with rifles, were killed.")
    assert [(c.role, c.quantity.best, c.noun, c.pronoun) for c in counts] == [
        ("killed", 2, "insurgents", False), ("killed", 2, "armed", True)]
    assert [(c.role, c.quantity.best, c.noun) for c in find_counts(
        "Three insurgents, all members of the Taliban, were detained.")] == [("captured", 3, "insurgents")]


def test_a_group_of_people_counts_as_several():
    # "a team", "a cell": the people of the group, as many as "several" (not one); "a team leader" is one
    got = find_counts("An insurgent mortar team was killed by a precision air strike.")
    assert [(c.role, c.quantity.low, c.quantity.best, c.quantity.high) for c in got] == [("killed", 3, 3, 10)]
    assert roles("Afghan forces killed a Taliban team leader in Helmand") == [("killed", 1, "taliban")]


def test_objects_pointed_back_are_those_of_the_regex():
    # (tried only where a stem starts in the lowercase clause, but for letters that lowercase otherwise)
    from sitrep.extract.anaphora import _OBJECT, _objects
    for clause in ["The force returned fire, killing all individuals.", "KILLED THE INSURGENTS and detained them",
                   "kılled the insurgents", "arreſted the men", "İ killed them all", "skilled the men; killing them"]:
        assert [m.span() for m in _objects(clause, clause.lower())] == [m.span() for m in _OBJECT.finditer(clause)]


def test_the_group_named_after_militants_is_read_in_whole_words():
    # the words after "militants" are looked at up to a limit; a limit falling inside "ISAF" must
    # not leave "IS" (the Islamic State) to name them
    lead = "Coalition forces killed two militants"
    tail = "near an ISAF base."
    text = lead + " " * (80 - len(" near an IS") + 1) + tail
    assert text.index("ISAF") + 2 == len(lead) + 80  # the limit falls between "IS" and "AF"
    (count,) = find_counts(text)
    assert count.side is None or count.side.key != "islamic_state"
