"""The one render helper: a full page, or only its fragment for htmx, always with Vary: HX-Request.

Templates see view models and plain values only. Autoescaping is on for every template, so article
text (third-party HTML) is always escaped; no template marks article text `|safe`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from app import permalinks
from app.config import PROJECT_ROOT
from app.web.present import actor_roles, modality_label
from app.web.reading import highlight, rule_words

TEMPLATE_DIR = PROJECT_ROOT / "templates"

STATUS_TITLES = {
    400: "That request could not be understood",
    404: "Not found",
    410: "Deleted",
    413: "Too large",
    415: "Unsupported file type",
    422: "Cannot be processed",
    500: "Something went wrong on our side",
}


def safe_href(url: str | None) -> str | None:
    """Only web links leave the site: a stored `javascript:` URL must never become a link."""
    if not url:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,  # a missing context value is a bug, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["modality"] = modality_label
    env.filters["principal_actors"] = lambda event: actor_roles(event, principal_only=True)
    env.filters["highlight"] = highlight
    env.filters["rule_words"] = rule_words
    # Addresses are spelled in one place (app/permalinks.py), in templates too.
    env.globals.update(article_path=permalinks.article_path, job_path=permalinks.job_path,
                       event_edit_path=permalinks.event_edit_path,
                       event_citation_path=permalinks.event_citation_path, dry_run_path=permalinks.dry_run_path,
                       review_path=permalinks.review_path)
    return env


templates = Jinja2Templates(env=_environment())


def wants_fragment(request: Request) -> bool:
    """An htmx request for part of a page. Boosted links and history restores need whole pages."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    fragment_template: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The full page, or `fragment_template` alone when htmx asks for a fragment."""
    fragment = bool(fragment_template) and wants_fragment(request)
    name = fragment_template if fragment else template
    # link_alternate: the page's JSON twin, advertised in <head> as rel="alternate" application/json.
    values = {"link_alternate": None, "canonical_url": None, **context, "is_fragment": fragment}
    response = templates.TemplateResponse(request, name, values, status_code=status)
    _add_vary(response)
    return response


def render_error(request: Request, status: int, message: str, **context: Any) -> HTMLResponse:
    """An error page saying in words what went wrong and what to do next."""
    values = {"status": status, "title": STATUS_TITLES.get(status, "Error"), "message": as_sentence(message), **context}
    response = render(request, "error.html", values, status=status)
    if wants_fragment(request):
        # An htmx fragment request (the filter form) gets the whole error page in place of the body,
        # so the message is never swapped into a corner or dropped.
        response.headers["HX-Retarget"] = "body"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


def as_sentence(message: str) -> str:
    """'no actor has the id ...' -> 'No actor has the id ....': messages read as sentences on a page."""
    message = message.strip()
    if not message:
        return "Something went wrong."
    message = message[0].upper() + message[1:]
    return message if message[-1] in ".!?" else message + "."


def _add_vary(response: HTMLResponse) -> None:
    existing = [v.strip() for v in response.headers.get("Vary", "").split(",") if v.strip()]
    if "HX-Request" not in existing:
        existing.append("HX-Request")
    response.headers["Vary"] = ", ".join(existing)
