"""Errors a user can cause, each with a stable code and a sentence that says what to do.

The CLI prints `message` and exits 2; the API answers `status` with {"error": code, "message": ...};
pages show the message next to the form.
"""

from __future__ import annotations


class UserError(Exception):
    """`context` names what the message is about, for a page to link to: `article_id` (the stored
    duplicate), `job_id` (the job already doing it), `retry_after` (seconds), ... Each becomes an
    attribute; a page reads it with getattr(error, name, None)."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None, **context):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        for name, value in context.items():
            setattr(self, name, value)


class InputRejected(UserError):
    """An article that cannot be ingested: empty, binary, undated, too large, ..."""

    status = 422
    code = "input_rejected"


class UnsupportedInput(InputRejected):
    status = 415
    code = "unsupported_media_type"


class InputTooLarge(InputRejected):
    status = 413
    code = "too_large"


class DuplicateArticle(UserError):
    """The same text is stored (`article_id`) or being ingested (`job_id`)."""

    status = 409
    code = "duplicate"


class BadFilter(UserError):
    status = 400
    code = "bad_filter"

    def __init__(self, message: str, *, field: str | None = None, **context):
        super().__init__(message, **context)
        self.field = field  # the query parameter (form field) it is about, when one is


class NotFound(UserError):
    status = 404
    code = "not_found"
