"""The gazetteer: country codes, cities by name with the article's country context. No model."""

from __future__ import annotations

import pytest

from app.pipeline.geo import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_a_shared_city_name_follows_the_country_context(gazetteer):
    assert gazetteer.city("Tripoli", ["LB"]).country_code == "LB"
    assert gazetteer.city("Tripoli", ["LY"]).country_code == "LY"
    assert gazetteer.city("Tripoli", ["FR", "LB"]).country_code == "LB"  # first context country that has one
    assert gazetteer.city("Tripoli").country_code == "LY"  # no context: the most populous


def test_within_a_country_only(gazetteer):
    assert gazetteer.city("Tripoli", within="LB").country_code == "LB"
    assert gazetteer.city("Tripoli", within="JP") is None


def test_the_arabic_article_is_optional_in_place_names(gazetteer):
    for spelling in ("Rastan", "Ar Rastan", "al-Rastan"):
        city = gazetteer.city(spelling, ["SY"])
        assert city is not None and city.country_code == "SY"


def test_unknown_names_are_not_places(gazetteer):
    assert gazetteer.city("Zzyzxqville") is None


def test_country_codes_from_iso_names(gazetteer):
    assert gazetteer.country_code(["Syria"]) == "SY"
    assert gazetteer.country_code(["Syrian Arab Republic"]) == "SY"
    assert gazetteer.country_code(["Nowhereland", "Mozambique"]) == "MZ"
    assert gazetteer.country_code(["Kosovo"]) == "XK"  # GeoNames has what ISO lacks


def test_every_country_of_the_data_has_a_code():
    from app.pipeline.extract import load_resources

    index = load_resources().actors
    states = [k for k, e in index.entries.items() if e.kind == "state"]
    missing = [k for k in states if k not in index.country_codes]
    assert not missing
    # keys of the data file did not change, and ISO adds the countries it does not list
    assert index.entries["syria"].name == "Syria" and index.country_codes["syria"] == "SY"
    assert index.country_codes.get("mozambique") == "MZ"
    assert len(states) >= 190
