from datetime import date

from sitrep.extract.actors import actor_dictionary


def keys(text):
    return [h.actor.key for h in actor_dictionary().find(text)]


def test_named_groups_and_forces():
    assert keys("Taliban militants killed at least 20 Afghan soldiers and policemen") == [
        "taliban", "armed_opposition", "afghan_military", "afghan_police"]
    assert keys("coalition airstrikes killed up to 50 Islamic State militants") == [
        "coalition", "islamic_state", "armed_opposition"]


def test_acronyms_are_case_sensitive():
    assert keys("a key IS commander") == ["islamic_state"]
    assert keys("this is what he told us") == []
    assert keys("U.S. military says") == ["us_forces"]


def test_former_forces_are_civilians():
    actors = actor_dictionary()
    hit = actors.find("2 former policemen were arrested")[0]
    assert hit.actor.key == "former_forces"
    assert hit.actor.name("taliban") == "Civilians (Afghanistan)"


def test_era_names():
    actors = actor_dictionary()
    army = actors.actors["afghan_military"]
    assert army.name(actors.era(date(2020, 3, 5))) == "Military Forces of Afghanistan (2004-2021)"
    assert army.name(actors.era(date(2022, 3, 5))) == "Military Forces of Afghanistan (2021-)"
    # undated: text cues decide, else the republic
    assert actors.era(None, "Afghanistan's ruling Taliban said Saturday") == "taliban"
    assert actors.era(None, "Afghan forces pushed into the valley") == "republic"
    opposition = actors.actors["armed_opposition"]
    assert opposition.name("republic") == "Taliban"
    assert opposition.name("taliban") == "Unidentified Armed Group (Afghanistan)"


def test_a_title_before_a_name_is_no_civilian():
    assert keys("Mullah Karim, a senior Taliban commander") == ["taliban"]
    assert keys("Imam Sahib district") == []
    assert keys("a mullah and two imams were killed") == ["civilians", "civilians"]


def test_media_are_civilians():
    # ACLED codes journalists and the outlets they work for as civilians
    assert keys("the Taliban warned media outlets to stop broadcasting music") == ["taliban", "civilians"]
    assert keys("two media workers were detained") == ["civilians"]


def test_people_at_their_trade_are_civilians():
    for text in ("militiamen beat up a candidate", "gunmen robbed two vendors", "a lawyer was shot",
                 "shepherds were killed by a mine", "they fired at the patients"):
        assert "civilians" in keys(text), text


def test_a_neighbours_posts_are_its_forces():
    assert keys("Pakistani installations were destroyed by the Taliban") == ["pakistan_military", "taliban"]
    assert keys("Iranian border posts") == ["iran_military"]


def test_party_followers_are_civilians_and_a_peoples_force_is_not():
    for text in ("two PTI activists were shot", "supporters of the candidate", "party workers gathered"):
        assert "civilians" in keys(text), text
    assert "civilians" not in keys("the local People's Defense Force")


def test_forces_off_duty_are_civilians():
    for text in ("an off-duty police officer was shot dead", "two off-duty soldiers", "an off duty military officer"):
        assert keys(text) == ["off_duty"], text
    assert actor_dictionary().actors["off_duty"].kind == "civilian"
