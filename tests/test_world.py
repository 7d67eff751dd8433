"""Countries and first-level subdivisions of texts about other countries (extract/world.py)."""
from sitrep.extract.actors import actor_dictionary
from sitrep.extract.world import word_key, world


def where(text):
    found = world().locate(text)
    return found.country, [name for _, _, name in found.regions]


def test_words_compare_without_accents_case_or_apostrophes():
    assert word_key("Ḩalab") == "halab" and word_key("Dar'ā") == "dara" and word_key("Şanlıurfa") == "sanliurfa"


def test_a_subdivision_tells_its_country_and_is_read_in_its_written_forms():
    assert where("Protests across Mumbai city (Mumbai Suburban, Maharashtra).") == ("India", ["Maharashtra"])
    # an Arabic article and a final -ah either way (ISO: "Ar Raqqah")
    assert where("QSD detained a civilian in Ar-Raqqa city.") == ("Syria", ["Ar-Raqqa"])
    # a Slavic adjective naming a region after its centre (ISO: "Kharkivska oblast")
    assert where("Shelling hit Kharkiv and Donetsk region.") == ("Ukraine", ["Kharkiv", "Donetsk"])
    # a lesser subdivision gives the first-level one it lies in (ISO: Toledo, a province of Castilla-La Mancha)
    assert where("Spanish workers protested in Toledo.") == ("Spain", ["Castilla-La Mancha"])


def test_the_country_is_never_a_guess_between_two():
    # Punjab is India's and Pakistan's: no country unless the text tells which
    assert where("Farmers protested in Punjab.") == (None, [])
    assert where("Pakistani farmers protested in Punjab.") == ("Pakistan", ["Punjab"])
    # two countries named, no subdivision: neither
    assert where("Russia and Ukraine traded accusations.") == (None, [])
    # a subdivision wins over the people named beside it
    assert where("Russian forces shelled Kherson.")[0] == "Ukraine"


def test_names_that_are_something_else():
    # a word of a longer name, a town before the region it is in, an acronym, an English word
    assert where("Students of Punjab University in Lahore (Lahore, Punjab) clashed.") == (None, [])
    assert where("A man was shot in Santa Rosa (California).") == ("United States", ["California"])
    assert where("Unions (CGT, SUD) marched in Caen.") == (None, [])
    assert where("Vendors marched in Gizo, Solomon Islands, heading North.")[1] == []
    assert where("Vendors marched to Gizo (Western), Solomon Islands.")[1] == ["Western"]


def test_actor_names_carry_the_events_country():
    actors = actor_dictionary().actors
    assert actors["protesters"].name_in("taliban", "Afghanistan", "India") == "Protesters (India)"
    police = next(a for a in actors.values() if a.name("taliban").startswith("Police Forces of Afghanistan"))
    assert police.name_in("taliban", "Afghanistan", "India") == "Police Forces of India"
