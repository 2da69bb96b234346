"""Positions for places stored before ingestion geocoded them (`timeline places --geocode`, run
by `timeline reextract` too).

Ingestion stores where a place is when the pipeline's gazetteer says (PlaceRef.latitude,
.longitude, .country_code). Places stored earlier have no position; this fills them from the
same gazetteer (app/pipeline/geo.py: GeoNames cities of at least 15,000 people with their Latin
alternate names, ISO and GeoNames countries), which ships with its packages: nothing is fetched.

- a country (the place is its own country, or its name is a country's) gets its ISO code and no
  point: it is an area, which the map shades rather than pins;
- a city is looked up by its name (accents and apostrophes folded, a leading Arabic article
  optional: "Az Zawiyah" is "Zawiyah"); a name several cities share is resolved by the place's
  country, else the most populous wins;
- anything else (a region, "Nagorno-Karabakh", "South Caucasus") is left without a position and
  listed as such.
Re-running changes nothing already placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from app.models import Actor, Location
from app.pipeline.geo import Gazetteer


@dataclass
class GeocodeReport:
    placed: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.placed)} places given a position, {len(self.countries)} countries given their code, "
                f"{len(self.unplaced)} left without a position"
                + (f" ({', '.join(self.unplaced[:12])}{', ...' if len(self.unplaced) > 12 else ''})" if self.unplaced else ""))


def geocode_missing(session: Session) -> GeocodeReport:
    """Give every stored place without a position the one the gazetteer knows."""
    places = Gazetteer.load()
    report = GeocodeReport()
    names = {key: name for key, name in session.execute(select(Actor.id, Actor.name)).all()}
    locations = list(session.execute(select(Location).where(Location.latitude.is_(None))).scalars())
    location_names = {location.id: location.name for location in locations}
    for location in locations:
        own = places.country_code([location.name])
        country = location.country
        code = location.country_code or places.country_code(
            [name for name in (names.get(country or ""), location_names.get(country or ""), country) if name])
        if own and (location.id == country or not country or own == code):
            location.country_code = own
            report.countries.append(location.name)
            continue
        city = places.city(location.name, within=code) if code else places.city(location.name)
        if city is None:
            report.unplaced.append(location.name)
            continue
        location.latitude, location.longitude = city.latitude, city.longitude
        location.country_code = location.country_code or city.country_code
        report.placed.append(location.name)
    return report
