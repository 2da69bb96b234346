"""/api/jobs/{id}: an ingestion job as JSON, for the admin who uploaded (a session is needed)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.deps import SessionDep
from app.queries.jobs import find_job, job_outcome
from app.web.admin.session import CurrentAdmin

router = APIRouter(prefix="/api", tags=["admin"])


@router.get("/jobs/{job_id}", summary="An ingestion job (admins only)")
def job_json(job_id: str, admin: CurrentAdmin, session: SessionDep) -> dict[str, Any]:
    return job_outcome(find_job(session, job_id))
