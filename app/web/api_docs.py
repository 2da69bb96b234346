"""/docs: the JSON API's interactive documentation (Swagger UI over /openapi.json).

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; this one
serves the files pinned in package-lock.json from /static/vendor/ and starts them from
static/js/api-docs.js, so it needs nothing from elsewhere and passes the site's
Content-Security-Policy (app/web/security.py) like every other page.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.render import templates

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "api_docs.html", {"openapi_url": request.app.openapi_url})
