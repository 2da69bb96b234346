"""Signing in and out: the sign-in form, its post, and the sign-out post."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.config import Settings
from app.deps import SessionDep, SettingsDep
from app.errors import UserError
from app.services.sign_in import TooManyAttempts, sign_in
from app.web.admin import session as web_session
from app.web.admin.session import CsrfChecked, SignInFormChecked
from app.web.proxies import client_address
from app.web.render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

SIGN_IN_NOTICES = {
    "expired": "Your session has expired (sessions last 8 hours). Please sign in again.",
    "signed-out": "Your session has ended (you signed out, or the password was reset). Please sign in again.",
    "logged-out": "You are signed out.",
}


def sign_in_refusals(request: Request, settings: SettingsDep) -> None:
    """A refused sign-in (forged form, wrong password, too many attempts) re-shows the form."""

    def show(error: UserError) -> Response:
        response = login_form(request, settings, next=web_session.form_value(request, "next") or "/admin",
                              username=web_session.form_value(request, "username"), error=error.message,
                              status=error.status)
        if isinstance(error, TooManyAttempts):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    web_session.show_refusals_with(request, show)


@router.get("/login", name="login")
def login_page(request: Request, settings: SettingsDep, next: str = "/admin", reason: str = "") -> Response:
    return login_form(request, settings, next=next, notice=SIGN_IN_NOTICES.get(reason))


@router.post("/login", dependencies=[Depends(sign_in_refusals)])
def login(request: Request, session: SessionDep, settings: SettingsDep, form: SignInFormChecked) -> Response:
    username, password = str(form.get("username") or ""), str(form.get("password") or "")
    user = sign_in(session, username, password, client_address(request))
    response = RedirectResponse(web_session.safe_next(str(form.get("next") or "/admin")), status_code=303)
    web_session.start_session(response, settings, session, user)
    return response


def login_form(request: Request, settings: Settings, *, next: str, username: str = "",
               notice: str | None = None, error: str | None = None, status: int = 200) -> Response:
    token, nonce = web_session.login_form_token(request, settings)
    context = {"csrf_token": token, "next": web_session.safe_next(next), "username": username,
               "notice": notice, "error": error}
    response = render(request, "login.html", context, status=status)
    web_session.set_login_cookie(response, settings, nonce)
    return response


@router.post("/logout")
def logout(admin: CsrfChecked, session: SessionDep, settings: SettingsDep) -> Response:
    response = RedirectResponse(web_session.login_url("/admin", "logged-out"), status_code=303)
    web_session.end_session(response, settings, session, admin)
    return response

