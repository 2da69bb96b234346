"""The app's own answer to a failure of its own: a 500 page (or JSON error) with an incident id.

A request that fails on a bug or an outage is answered by a page in the site's own layout (JSON
under /api/) that says something went wrong on our side and gives an incident id; the traceback
goes to the log only, under the same id, so a reader can report the id and whoever runs the site
can find what happened. Nothing of the exception (its type, message or the query) is shown.
"""

from __future__ import annotations

import logging
import secrets

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("app.incidents")

INTERNAL_MESSAGE = "Something went wrong on our side; nothing you did caused it. Please try again in a moment."
# When even the error page cannot be drawn (the templates or the database are the trouble).
PLAIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Something went wrong – Conflict Timeline Explorer</title>
<link rel="stylesheet" href="/static/css/app.css"></head>
<body><main id="main" class="wrap"><h1>Something went wrong on our side</h1>
<p>{message}</p><p>Incident <code>{incident}</code>: quote it when you report the problem.</p>
<p><a href="/">Go to the timeline</a></p></main></body></html>
"""


def new_incident_id() -> str:
    return secrets.token_hex(6)


def install_error_pages(app: FastAPI) -> None:
    app.add_exception_handler(Exception, internal_error)
    app.add_exception_handler(StarletteHTTPException, http_error)


# What the router answers by itself (no such page, a method the page does not take), in words.
ROUTER_ERRORS = {
    404: ("not_found", "there is no page at this address; it may have been mistyped"),
    405: ("method_not_allowed", "this address does not take that kind of request"),
}


def http_error(request: Request, error: StarletteHTTPException) -> Response:
    """The router's own refusals (an unknown address, a wrong method) as the site's pages."""
    code, message = ROUTER_ERRORS.get(error.status_code, ("error", str(error.detail)))
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": code, "message": message}, status_code=error.status_code,
                            headers=error.headers)
    from app.web.render import render_error

    response = render_error(request, error.status_code, message)
    response.headers.update(error.headers or {})
    return response


def internal_error(request: Request, error: Exception) -> Response:
    incident = new_incident_id()
    log.error("incident %s: %s %s failed", incident, request.method, request.url.path, exc_info=error)
    headers = {"X-Incident-Id": incident, "Cache-Control": "no-store"}
    message = f"{INTERNAL_MESSAGE} Incident {incident}."
    if request.url.path.startswith("/api/"):
        return with_security_headers(request, JSONResponse(
            {"error": "internal_error", "message": message, "incident": incident}, status_code=500, headers=headers))
    try:
        from app.web.render import render_error

        response = render_error(request, 500, INTERNAL_MESSAGE, incident=incident)
    except Exception:  # the page itself failed: the plainest page that still says it all
        log.exception("incident %s: the error page could not be drawn either", incident)
        response = HTMLResponse(PLAIN_PAGE.format(message=INTERNAL_MESSAGE, incident=incident), status_code=500)
    response.headers.update(headers)
    return with_security_headers(request, response)


def with_security_headers(request: Request, response: Response) -> Response:
    """The 500 answer is made outside the middleware stack: it takes the same headers here."""
    from app.web.security import security_headers

    for name, value in security_headers(request.app.state.settings):
        response.headers[name.decode()] = value.decode()
    return response
