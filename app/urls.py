"""When two article addresses name the same page.

A story shared from a newsletter arrives as `https://www.example.org/news/story/?utm_source=mail`,
the same story typed by hand as `http://example.org/news/story`. Both name one page: an upload from
either must be recognised as a new version of the article stored from the other. `address_key`
reduces an address to what identifies the page; the rest (scheme, `www.`, default port, trailing
slash, fragment, tracking parameters, parameter order) is dropped. Pure: no I/O.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

# Query parameters that say how a reader arrived, never which page they read.
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "ocid",
    "cmpid", "ref", "ref_src", "ref_url", "smid", "smtyp", "at_medium", "at_campaign", "at_custom1",
    "at_custom2", "at_custom3", "at_custom4", "share", "s_cid", "__twitter_impression", "_ga",
})
TRACKING_PREFIXES = ("utm_", "at_", "mkt_", "pk_", "hsa_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def address_key(url: str | None) -> str | None:
    """'https://www.Example.org:443/news/story/?b=2&utm_source=x&a=1#top' -> 'example.org/news/story?a=1&b=2'.
    None for no address; an address that cannot be parsed is kept as it is, lower-cased."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip().lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    path = parts.path or "/"
    while "//" in path:
        path = path.replace("//", "/")
    if len(path) > 1:
        path = path.rstrip("/")
    kept = sorted((name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                  if name.lower() not in TRACKING_PARAMETERS and not name.lower().startswith(TRACKING_PREFIXES))
    query = f"?{urlencode(kept)}" if kept else ""
    return f"{host}{'' if path == '/' else path}{query}"
