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


def internal_error(request: Request, error: Exception) -> Response:
    incident = new_incident_id()
    log.error("incident %s: %s %s failed", incident, request.method, request.url.path, exc_info=error)
    headers = {"X-Incident-Id": incident, "Cache-Control": "no-store"}
    message = f"{INTERNAL_MESSAGE} Incident {incident}."
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": "internal_error", "message": message, "incident": incident},
                            status_code=500, headers=headers)
    try:
        from app.web.render import render_error

        response = render_error(request, 500, INTERNAL_MESSAGE, incident=incident)
    except Exception:  # the page itself failed: the plainest page that still says it all
        log.exception("incident %s: the error page could not be drawn either", incident)
        response = HTMLResponse(PLAIN_PAGE.format(message=INTERNAL_MESSAGE, incident=incident), status_code=500)
    response.headers.update(headers)
    return response
