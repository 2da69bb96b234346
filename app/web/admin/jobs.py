"""The dashboard and the ingestion jobs' pages: progress while a job runs, what it stored when
done, and Retry for a failed one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.deps import SessionDep, SettingsDep
from app.ingest.jobs import start_inline
from app.models import IngestionJob
from app.permalinks import job_path
from app.queries.jobs import find_job, job_view, recent_jobs
from app.queries.review import unreviewed_count
from app.services import jobs as queue
from app.web.admin.session import CsrfChecked, CurrentAdmin, admin_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def load_job(job_id: str, session: SessionDep) -> IngestionJob:
    return find_job(session, job_id)


JobDep = Annotated[IngestionJob, Depends(load_job)]


@router.get("/admin", name="admin")
def dashboard(request: Request, admin: CurrentAdmin, session: SessionDep) -> Response:
    return admin_page(request, admin, "admin/dashboard.html",
                      {"jobs": recent_jobs(session), "unreviewed": unreviewed_count(session)})


@router.get("/admin/jobs/{job_id}", name="job")
def job_page(request: Request, admin: CurrentAdmin, session: SessionDep, job: JobDep) -> Response:
    context = {"job": job_view(session, job, with_events=True)}
    return admin_page(request, admin, "admin/job.html", context, fragment_template="admin/_job_status.html")


@router.post("/admin/jobs/{job_id}/retry")
def retry_job(request: Request, admin: CsrfChecked, session: SessionDep, settings: SettingsDep, job: JobDep) -> Response:
    queue.retry(session, job)
    start_inline(settings, request.app.state.ingest_steps)
    return RedirectResponse(job_path(job.id), status_code=303)
