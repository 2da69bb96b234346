"""Calendar arithmetic and TIMEX3 value formatting used by the rules."""

from __future__ import annotations

import datetime as dt


def fmt_day(d: dt.date) -> str:
    return d.isoformat()


def fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def fmt_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def shift_day(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


def shift_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def shift_months_date(d: dt.date, months: int) -> dt.date:
    y, m = shift_month(d.year, d.month, months)
    last = days_in_month(y, m)
    return dt.date(y, m, min(d.day, last))


def days_in_month(y: int, m: int) -> int:
    if m == 12:
        return 31
    return (dt.date(y, m + 1, 1) - dt.timedelta(days=1)).day


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def shift_quarter(y: int, q: int, k: int) -> tuple[int, int]:
    idx = y * 4 + (q - 1) + k
    return idx // 4, idx % 4 + 1


def weekday_near(dct: dt.date, iso_wd: int, direction: str, strict: bool = False) -> dt.date:
    """The weekday `iso_wd` nearest to dct going `direction` ("past" or "future").

    Not strict: the DCT itself counts when it is that weekday. Strict: it never does.
    """
    diff = iso_wd - dct.isoweekday()
    if direction == "past":
        back = (-diff) % 7
        if back == 0 and strict:
            back = 7
        return dct - dt.timedelta(days=back)
    fwd = diff % 7
    if fwd == 0 and strict:
        fwd = 7
    return dct + dt.timedelta(days=fwd)


def month_near(dct: dt.date, month: int, direction: str, strict: bool = False) -> tuple[int, int]:
    """Year and month of the month named `month` nearest to the DCT in `direction`."""
    y = dct.year
    if direction == "past":
        if month > dct.month or (strict and month == dct.month):
            y -= 1
    else:
        if month < dct.month or (strict and month == dct.month):
            y += 1
    return y, month


def nth_weekday(y: int, m: int, iso_wd: int, n: int) -> dt.date:
    """The n-th `iso_wd` of a month; negative n counts from the end."""
    if n > 0:
        first = dt.date(y, m, 1)
        offset = (iso_wd - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    last = dt.date(y, m, days_in_month(y, m))
    offset = (last.isoweekday() - iso_wd) % 7
    return last - dt.timedelta(days=offset + 7 * (-n - 1))


def weekend_of(d: dt.date) -> str:
    return fmt_week(d) + "-WE"


SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_of(d: dt.date) -> tuple[int, str]:
    """Season containing d; winter belongs to the year in which it starts (December)."""
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


def season_near(dct: dt.date, code: str, direction: str, strict: bool = False) -> int:
    """Year of the season `code` nearest to the DCT going `direction`."""
    order = ["SP", "SU", "FA", "WI"]
    cy, cc = season_of(dct)
    cur = cy * 4 + order.index(cc)
    target_same_year = cy * 4 + order.index(code)
    if direction == "past":
        idx = target_same_year if target_same_year <= cur else target_same_year - 4
        if strict and idx == cur:
            idx -= 4
    else:
        idx = target_same_year if target_same_year >= cur else target_same_year + 4
        if strict and idx == cur:
            idx += 4
    return idx // 4


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus: the first Sunday
    after the ecclesiastical full moon on or after 21 March)."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_correction = (century + 8) // 25
    solar_correction = (century - moon_correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - solar_correction + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday_offset = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    late_correction = (golden + 11 * epact + 22 * weekday_offset) // 451
    month, day = divmod(epact + weekday_offset - 7 * late_correction + 114, 31)
    return dt.date(year, month, day + 1)
