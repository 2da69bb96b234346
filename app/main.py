"""The web application: JSON API under /api, pages everywhere else. Never loads the NLP model."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from app.config import PROJECT_ROOT, Settings
from app.errors import UserError

# Middle-generation passes between two full garbage collections (Python's default: 10).
FULL_COLLECTION_AFTER = 1000


@asynccontextmanager
async def lifespan(app: FastAPI):
    # Everything imported and built by now lives as long as the process. A full garbage
    # collection walks every tracked object: some 100,000 here (the web stack, the models, the
    # routes), 60 ms on a 2-core server, landing on whichever request crosses the threshold.
    # Frozen, they are left out of every later collection, and requests pay only for their own.
    # The templates are compiled first, so that they are among the frozen.
    from app.web.render import templates

    for name in templates.env.list_templates():
        templates.env.get_template(name)
    gc.collect()
    gc.freeze()
    # What a request leaves behind lives on too: the statement caches of SQLAlchemy and psycopg,
    # kept figures, sessions' pools (some 60,000 objects after a few hundred requests). With the
    # default thresholds a full collection walks them after every 70,000 or so allocations, and
    # the request it lands on pays 10-20 ms: the tail of every read (docs/benchmarks.md). Full
    # collections a hundred times rarer leave the tail to the work itself; a request's own
    # garbage is freed by reference counting, and the young generations are collected as before.
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AFTER)
    # A web process that runs jobs itself also looks after the queue (app/ingest/jobs.py).
    from app.ingest.jobs import start_queue_watch

    stop_watch = start_queue_watch(app.state.settings, app.state.ingest_steps)
    yield
    if stop_watch is not None:
        stop_watch.set()


def create_app(settings: Settings | None = None, ingest_steps=None) -> FastAPI:
    """The app for these settings. `ingest_steps` (app/ingest/steps.py) is what uploads run
    through when jobs run inline in this process: the real pipeline unless given."""
    from app.deps import refuse_nul_characters
    from app.ingest.steps import pipeline_steps

    settings = settings or Settings.from_env()
    app = FastAPI(
        title="Conflict Timeline Explorer",
        description="Dated, source-linked chronologies built from news articles.",
        version="0.1.0",
        lifespan=lifespan,
        dependencies=[Depends(refuse_nul_characters)],
        # /docs is served from vendored files (app/web/api_docs.py), never from a CDN.
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    app.state.ingest_steps = ingest_steps or pipeline_steps(settings)

    from app.api.jobs import router as jobs_api_router
    from app.api.routes import router as api_router
    from app.web.api_docs import router as api_docs_router
    from app.web.admin import install_admin
    from app.web.admin.session import refusal_page
    from app.web.collections import router as collections_router
    from app.web.errors import install_error_pages
    from app.web.head import HeadAsGet
    from app.web.security import SecurityHeaders
    from app.web.exports import router as exports_router
    from app.web.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(jobs_api_router)
    app.include_router(exports_router)
    install_admin(app)
    app.include_router(pages_router)
    app.include_router(collections_router)
    app.include_router(api_docs_router)
    app.mount("/static", StaticFiles(directory=PROJECT_ROOT / "static"), name="static")
    install_error_pages(app)
    app.add_middleware(HeadAsGet)  # every GET page and file answers HEAD too
    # Added last, so the outermost: every answer has them, HEAD answers included.
    app.add_middleware(SecurityHeaders, settings=settings)

    @app.exception_handler(UserError)
    async def user_error(request: Request, error: UserError):
        if request.url.path.startswith("/api/"):
            body = {"error": error.code, "message": error.message}
            if getattr(error, "known", None) is not None:  # what would have been valid (collections)
                body["known"] = list(error.known)
            return JSONResponse(body, status_code=error.status)
        from app.web.render import render_error

        # A form's page may re-show the form with the reason (the upload and sign-in forms do).
        return refusal_page(request, error) or render_error(request, error.status, error.message)

    return app


def app_from_env() -> FastAPI:
    """uvicorn's factory entry point: `uvicorn --factory app.main:app_from_env`."""
    return create_app()
