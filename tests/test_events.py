"""Event typing, grouping and field filling, on short texts in the style of the seeds."""

import pytest


def one(events):
    assert len(events) == 1, events
    return events[0]


def test_battle_with_place_date_counts_and_actors(run):
    ev = one(run("Taliban insurgents attacked a police checkpoint in Khan Abad district of Kunduz province on "
                 "Tuesday night, killing three policemen, the provincial police spokesman said on Wednesday.",
                 published="2020-03-04"))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Battles", "Armed clash")
    assert (ev["admin1"], ev["admin2"]) == ("Kunduz", "Khan Abad")
    assert ev["event_date"] == "2020-03-03" and ev["time_precision"] == 1
    assert ev["fatalities"] == 3
    assert ev["actor1"] == "Taliban"
    assert ev["actor2"] == "Police Forces of Afghanistan (2004-2021)"
    assert ev["geo_precision"] == 2 and ev["latitude"] and ev["longitude"]
    assert any(e["field"] == "fatalities" and e["text"] == "three policemen" for e in ev["evidence"])


def test_airstrike_on_civilians_with_misspelt_province(run):
    ev = one(run("Authorities in the eastern Ghanzi province said airstrikes by Afghan forces and their "
                 "international partners Friday night killed eight civilians."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["admin1"] == "Ghazni"
    assert ev["actor2"] == "Civilians (Afghanistan)"
    assert ev["fatalities"] == 8
    assert ev["event_date"] is None  # no publication date: never guess
    assert ev["date_text"] == "Friday night"


def test_undated_article_keeps_relative_words_without_a_date(run):
    ev = one(run("In the eastern Logar province, Taliban suicide bombers attacked a police station on Saturday, "
                 "killing at least three policemen."))
    assert ev["sub_event_type"] == "Suicide bomb"
    assert ev["event_date"] is None and ev["date_text"] == "Saturday"


def test_headline_joins_the_detailed_report(run):
    events = run("Airstrikes Kill up to 50 IS Militants\n\n"
                 "The Defense Ministry said the overnight airstrikes were carried out in coordination with Afghan "
                 "ground forces and they struck IS training centers in the Chapa Darah district of Kunar province.")
    ev = one(events)
    assert (ev["admin1"], ev["admin2"]) == ("Kunar", "Chapa Dara")
    assert ev["fatalities"] == 50 and ev["fatalities_high"] == 50
    assert ev["actor2"] == "Islamic State (Afghanistan)"


def test_a_place_in_words_that_describe_someone_is_not_the_events(run):
    ev = one(run("A Haqqani network leader suspected of providing material support to the Kabul suicide bomb "
                 "attack, was killed in a precision airstrike in Gardez district, Paktiya province, yesterday.",
                 published="2011-06-30"))
    assert (ev["admin1"], ev["admin2"]) == ("Paktya", "Gardez")


def test_two_provinces_two_events(run):
    events = run("Taliban fighters attacked a checkpoint in Qadis district of Badghis province, killing seven "
                 "police officers. Separately, six policemen were killed in an attack in Uruzgan province.")
    assert sorted((e["admin1"], e["fatalities"]) for e in events) == [("Badghis", 7), ("Uruzgan", 6)]


def test_background_and_totals_are_not_events(run):
    assert run("The Taliban and IS routinely attack each other's positions in Kunar province.") == []
    assert run("He said US forces have conducted more than 450 airstrikes in Nangarhar since the beginning of "
               "the year.") == []
    assert run("The report estimated ISIS-K has between 1,500 and 4,000 fighters in Kunar and Nangarhar.") == []


def test_violence_against_civilians_and_abduction(run):
    ev = one(run("On 30 May 2022, 1 civilian was shot and killed by Taliban members in Unaba district, Panjshir."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert ev["actor2"] == "Civilians (Afghanistan)" and ev["fatalities"] == 1
    ev = one(run("Around 23 April 2022 (as reported), 1 former Afghan forces commandos member was arrested by the "
                 "Taliban in Faiz Abad city, Badakhshan. His whereabouts remained unknown."))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["event_date"] == "2022-04-23"


def test_era_aware_names(run):
    ev = one(run("On 14 June 2022, a Taliban member was killed by unknown gunmen in Nili, Daykundi."))
    assert ev["actor1"] == "Unidentified Armed Group (Afghanistan)"
    assert ev["actor2"] == "Taliban"
    assert ev["event_date"] == "2022-06-14"


def test_explosion_types(run):
    assert one(run("On 13 February 2022, 2 children were wounded by a roadside bomb in Nahr-i-Saraj district, "
                   "Helmand."))["sub_event_type"] == "Remote explosive/landmine/IED"
    assert one(run("On 24 June 2022, 2 Taliban members were killed following a grenade attack by unknown attackers "
                   "in Puli Alam city, Logar."))["sub_event_type"] == "Grenade"
    assert one(run("On 15 May 2022, at least 6 children were wounded by Pakistan military shelling in Nari district, "
                   "Kunar."))["sub_event_type"] == "Shelling/artillery/missile attack"
    # explosive remnants of war: a munition that went off where it lay, not one fired at someone
    for text in ("Three children were killed when an unexploded mortar shell went off in Zurmat district, Paktiya.",
                 "Two boys were wounded when an old rocket they were playing with exploded in Kunar.",
                 "A shepherd was killed in a mortar shell explosion in Nad Ali district, Helmand."):
        assert one(run(text))["sub_event_type"] == "Remote explosive/landmine/IED", text
    assert one(run("Taliban fired mortar rounds at a checkpoint in Helmand, killing two soldiers."))[
        "sub_event_type"] == "Shelling/artillery/missile attack"


def test_people_shot_dead_with_no_fight_told_are_victims_of_violence_against_civilians(run):
    ev = one(run("On 5 March 2022, unknown gunmen shot dead a man in Kandahar city."))
    assert (ev["event_type"], ev["sub_event_type"], ev["actor2"]) == (
        "Violence against civilians", "Attack", "Civilians (Afghanistan)")
    assert one(run("On 5 March 2022, in Kandahar city, two young men were killed."))["event_type"] == \
        "Violence against civilians"
    # armed men, or a fight told: a battle
    assert one(run("On 5 March 2022, Taliban fighters killed two armed men in Kandahar city."))["event_type"] == "Battles"
    assert one(run("On 5 March 2022, clashes in Kandahar killed 3 people."))["event_type"] == "Battles"


@pytest.mark.parametrize("text, expected", [
    # one armed side striking people who do not fight back: violence against civilians
    ("On 4 May 2022, soldiers raided a village in Kandahar province and killed three civilians.",
     ("Violence against civilians", "Attack")),
    ("On 4 May 2022, unknown gunmen attacked a teacher in Herat city. He was killed in the attack.",
     ("Violence against civilians", "Attack")),
    ("On 4 May 2022, militants attacked a village in Kunar province, killing one.", ("Violence against civilians", "Attack")),
    ("On 4 May 2022, gunmen shot dead an off-duty police officer in Herat city.", ("Violence against civilians", "Attack")),
    # armed men on the other side, named or not in the dictionary, or a fight told: a battle
    ("On 4 May 2022, soldiers raided a Taliban hideout in Kandahar province and killed three insurgents.",
     ("Battles", "Armed clash")),
    ("On 4 May 2022, militants attacked Turkish forces in Kunar province. One was killed.", ("Battles", "Armed clash")),
    ("On 4 May 2022, Taliban fighters clashed with NRF forces in Panjshir, killing two civilians.",
     ("Battles", "Armed clash")),
    ("On 4 May 2022, militants attacked a police post in Kunar province.", ("Battles", "Armed clash")),
    # the forces' operation that killed someone it names as nobody's: no civilian for all that
    ("On 8 May 2011, Afghan and coalition forces conducted an operation in Nad Ali district, Helmand province that "
     "resulted in the death of Mullah Karim, a Taliban commander.", ("Battles", "Armed clash")),
    # a crowd, or people of no armed group, on a side: a riot
    ("On 4 May 2022, a clash took place between party activists and the police during a demonstration in Herat city.",
     ("Riots", "Violent demonstration")),
    ("On 4 May 2022, rioters clashed with police forces in Herat city.", ("Riots", "Mob violence")),
    ("On 4 May 2022, supporters of two candidates clashed in Herat city.", ("Riots", "Mob violence")),
    ("On 4 May 2022, residents beat a suspected thief to death in Herat city.", ("Riots", "Mob violence")),
])
def test_who_the_sides_are_types_the_violence(run, text, expected):
    ev = one(run(text, published="2022-05-04"))
    assert (ev["event_type"], ev["sub_event_type"]) == expected


def test_a_clash_between_two_sides_names_both(run):
    ev = one(run("On 4 May 2022, a clash took place between the Taliban and the NRF in Panjshir.", published="2022-05-04"))
    assert {ev["actor1"], ev["actor2"]} == {"Taliban", "NRF: National Resistance Front"}


def test_people_a_passive_verb_tells_were_hurt_are_its_victims(run):
    ev = one(run("On 4 May 2022, an unknown number of people were killed in Herat city.", published="2022-05-04"))
    assert (ev["event_type"], ev["actor1"], ev["actor2"]) == (
        "Violence against civilians", "Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)")


def test_people_of_no_armed_group_who_take_someone_abduct_nobody(run):
    ev = one(run("On 4 May 2022, students arrested a thief in Herat city.", published="2022-05-04"))
    assert ev["sub_event_type"] == "Arrests"


@pytest.mark.parametrize("text, protest", [
    ("On 8 April 2022, teachers demonstrated at Goma airport over unpaid salaries.", True),
    ("On 1 May 2022, people gathered in Assisi at the call of the unions to call for peace.", True),
    ("On 3 May 2022, nurses picketed outside the hospital in Vigo.", True),
    ("On 3 May 2022, municipal teachers blocked an avenue in Belem to demand salary readjustment.", True),
    ("On 3 May 2022, about 40 persons gathered in Gien at the call of the unions.", True),
    ("On 3 May 2022, taxi drivers held a strike in Seguela against communal taxes.", True),
    ("On 3 May 2022, coalition forces carried out a strike on a compound in Helmand.", False),
    ("On 3 May 2022, the security operation blocked the main highway linking Taloqan to Kunduz.", False),
    ("On 3 May 2022, insurgents gathered in a compound in Helmand to plan attacks.", False),
    ("On 3 May 2022, the Afghan police demonstrated their capability to protect the city of Kabul.", False),
    ("On 3 May 2022, two suspects were detained in Kabul based on evidence gathered at the scene.", False),
    # what a protest demands is no background ("call on", "plans to"); a protest planned or habitual is
    ("On 18 June 2022, thousands marched in Washington to call on the federal government to address poverty.", True),
    ("On 22 January 2022, villagers gathered near Orzhitsy to oppose plans to open a landfill.", True),
    ("On 22 January 2022, teachers plan to protest in Tirana.", False),
    ("On 22 January 2022, teachers regularly protest in Tirana to demand higher pay.", False),
])
def test_protest_words_and_their_look_alikes(run, text, protest):
    assert any(e["event_type"] == "Protests" for e in run(text)) == protest


def test_protests(run):
    ev = one(run("On 19 January 2022, a protest took place in Khost city. Taliban forces opened fire to disperse "
                 "the protest, killing 1-3 and injuring 3 protesters."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Excessive force against protesters")
    assert ev["fatalities"] == 1 and ev["fatalities_high"] == 3


def test_a_dated_report_from_a_country_the_gazetteer_does_not_know_is_an_event_with_no_place(run):
    ev = one(run("On 23 May 2022, Russian forces shelled Raihorodok, Donetsk. Casualties unknown."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert ev["event_date"] == "2022-05-23" and ev["admin2"] is None and ev["location"] is None
    # placed nowhere the gazetteer knows: in the country and first-level subdivision the text names
    # (ISO 3166-2: Donetsk is Ukraine's "Donetska oblast"), actors named with that country
    assert (ev["country"], ev["admin1"]) == ("Ukraine", "Donetsk") and "Afghanistan" not in ev["actor1"]
    ev = one(run("On 5 March 2022, police killed two armed men in Lagos."))
    assert (ev["country"], ev["admin1"], ev["actor1"]) == ("Nigeria", "Lagos", "Police Forces of Nigeria")
    ev = one(run("On 5 March 2022, police killed two armed men in Kandahar city."))
    assert (ev["country"], ev["actor1"]) == ("Afghanistan", "Police Forces of Afghanistan (2021-)")
    assert one(run("On 17 February 2022, hundreds protested in Sulaymaniyah city."))["event_type"] == "Protests"
    # a district or village of the gazetteer named in a text that does not tell it is about its country
    # is a namesake abroad; a foreign city it knows (Karachi) is no place in the theatre either
    ev = one(run("On 17 March 2022, in Nova Iguacu (Rio de Janeiro), militia members shot and killed three men."))
    assert (ev["country"], ev["admin1"], ev["admin2"], ev["location"]) == ("Brazil", "Rio de Janeiro", None, None)
    ev = one(run("On 10 January 2022, activists held a protest demonstration in Karachi, demanding the repeal of a law."))
    assert (ev["country"], ev["actor1"]) == (None, "Protesters")
    # told by its people, its armed movement, or a province or its capital, the same lesser place is believed
    for said in ("Taliban fighters killed two police in Sangin district on 3 May 2022.",
                 "Afghan police killed two armed men in Sangin district on 3 May 2022.",
                 "On 3 May 2022, two armed men were killed by police in Sangin district, Helmand province."):
        assert one(run(said))[("admin1")] == "Helmand", said
    # a clause that tells only that someone attacked is one too, when an armed party does it
    ev = one(run("On 11 January 2022, Al Shabaab militants attacked a forward operation base in Abdale Birole."))
    assert (ev["event_type"], ev["event_date"], ev["country"]) == ("Battles", "2022-01-11", None)
    # undated, or saying only that there was violence: nothing an event could be made of
    assert run("Russian forces shelled Raihorodok, Donetsk.") == []
    assert run("On 23 May 2022, casualties were reported.") == []
    # beside an event the text places, an unplaced clause is no event of its own
    assert len(run("On 23 May 2022, Taliban fighters attacked a checkpoint in Nad Ali district, Helmand, killing two "
                   "police. On 20 May 2022, protests were held in Tehran.")) == 1


# ---- press-release style: a lead and the details that restate or add to it -----------------

def test_details_restate_the_lead_and_add_what_they_call_additional(run):
    ev = one(run("KABUL, Afghanistan (Dec. 21, 2010) - Afghan and coalition forces detained a Taliban facilitator "
                 "and several suspects in Zabul province yesterday. The joint security team detained the man, a "
                 "weapons facilitator, and three additional suspects in the Qalat district."))
    assert ev["captured"] == 4  # the man and three more: the lead's facilitator and "several"
    ev = one(run("KABUL, Afghanistan (Nov. 2, 2012)\nAn Afghan and coalition security force arrested a Taliban "
                 "facilitator in Nangarhar province today. During the operation, the security force also detained "
                 "two suspected insurgents."))
    assert ev["captured"] == 3  # the facilitator and two more


def test_a_vague_lead_gives_way_to_the_figure_of_the_details(run):
    ev = one(run("KABUL, Afghanistan (Aug. 28, 2010) - An Afghan and coalition security force detained several "
                 "insurgents in Khost province Friday. After questioning all the residents, the security force "
                 "detained eight insurgents."))
    assert ev["captured"] == 8


def test_the_dead_he_and_him_point_back_to_count_once(run):
    ev = one(run("KABUL, Afghanistan (March 24, 2011) - An Afghan and coalition security force killed a Haqqani "
                 "facilitator in Sabari district, Khost province, today. The facilitator engaged the force while "
                 "fleeing and the security force returned fire, killing him."))
    assert ev["fatalities"] == 1


@pytest.mark.parametrize("text, field, expected", [
    # the leader told of again and "several" (three) others killed with him
    ("KABUL, Afghanistan (May 3, 2011) - Coalition forces conducted an air strike on a Taliban leader in Kunar "
     "province today. Several other insurgents were killed in the strike. The provincial governor reports the leader "
     "was killed as well.", "fatalities", 4),
    ("KABUL, Afghanistan (May 3, 2011) - The militant, known as Karim, was killed in a coalition air strike in Dangam "
     "district, Kunar province, Saturday. Also killed in the strike were five armed insurgents.", "fatalities", 6),
    # "the target" after an additional count of his kind is that person
    ("KABUL, Afghanistan (Feb. 9, 2011) - Coalition forces also detained a Taliban bomb maker during an operation in "
     "Wardak province yesterday. The target was detained after questioning at the scene.", "captured", 1),
])
def test_the_one_told_of_again_and_the_people_added_to_him(run, text, field, expected):
    assert one(run(text))[field] == expected


def test_a_clause_that_only_retells_someone_is_no_event_of_its_own(run):
    events = run("KABUL, Afghanistan (Oct. 4, 2012) - A coalition force arrested a Haqqani facilitator in Khost "
                 "province today. The facilitator was arrested for financing suicide attacks.")
    assert [(e["sub_event_type"], e["captured"]) for e in events] == [("Arrests", 1)]


def test_whom_an_operation_sought_named_before_or_after_it(run):
    ev = one(run("KABUL, Afghanistan (Aug. 23, 2010) - Afghan forces conducted an operation in Baghlan province "
                 "Sunday, killing 12 insurgents. Two Haqqani commanders known to lead attacks on Afghan forces were "
                 "the target of the operation."))
    assert ev["target_groups"] == ["haqqani"] and "targeted" in ev["flags"]
    ev = one(run("KABUL, Afghanistan (Aug. 2, 2010) - Afghan soldiers attacked two villages in Nuristan province "
                 "Monday, clearing them of Taliban fighters. More than 30 insurgents were killed."))
    assert ev["target_groups"] == ["taliban"]


def test_the_date_of_another_event_is_not_the_events(run):
    ev = one(run("KABUL, Afghanistan (June 21, 2012)\nAn Afghan-led security force conducted an operation to detain "
                 "a Taliban leader who was responsible for Tuesday's attack in Zharay district, Kandahar province, "
                 "today. The security force detained two suspected insurgents during this operation."))
    assert ev["event_date"] == "2012-06-21" and ev["date_text"] == "today"
    ev = one(run("KABUL, Afghanistan (Jan. 9, 2011) - Afghan and coalition forces targeted a Taliban leader "
                 "responsible for an attack Jan. 7 in Charkh district during a security operation detaining four "
                 "suspected insurgents in Logar province yesterday."))
    assert ev["event_date"] == "2011-01-08"


def test_a_lead_gives_its_date_to_the_details(run):
    ev = one(run("Apr. 23: Afghan-ISAF Operations\n\nIn Kunduz last night, an Afghan-international security force "
                 "went to the village of Aq Shakh, in the Chahar Darah district. During the search the security force "
                 "detained one suspected insurgent for further questioning.", published="2010-04-23"))
    assert ev["event_date"] == "2010-04-22" and ev["date_text"] == "last night"


def test_reports_pasted_in_one_text_never_share_an_event(run):
    events = run("KABUL, Afghanistan (Aug. 6, 2010) - Afghan and coalition forces detained several suspected "
                 "insurgents in Garm Ser district of Helmand province Thursday.\n\n"
                 "Update: Afghan-Led Force Capture Taliban District Commander\nISAF Joint Command - Afghanistan "
                 "2010-08-CA-074\n\nKABUL, Afghanistan (August 8) - ISAF confirmed the capture of the Taliban district "
                 "commander in Garm Ser district of Helmand province during the operation Thursday.")
    assert len(events) == 2 and all(e["admin1"] == "Helmand" for e in events)


def test_each_field_points_at_its_own_words(run):
    text = ("KABUL, Afghanistan (Nov. 22, 2012)\nDuring a security operation in Andar district, Ghazni province, "
            "yesterday, Taliban insurgents attacked an Afghan army patrol, killing three soldiers and wounding two "
            "others. The patrol returned fire and detained two suspected insurgents, including the Taliban leader, "
            "Mullah Karim.")
    ev = one(run(text))
    found = {}
    for e in ev["evidence"]:
        assert text[e["start"]:e["end"]] == e["text"]  # offsets are exact
        found.setdefault(e["field"], []).append(e["text"])
    assert found["date"] == ["yesterday"]
    assert found["actor1"] == ["Taliban"]
    assert found["fatalities"] == ["three soldiers"]
    assert found["injured"] == ["two others"]
    assert "two suspected insurgents" in found["captured"]
    assert found["leaders"] == ["the Taliban leader"]  # (field names have no "_": searches read them)
    assert found["location"] == ["Andar"]
    assert len(found["event"]) >= 1 and all(len(t) > 40 for t in found["event"])
    assert found["actor2"] and all(len(t) < 30 for t in found["actor1"] + found["actor2"])  # words, not sentences


def test_a_homonym_gives_way_to_the_district_of_the_province_named(run):
    ev = one(run("KABUL, Afghanistan (August 13, 2011)\nIn Wali Kot district, Kandahar province, a combined Afghan "
                 "and coalition patrol killed two insurgents during an operation Thursday."))
    assert (ev["admin1"], ev["admin2"]) == ("Kandahar", "Shah Wali Kot")
    ev = one(run("KABUL, Afghanistan (Aug. 13, 2012)\nAn Afghan and coalition security force arrested a senior Islamic "
                 "Movement of Uzbekistan (IMU) leader in Chahar Darah district, Kunduz province, today."))
    assert ev["admin1"] == "Kunduz" and ev["leaders_captured"]
    assert all("Uzbekistan" not in e["text"] for e in ev["evidence"] if e["field"] == "location")


def test_a_stretch_of_other_attacks_does_not_date_the_event(run):
    events = run("Afghan police and U.S. forces killed four insurgents in Chamkani district, Paktiya province. "
                 "This is the third failed insurgent attack within the last month.", published="2011-11-10")
    assert {ev["event_date"] for ev in events} == {"2011-11-10"}


def test_a_month_in_the_background_before_an_event_does_not_date_it(run):
    events = run("The targeted leader, Rostum, directed a group of insurgent fighters in Kunar province. "
                 "He was responsible for leading an attack against a school-opening ceremony in June 2011. "
                 "During the operation, the security force called for a precision airstrike which killed Rostum.")
    strike = next(ev for ev in events if ev["sub_event_type"] == "Air/drone strike")
    assert strike["event_date"] is None  # no publication date, no day told: never guessed


@pytest.mark.parametrize("text", [
    "KABUL, Afghanistan (March 18, 2010) - In Chapa Dara district, Kunar province, several armed militants "
    "threatened a combined force. The armed militants, one of them the targeted Taliban commander, were all killed.",
    "KABUL, Afghanistan (March 24, 2012) - In Surobi district, Kabul province, the security force identified "
    "multiple armed insurgents displaying hostile intent. The security force engaged and killed the insurgents.",
    # "one of them a commander" is one of those pointed back to, not the only one killed
    "KABUL, Afghanistan (March 18, 2010) - In Chapa Dara district, Kunar province, several armed militants "
    "threatened a combined force. The armed militants, one of them a Taliban commander, were all killed.",
])
def test_people_counted_before_are_those_all_killed_after(run, text):
    assert one(run(text))["fatalities"] == 3


def test_the_insurgents_killed_after_being_counted_killed_are_no_more(run):
    ev = one(run("KABUL, Afghanistan (March 24, 2012) - In Surobi district, Kabul province, the security force "
                 "killed two armed insurgents. The security force then searched the bodies; killing the insurgents "
                 "ended the threat."))
    assert ev["fatalities"] == 2



def test_the_wounded_counted_before_may_be_detained_with_more_after(run):
    ev = one(run("KABUL, Afghanistan (Nov. 21, 2010) - In Baraki Barak district, Logar province, a ground force found "
                 "three wounded insurgents. The security force provided medical attention before detaining them "
                 "along with one other insurgent."))
    assert (ev["injured"], ev["captured"]) == (3, 4)  # the three pointed back to, and one more
    # the dead are not taken prisoner: those killed and then "detained" are counted once, as killed
    ev = one(run("KABUL, Afghanistan (Nov. 21, 2010) - In Baraki Barak district, Logar province, a ground force killed "
                 "three insurgents. The security force later detained them."))
    assert (ev["fatalities"], ev["captured"]) == (3, None)

def test_struck_by_aircraft_is_an_air_strike_and_counts_all_it_killed(run):
    ev = one(run("A Taliban sub-commander and his two bodyguards were killed when their vehicle was struck by "
                 "coalition aircraft in Kandahar province.", published="2011-06-03"))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["fatalities"] == 3
    ev = one(run("Three insurgents were killed when their motorcycle was hit by a US drone in Paktika province.",
                 published="2011-06-03"))
    assert (ev["sub_event_type"], ev["fatalities"]) == ("Air/drone strike", 3)


_NRF, _NATO = "NRF: National Resistance Front", "NATO: North Atlantic Treaty Organization"
_UNIDENTIFIED, _CIVILIANS = "Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)"
_ARMY, _PROTESTERS = "Military Forces of Afghanistan (2004-2021)", "Protesters (Afghanistan)"


@pytest.mark.parametrize("text, published, expected", [
    # the militants counted are the victims: the text names nobody who struck them
    ("Six Taliban fighters were killed in Helmand province yesterday.", "2011-05-10",
     {"actor1": _UNIDENTIFIED, "actor2": "Taliban"}),
    ("Mullah Karim, a senior Taliban commander, was killed in an air strike in Helmand province.", "2011-05-10",
     {"actor1": _UNIDENTIFIED, "actor2": "Taliban"}),
    # who attacked and lost men is still the perpetrator
    ("Insurgents attacked a checkpoint in Helmand province yesterday. Two insurgents were killed.", "2011-05-10",
     {"actor1": "Taliban", "fatalities": 2}),
    # "During a security operation ..., X killed Y": X did it (not the target of the operation)
    ("During a security operation in Andar district, Ghazni province, yesterday, an Afghan and coalition force "
     "killed the Taliban leader, Alaudin.", "2013-01-25", {"actor1": _NATO, "actor2": "Taliban"}),
    ("Afghan forces conducted an operation against the Taliban in Helmand province, killing two insurgents.",
     "2011-05-10", {"actor1": _ARMY, "actor2": "Taliban"}),
    # the protesters, whoever organised them; the force that met them with violence
    ("Hundreds of people in a rally organized by the Taliban in Qalat city, Zabul, asked for the release of frozen "
     "assets.", "2022-02-03", {"event_type": "Protests", "actor1": _PROTESTERS, "actor2": None}),
    ("Taliban forces opened fire to disperse a protest in Khost city, killing one protester.", "2022-01-19",
     {"sub_event_type": "Excessive force against protesters", "actor1": "Taliban", "actor2": _PROTESTERS}),
    # the side the dead fought, when they are the only side the clause names before the verb
    ("On 29 April 2022, 1 NRF member was killed during clashes with the Taliban in Rukha district, Panjshir.",
     "2022-04-29", {"actor1": "Taliban", "actor2": _NRF}),
    # a riot between two families: rioters on both sides
    ("On 9 May 2022, at least 4 were wounded after a quarrel over a land dispute between two families turned violent "
     "in Chora district, Uruzgan.", "2022-05-09", {"event_type": "Riots", "actor1": "Rioters (Afghanistan)",
                                                  "actor2": "Rioters (Afghanistan)"}),
    # armed groups that come to blows over a dispute fight a battle, not a riot
    ("On 23 June 2022, 4 people were wounded over a land dispute between two unknown armed groups in Nawa-i-Barikzayi "
     "district, Helmand.", "2022-06-23", {"event_type": "Battles", "sub_event_type": "Armed clash",
                                          "actor1": _UNIDENTIFIED, "actor2": _UNIDENTIFIED}),
    # a group that announces its own formation is its actor, not a speaker
    ("On 28 April 2022, a new anti-Taliban armed group, the Afghanistan Freedom Front, announced their formation in "
     "Kabul.", "2022-04-28", {"sub_event_type": "Change to group/activity", "actor1": "AFF: Afghanistan Freedom Front",
                              "actor2": None}),
    # after a passive verb, whose raid it was did it ("during a Taliban raid"), not those taken
    ("On 9 January 2022, four members of IS were arrested in Achin district, Nangarhar, during a Taliban "
     "intelligence forces raid.", "2022-01-09", {"actor1": "Taliban", "actor2": "Islamic State (Afghanistan)"}),
    # whom "by" names after a deed did it, whatever title follows ("chief"); not so after words of speech
    ("On 31 March 2022, 1 woman was beaten with a hammer by the Taliban chief of court in Taluqan city, Takhar.",
     "2022-03-31", {"event_type": "Violence against civilians", "actor1": "Taliban", "actor2": _CIVILIANS}),
    # whom a warning was given: media outlets are civilians
    ("On 2 February 2022, the Taliban warned media outlets in Khost province to stop broadcasting music.",
     "2022-02-02", {"sub_event_type": "Other", "actor1": "Taliban", "actor2": _CIVILIANS}),
    # what was destroyed is its owner's: a neighbour's installations are its forces'
    ("On 5 January 2022, Pakistani installations in Reg district, Kandahar were destroyed by the Taliban forces.",
     "2022-01-05", {"sub_event_type": "Looting/property destruction", "actor1": "Taliban",
                    "actor2": "Military Forces of Pakistan"}),
    # whom an arrest took
    ("On 28 March 2022, 6 journalists were arrested by the Taliban in Kandahar province. Journalists were arrested "
     "for refusing to comply with the Taliban order.", "2022-03-28",
     {"actor1": "Taliban", "actor2": _CIVILIANS, "captured": 6}),
    # civilians who were hurt are no perpetrators for being named again
    ("On 11 March 2022, 2 children were injured in a blast in Maimana city, Faryab. Officials said that the "
     "incident took place after some children threw the explosive device in the fire.", "2022-03-11",
     {"actor1": _UNIDENTIFIED, "actor2": _CIVILIANS}),
    # a fight within one group; a claimed killing
    ("On 19 April 2022, 1 Taliban member was wounded during clashes between 2 Taliban groups in Kabul city.",
     "2022-04-19", {"actor1": "Taliban", "actor2": "Taliban"}),
    ("On 2 June 2022, IS claimed killing 1 Taliban member in Imam Sahib district, Kunduz.", "2022-06-02",
     {"actor1": "Islamic State (Afghanistan)", "actor2": "Taliban", "fatalities": 1}),
])
def test_actors(run, text, published, expected):
    ev = one(run(text, published=published))
    assert {field: ev[field] for field in expected} == expected


def test_a_fight_within_a_group_is_flagged(run):
    ev = one(run("On 19 April 2022, 1 Taliban member was wounded during clashes between 2 Taliban groups in "
                 "Kabul city.", published="2022-04-19"))
    assert "internal" in ev["flags"]


def test_a_side_counted_only_as_one_of_a_group_adds_nobody():
    # "3 members of the militia, including a Taliban commander": the commander, the only one of
    # his side, is one of the three (no figure of his own, and no crash adding nothing)
    from sitrep.extract.actors import actor_dictionary
    from sitrep.extract.counts import Count
    from sitrep.extract.events import _figure_of
    from sitrep.model import Mention, Quantity

    actors = actor_dictionary().actors
    m = Mention(0, 0, 80, "killed", "Battles", "Armed clash")
    group = Count("killed", Quantity(3, 3, 6), "members", actors["militia"])
    leader = Count("killed", Quantity(1, 1, 1), "commander", actors["taliban"], included=True)
    total, used = _figure_of([(m, group), (m, leader)], "republic")
    assert total.best == 3 and used == [group]


def test_by_names_a_doer_after_a_deed_and_a_speaker_after_words_of_speech():
    from sitrep.extract.mentions import _agent

    def agent(clause, actor):
        return _agent(clause, clause.index(actor))

    assert agent("1 woman was beaten with a hammer by the Taliban chief of court", "Taliban")
    assert not agent("the attack was confirmed by the provincial police chief", "police")
    assert not agent("a statement released by the Taliban spokesman", "Taliban")
