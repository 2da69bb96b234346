"""Security headers on every answer: pages, JSON, files, redirects and errors alike.

- `Content-Security-Policy`: scripts, styles, images, fonts and requests from this site only;
  no inline script or style (every page's script and style are files under /static/), no
  plugins, no <base> elsewhere, forms post only here, and no framing (`frame-ancestors 'none'`).
  A page that an attacker manages to inject markup into still cannot run script in it.
- `X-Frame-Options: DENY`: framing refused by browsers that predate frame-ancestors (clickjacking).
- `X-Content-Type-Options: nosniff`: a file is what its Content-Type says (an uploaded article
  is never run as script, a JSON answer never read as HTML).
- `Referrer-Policy: strict-origin-when-cross-origin`: a link to a publisher's article tells it
  this site's name, never the search or filters in the address.
- `Strict-Transport-Security` when TIMELINE_BASE_URL is https: browsers that came once come back
  over https only (not on plain http set-ups, where it would mean nothing or lock users out).

Plain ASGI, like PrivateWhenSignedIn, so streamed answers stream; the app's 500 answer, made
outside the middleware stack, takes the same headers (app/web/errors.py).
"""

from __future__ import annotations

from app.config import Settings

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # Swagger UI's icons are data: SVGs; an image cannot run script
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HSTS = "max-age=31536000"


def security_headers(settings: Settings) -> list[tuple[bytes, bytes]]:
    headers = [
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
    ]
    if settings.base_url.startswith("https://"):
        headers.append((b"strict-transport-security", HSTS.encode()))
    return headers


class SecurityHeaders:
    def __init__(self, app, settings: Settings):
        self.app = app
        self.headers = security_headers(settings)
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
