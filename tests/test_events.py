"""Event typing, grouping and field filling, on short texts in the style of the seeds."""


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
    assert any(e["field"] == "fatalities" and e["text"] == "three" for e in ev["evidence"])


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


def test_protests(run):
    ev = one(run("On 19 January 2022, a protest took place in Khost city. Taliban forces opened fire to disperse "
                 "the protest, killing 1-3 and injuring 3 protesters."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Excessive force against protesters")
    assert ev["fatalities"] == 1 and ev["fatalities_high"] == 3
