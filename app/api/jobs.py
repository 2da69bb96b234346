"""/api/jobs/{id}: an ingestion job as JSON, for the admin who uploaded (a session is needed)."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.schemas import NOT_FOUND, ErrorOut, JobOut
from app.deps import SessionDep
from app.queries.jobs import find_job, job_outcome
from app.web.admin.session import CurrentAdmin

router = APIRouter(prefix="/api", tags=["admin"])


@router.get("/jobs/{job_id}", summary="An ingestion job (admins only)", response_model=JobOut,
            response_model_exclude_unset=True,
            responses={**NOT_FOUND, 401: {"model": ErrorOut, "description": "not signed in: sign in at /login first"}})
def job_json(job_id: str, admin: CurrentAdmin, session: SessionDep) -> JobOut:
    return JobOut(**job_outcome(find_job(session, job_id)))
