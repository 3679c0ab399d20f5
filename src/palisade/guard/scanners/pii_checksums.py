"""Check digits of national and tax ids, for ``pii_records``: a value that passes its country's checksum is far
more likely an id than a random number, so a passing value scores higher next to an id word, and the formats
whose shape is distinctive as well (Swiss AHV ``756.1234.5678.97``, Finnish HETU ``131052-308T``, Swedish
personnummer ``811218-9876``, Indian PAN ``ABCPE1234F``) are found without one.

Each function takes the value as written (separators allowed) and returns whether its check digits hold. The
algorithms are the published ones: Luhn (Canadian SIN, Swedish personnummer), Verhoeff (Aadhaar), ISO 7064
MOD 11,10 (German Steuer-ID), weighted sums mod 11 (Dutch BSN, Australian TFN, NHS number) or mod 10 (Polish
PESEL), EAN-13 (Swiss AHV), mod 31 (Finnish HETU).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["ID_CHECKS", "id_checksum_ok"]


def _digits(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def steuer_id_ok(value: str) -> bool:
    """German tax id: 11 digits, no leading 0, one digit of the first ten repeated (twice or thrice)."""
    d = _digits(value)
    if not re.fullmatch(r"[1-9]\d{10}", d):
        return False
    counts = sorted((d[:10].count(c) for c in set(d[:10])), reverse=True)
    if counts[0] not in (2, 3) or (len(counts) > 1 and counts[1] > 1):
        return False
    product = 10
    for ch in d[:10]:
        s = (int(ch) + product) % 10 or 10
        product = s * 2 % 11
    return (11 - product) % 10 == int(d[10])


def bsn_ok(value: str) -> bool:
    """Dutch burgerservicenummer: the 11-proof over nine digits."""
    d = _digits(value)
    if not re.fullmatch(r"\d{9}", d) or d == "0" * 9:
        return False
    total = sum(int(c) * (9 - i) for i, c in enumerate(d[:8])) - int(d[8])
    return total % 11 == 0


def pesel_ok(value: str) -> bool:
    """Polish PESEL: a birth date (month + 20 per century after 1900) and a mod-10 check digit."""
    d = _digits(value)
    if not re.fullmatch(r"\d{11}", d):
        return False
    month, day = int(d[2:4]) % 20, int(d[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    return (10 - sum(int(c) * w for c, w in zip(d, weights, strict=False)) % 10) % 10 == int(d[10])


_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)  # fmt: skip
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)  # fmt: skip


def aadhaar_ok(value: str) -> bool:
    """Indian Aadhaar: 12 digits, not starting with 0 or 1, Verhoeff check digit."""
    d = _digits(value)
    if not re.fullmatch(r"[2-9]\d{11}", d):
        return False
    c = 0
    for i, ch in enumerate(reversed(d)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[i % 8][int(ch)]]
    return c == 0


def sin_ok(value: str) -> bool:
    """Canadian social insurance number: nine digits, Luhn (0 and 8 are not issued as first digit)."""
    d = _digits(value)
    return bool(re.fullmatch(r"[1-79]\d{8}", d)) and luhn_ok(d)


def tfn_ok(value: str) -> bool:
    """Australian tax file number: nine digits, weighted sum divisible by 11."""
    d = _digits(value)
    weights = (1, 4, 3, 7, 5, 8, 6, 9, 10)
    return (
        bool(re.fullmatch(r"\d{9}", d))
        and sum(int(c) * w for c, w in zip(d, weights, strict=True)) % 11 == 0
    )


def nhs_ok(value: str) -> bool:
    """NHS number (England, Wales, Isle of Man): ten digits, mod-11 check digit."""
    d = _digits(value)
    if not re.fullmatch(r"\d{10}", d):
        return False
    check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(d[:9])) % 11
    return check != 10 and check % 11 == int(d[9])


def ahv_ok(value: str) -> bool:
    """Swiss AHV/AVS number: ``756`` and ten digits, EAN-13 check digit."""
    d = _digits(value)
    if not re.fullmatch(r"756\d{10}", d):
        return False
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d[:12]))
    return (10 - total % 10) % 10 == int(d[12])


_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu_ok(value: str) -> bool:
    """Finnish henkilötunnus ``DDMMYYCZZZQ``: a date, a century sign, and a mod-31 check character."""
    m = re.fullmatch(r"(\d{2})(\d{2})(\d{2})[-+A-FU-Y](\d{3})([0-9A-Y])", value.upper())
    if m is None or not (1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12):
        return False
    number = int(m.group(1) + m.group(2) + m.group(3) + m.group(4))
    return _HETU_CHECK[number % 31] == m.group(5)


def personnummer_ok(value: str) -> bool:
    """Swedish personnummer ``YYMMDD-NNNC`` (or with the century): a date and a Luhn check digit."""
    d = _digits(value.replace("+", ""))
    if len(d) == 12:
        d = d[2:]
    if not re.fullmatch(r"\d{10}", d):
        return False
    month, day = int(d[2:4]), int(d[4:6]) % 60  # day + 60: a coordination number
    return 1 <= month <= 12 and 1 <= day <= 31 and luhn_ok(d)


ID_CHECKS: dict[str, Callable[[str], bool]] = {
    "steuer_id": steuer_id_ok,
    "bsn": bsn_ok,
    "pesel": pesel_ok,
    "aadhaar": aadhaar_ok,
    "sin": sin_ok,
    "tfn": tfn_ok,
    "nhs": nhs_ok,
    "ahv": ahv_ok,
    "hetu": hetu_ok,
    "personnummer": personnummer_ok,
}


def id_checksum_ok(value: str) -> bool:
    """Whether ``value`` passes the checksum of any id format above (used next to an id word)."""
    return any(check(value) for check in ID_CHECKS.values())
