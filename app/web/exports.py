"""Download and feed URLs: /export.{json,csv,ics,atom,timelinejs} and /feed.atom.

They take the same filters as /api/events (the limit only bounds the Atom feed; the other formats
hold every event the filters select). The work is in app/exports.py, shared with `timeline export`.
"""

from __future__ import annotations

import io

from fastapi import APIRouter
from fastapi.responses import Response

from app.deps import FiltersDep, SessionDep, SettingsDep
from app.exports import FORMATS, ExportDocument, dataset_version, export_format, write_export
from app.queries.filters import openapi_parameters

router = APIRouter(tags=["exports"], default_response_class=Response)

TEXT = {"schema": {"type": "string"}}
# A refused filter or format on these (non-API) addresses is the site's error page.
REFUSALS = {
    400: {"description": "a filter that cannot be understood: the error page says why",
          "content": {"text/html": TEXT}},
}
NO_SUCH_FORMAT = {404: {"description": "no export has this format: the error page names those that exist",
                        "content": {"text/html": TEXT}}}
# What each format answers, for /openapi.json; application/json is the ExportDocument of
# export.json (export.timelinejs answers Knight Lab's TimelineJS document instead).
EXPORT_CONTENT = {
    "text/csv": TEXT,
    "text/calendar": TEXT,
    "application/atom+xml": TEXT,
}


def export_response(session, settings, filters, fmt: str) -> Response:
    chosen = export_format(fmt)  # 404 naming the formats that exist
    dataset = dataset_version(session)
    buffer = io.StringIO()
    write_export(session, filters, fmt, settings.base_url, buffer, dataset=dataset)
    headers = {"X-Dataset-Version": dataset.version}
    if chosen.download:
        filename = f"conflict-timeline-{dataset.exported_at:%Y%m%d}-{dataset.version}.{chosen.extension}"
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(buffer.getvalue(), media_type=chosen.media_type, headers=headers)


@router.get("/feed.atom", summary="Atom feed of the newest events for the filters",
            responses={200: {"content": {"application/atom+xml": TEXT}, "description": "an Atom feed"}, **REFUSALS},
            openapi_extra={"parameters": openapi_parameters(without=("cursor", "jump"))})
def feed(session: SessionDep, settings: SettingsDep, filters: FiltersDep) -> Response:
    return export_response(session, settings, filters, "atom")


@router.get(
    "/export.{fmt}",
    summary="The filtered events as a file",
    description=f"fmt is one of: {', '.join(FORMATS)}. Filters as in /api/events.",
    responses={200: {"content": EXPORT_CONTENT, "model": ExportDocument,
                     "description": "the events in the format asked for (timelinejs: a TimelineJS document)"},
               **REFUSALS, **NO_SUCH_FORMAT},
    openapi_extra={"parameters": openapi_parameters(without=("limit", "cursor", "jump"))},
)
def export(fmt: str, session: SessionDep, settings: SettingsDep, filters: FiltersDep) -> Response:
    return export_response(session, settings, filters, fmt)
