"""The admin side, one module per job: sign-in (sign_in.py, with the session and CSRF rules in
session.py), uploads (uploads.py), ingestion jobs (jobs.py), curation (curation.py) and
collections (collections.py: create, describe, delete, move an article).

Every page here needs a session (CurrentAdmin); every form handler takes CsrfChecked. Handlers
parse (dependencies), call a service (which commits its own change), and render or redirect.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from app.web.admin import collections, curation, jobs, sign_in, uploads
from app.web.admin.session import SESSION_COOKIE, LoginRequired, login_url, signed_in_admin
from app.web.render import templates

PRIVATE_PATHS = ("/admin", "/login", "/logout", "/api/jobs")


def install_admin(app: FastAPI) -> None:
    """Add the admin pages, answer 'not signed in' the way each client needs, and let every
    page's header know who is signed in."""
    for module in (sign_in, jobs, uploads, curation, collections):
        app.include_router(module.router)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_middleware(PrivateWhenSignedIn)
    templates.env.globals["signed_in_admin"] = signed_in_admin


def _login_required(request: Request, error: LoginRequired) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": "login_required", "message": "Sign in at /login first."}, status_code=401)
    # A form post cannot be replayed by a GET, so after signing in the admin lands on the dashboard.
    next_path = str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
    response = RedirectResponse(login_url(next_path if request.method == "GET" else "/admin", error.reason), 303)
    if error.reason:
        response.delete_cookie(SESSION_COOKIE, path="/")
    return response


class PrivateWhenSignedIn:
    """Answers to a signed-in browser, and every admin and sign-in page, carry
    `Cache-Control: private, no-store`: they hold CSRF tokens, the admin's name and unpublished
    curation state, which no shared cache (and no later user of the same browser, through its
    back button) may be served. Pages for readers who are not signed in are left as they are.
    Plain ASGI rather than a BaseHTTPMiddleware, so that the job page's event stream streams."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self._private(scope):
            await self.app(scope, receive, send)
            return

        async def send_private(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                headers += [(b"cache-control", b"private, no-store"), (b"vary", b"Cookie")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_private)

    @staticmethod
    def _private(scope) -> bool:
        if scope.get("path", "").startswith(PRIVATE_PATHS):
            return True
        cookies = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie")
        return f"{SESSION_COOKIE}=".encode() in cookies
