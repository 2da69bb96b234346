"""HEAD for every GET: link checkers, social-card fetchers and caches ask HEAD first.

FastAPI routes answer only the methods they name, so a HEAD request to a page would be a 405.
This middleware answers it as the GET it mirrors, with the same status and headers (length
included) and no body. Plain ASGI, so streamed answers stay streamed.
"""

from __future__ import annotations


class HeadAsGet:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body is dropped as it comes
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
