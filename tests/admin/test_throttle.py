"""Sign-in backoff (issue 15, point 3): guessers slow down exponentially, per address and per
account; the owner is never locked out, and `X-Forwarded-For` is believed only from the proxies
named in TIMELINE_TRUSTED_PROXIES.

Browsers at different addresses are TestClients with their own peer address, through the real
app and the real login_attempt table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress

import pytest
from fastapi.testclient import TestClient

from app.config import Settings, parse_networks
from app.db import session_scope
from app.errors import UserError
from app.models import LoginAttempt, utcnow
from app.services import throttle
from app.web.admin import session as auth

WRONG = "not the password at all"


@pytest.fixture
def browser(settings, h):
    """`browser(address, **settings changes)`: a client whose requests come from `address`."""
    opened = []

    def open_browser(address: str, **changes) -> TestClient:
        client = TestClient(h.make_app(dataclasses.replace(settings, **changes), h.steps), client=(address, 40000))
        opened.append(client.__enter__())
        return client

    yield open_browser
    for client in opened:
        client.__exit__(None, None, None)


def attempts(settings, *where) -> int:
    from sqlalchemy import func, select

    with session_scope(settings.database_url) as session:
        return session.execute(select(func.count()).select_from(LoginAttempt).where(*where)).scalar_one()


def test_the_wait_doubles_from_the_sixth_failure_and_stops_growing_at_fifteen_minutes():
    waits = [throttle.wait_after(n).total_seconds() for n in range(0, 22)]
    assert waits[:5] == [0] * 5
    assert waits[5:11] == [1, 2, 4, 8, 16, 32]
    assert max(waits) == 15 * 60 and waits[-1] == 15 * 60


def time_passes(settings, seconds: float) -> None:
    """Move every recorded attempt `seconds` into the past: the clock, as the backoff sees it."""
    from sqlalchemy import select, update

    with session_scope(settings.database_url) as session:
        for attempt_id, at in session.execute(select(LoginAttempt.id, LoginAttempt.at)).all():
            session.execute(update(LoginAttempt).where(LoginAttempt.id == attempt_id)
                            .values(at=at - dt.timedelta(seconds=seconds)))


def test_an_address_that_keeps_failing_waits_longer_each_time_then_the_right_password_works(h, browser, settings):
    guesser = browser("198.51.100.7")
    for _ in range(throttle.FREE_FAILURES):
        assert h.sign_in(guesser, password=WRONG).status_code == 400
    for wait in (1, 2, 4):  # each wait over, one more guess is checked, and the next wait doubles
        time_passes(settings, wait)
        assert h.sign_in(guesser, password=WRONG).status_code == 400
    refused = h.sign_in(guesser)  # even the right password must wait: a refused try checks nothing
    assert refused.status_code == 429
    assert "Too many failed sign-ins for this address; try again in" in refused.text
    assert 0 < int(refused.headers["Retry-After"]) <= 8
    assert auth.SESSION_COOKIE not in guesser.cookies
    failures_before = attempts(settings, LoginAttempt.ok.is_(False))
    assert h.sign_in(guesser, password=WRONG).status_code == 429  # refused tries are not recorded
    assert attempts(settings, LoginAttempt.ok.is_(False)) == failures_before

    time_passes(settings, 8)
    assert h.sign_in(guesser).status_code == 303  # the right password, once allowed, signs in
    assert guesser.get("/admin", follow_redirects=False).status_code == 200


def test_many_addresses_guessing_one_account_never_lock_the_owner_out(h, browser):
    # Ten addresses fail once each: the account has ten failures, its wait is 32 s...
    guessers = [browser(f"203.0.113.{n}") for n in range(1, 11)]
    for guesser in guessers:
        assert h.sign_in(guesser, password=WRONG).status_code == 400
    # ...which holds back the addresses that have been failing on it, even with the right password,
    for guesser in guessers[:3]:
        response = h.sign_in(guesser)
        assert response.status_code == 429 and "for this account" in response.text
        assert 0 < int(response.headers["Retry-After"]) <= 32
    # ...while the owner, at an address that has not been guessing, signs in at once.
    owner = browser("192.0.2.44")
    assert h.sign_in(owner).status_code == 303
    assert owner.get("/admin", follow_redirects=False).status_code == 200
    # The success clears the account's count: the guessers' next wrong tries are checked again.
    assert h.sign_in(guessers[0], password=WRONG).status_code == 400


def test_an_attacked_account_still_costs_each_new_address_its_one_guess(h, browser):
    for n in range(1, 8):
        assert h.sign_in(browser(f"203.0.113.{n}"), password=WRONG).status_code == 400
    newcomer = browser("203.0.113.99")
    assert h.sign_in(newcomer, password=WRONG).status_code == 400  # its one guess, checked
    assert h.sign_in(newcomer, password=WRONG).status_code == 429  # then the account's wait


def test_failures_on_other_accounts_count_for_the_address(h, browser):
    guesser = browser("198.51.100.8")
    for number in range(throttle.FREE_FAILURES):
        h.sign_in(guesser, username=f"guess{number}", password=WRONG)
    response = h.sign_in(guesser)
    assert response.status_code == 429 and "for this address" in response.text
    assert h.sign_in(browser("198.51.100.9")).status_code == 303  # the account itself is not held


def test_failures_age_out_of_the_window(h, settings):
    long_ago = utcnow() - throttle.WINDOW - dt.timedelta(minutes=1)
    with session_scope(settings.database_url) as session:
        for _ in range(20):
            throttle.record(session, h.username, "10.0.0.1", ok=False, now=long_ago)
    with session_scope(settings.database_url) as session:
        throttle.check(session, h.username, "10.0.0.1")  # nothing recent: no wait
        throttle.record(session, h.username, "10.0.0.1", ok=False, now=utcnow() - dt.timedelta(seconds=30))
        throttle.check(session, h.username, "10.0.0.1")


def test_the_wait_is_measured_from_the_latest_failure(h, settings):
    now = utcnow()
    with session_scope(settings.database_url) as session:
        for minutes in range(12, 0, -1):  # 12 failures, the latest 1 minute ago: wait 128 s
            throttle.record(session, h.username, "10.0.0.5", ok=False, now=now - dt.timedelta(minutes=minutes))
    with session_scope(settings.database_url) as session:
        with pytest.raises(throttle.TooManyAttempts) as refused:
            throttle.check(session, "someone-else", "10.0.0.5", now=now)
        assert refused.value.retry_after == 128 - 60
        throttle.check(session, "someone-else", "10.0.0.5", now=now + dt.timedelta(seconds=69))


# --- which address is the client's ----------------------------------------------------------------


def test_forwarded_for_is_ignored_unless_a_trusted_proxy_sends_it(h, browser):
    # The default: no proxy is trusted, so rotating the header does not dodge the address's wait.
    direct = browser("127.0.0.1")
    for number in range(throttle.FREE_FAILURES):
        h.sign_in(direct, username=f"guess{number}", password=WRONG)
    direct.headers["X-Forwarded-For"] = "192.0.2.200"
    response = h.sign_in(direct)
    assert response.status_code == 429 and "for this address" in response.text


def test_a_trusted_proxy_forwards_the_clients_address(h, browser, settings):
    proxy = browser("10.1.2.3", trusted_proxies=parse_networks("127.0.0.1, 10.0.0.0/8"))
    # A client that sends its own X-Forwarded-For through the proxy cannot choose its address:
    # the proxy appends the address it saw, and that (the rightmost untrusted) is the client's.
    for number in range(throttle.FREE_FAILURES):
        proxy.headers["X-Forwarded-For"] = f"192.0.2.{number}, 198.51.100.50"
        h.sign_in(proxy, username=f"guess{number}", password=WRONG)
    assert attempts(settings, LoginAttempt.address == "198.51.100.50") == throttle.FREE_FAILURES
    proxy.headers["X-Forwarded-For"] = "198.51.100.50, 10.0.0.9"  # through a second trusted proxy
    assert h.sign_in(proxy).status_code == 429
    proxy.headers["X-Forwarded-For"] = "198.51.100.51"  # another client behind the same proxy
    assert h.sign_in(proxy).status_code == 303


def test_an_untrusted_peer_cannot_forward(h, browser, settings):
    stranger = browser("192.0.2.77", trusted_proxies=parse_networks("10.0.0.0/8"))
    stranger.headers["X-Forwarded-For"] = "10.0.0.1"
    h.sign_in(stranger, password=WRONG)
    assert attempts(settings, LoginAttempt.address == "192.0.2.77") == 1


def test_trusted_proxies_are_read_from_the_environment():
    settings = Settings.from_env({"TIMELINE_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8 ::1"})
    assert settings.trusted_proxies == (ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8"),
                                        ipaddress.ip_network("::1/128"))
    assert Settings.from_env({}).trusted_proxies == ()
    with pytest.raises(UserError, match="'proxy.example' is not an IP address"):
        Settings.from_env({"TIMELINE_TRUSTED_PROXIES": "proxy.example"})
