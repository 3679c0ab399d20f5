"""Personal data detectors shared by ``Anonymize`` (input) and ``Sensitive`` (output). Offline, no models.

Every detector works on the normalised view of the text (``textview``: invisible characters dropped, full-width
and other Unicode digits folded) and reports spans of the original text. Each finding has a confidence score:

- values with a checksum or a strict structure score high once the check passes: credit cards (Luhn plus a known
  issuer prefix), IBANs (length per country plus mod-97), US SSNs (valid area/group/serial), UK NINOs, Spanish
  NIF/NIE (check letter), Bitcoin addresses (base58check / bech32 checksum), public IP addresses, e-mail addresses;
- weaker shapes only score high with a context word next to them: a phone number written as bare digit groups
  needs "phone", "mobile", "fax", "call me"...; a 9-digit SSN needs "SSN" or "social security"; a 12-digit card
  number needs "card";
- names (``PERSON``) are best effort: an honorific (``Mrs. Selma Veitonen``), an introduction (``my name is``,
  ``Name:``, a sign-off), a common given name from ``given_names`` followed by capitalised words, and later
  repeats of a name already found. A capitalised word alone is never a name.

Values that are documentation examples by design (``example.com`` addresses, private and documentation IP
ranges, CIDR blocks, ``123-45-6789``) score below the default threshold, so infrastructure requests keep them.
Every regex uses bounded quantifiers, so a pathological input costs linear time.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import ipaddress
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from palisade.guard.scanners.cues import Gate, folded
from palisade.guard.scanners.pii_fields import record_findings
from palisade.guard.scanners.pii_health import medical_conditions
from palisade.guard.scanners.pii_names import ROLE_WORDS, fold, persons, phones_after_names
from palisade.guard.scanners.pii_records import (
    bank_accounts,
    dates_of_birth,
    national_ids,
    street_addresses,
)
from palisade.guard.scanners.textview import TextView, view

__all__ = [
    "DEFAULT_ENTITY_TYPES",
    "ENTITY_TYPES",
    "CustomPattern",
    "PiiDetector",
    "PiiEntity",
    "luhn_valid",
    "parse_regex_patterns",
    "resolve_entity_types",
]

ENTITY_TYPES: tuple[str, ...] = (
    "BANK_ACCOUNT",
    "CREDIT_CARD",
    "CRYPTO",
    "DATE_OF_BIRTH",
    "EMAIL_ADDRESS",
    "ES_NIF",
    "IBAN_CODE",
    "IP_ADDRESS",
    "MEDICAL_CONDITION",
    "NATIONAL_ID",
    "PERSON",
    "PHONE_NUMBER",
    "STREET_ADDRESS",
    "UK_NINO",
    "US_SSN",
)
DEFAULT_ENTITY_TYPES = ENTITY_TYPES
# LLM Guard's regex-only twins of Presidio recognisers map onto ours.
_ALIASES = {
    "CREDIT_CARD_RE": "CREDIT_CARD",
    "EMAIL_ADDRESS_RE": "EMAIL_ADDRESS",
    "US_SSN_RE": "US_SSN",
}


@dataclass(frozen=True, slots=True)
class PiiEntity:
    """One finding: Presidio's entity name, the span in the original text, a confidence in [0, 1]."""

    type: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class CustomPattern:
    """A user regex (LLM Guard's ``regex_patterns`` entry): ``name`` becomes the entity type."""

    name: str
    pattern: re.Pattern[str]
    score: float = 0.75


def resolve_entity_types(types: Iterable[str] | None) -> frozenset[str]:
    """The entity types to detect; ``None`` means all. Unknown names are a ``ValueError`` listing the known."""
    if types is None:
        return frozenset(DEFAULT_ENTITY_TYPES)
    if isinstance(types, str):
        raise ValueError("entity_types must be a list of names, not a string")
    resolved: set[str] = set()
    unknown: list[str] = []
    for name in types:
        canonical = _ALIASES.get(str(name), str(name))
        if canonical in ENTITY_TYPES:
            resolved.add(canonical)
        else:
            unknown.append(str(name))
    if unknown:
        raise ValueError(
            f"entity_types: unsupported {', '.join(sorted(unknown))}; supported: {', '.join(ENTITY_TYPES)}"
        )
    return frozenset(resolved)


_PATTERN_KEYS = frozenset({"name", "expressions", "score", "examples", "context", "languages"})


def parse_regex_patterns(value: Sequence[Mapping[str, Any]] | None) -> tuple[CustomPattern, ...]:
    """LLM Guard's ``regex_patterns``: ``[{"name": "TICKET_ID", "expressions": ["..."], "score": 0.75}]``."""
    if not value:
        return ()
    patterns: list[CustomPattern] = []
    for i, entry in enumerate(value):
        where = f"regex_patterns[{i}]"
        if not isinstance(entry, Mapping):
            raise ValueError(f"{where} must be an object with name and expressions")
        unknown = sorted(set(entry) - _PATTERN_KEYS)
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
        name = entry.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]{0,40}", name):
            raise ValueError(
                f"{where}: name must be upper-case letters, digits and _ (e.g. TICKET_ID)"
            )
        expressions = entry.get("expressions")
        if not isinstance(expressions, list) or not expressions:
            raise ValueError(
                f"{where}: expressions must be a non-empty list of regular expressions"
            )
        score = entry.get("score", 0.75)
        if not isinstance(score, int | float) or not 0.0 < float(score) <= 1.0:
            raise ValueError(f"{where}: score must be within (0, 1]")
        for expression in expressions:
            try:
                compiled = re.compile(str(expression))
            except re.error as exc:
                raise ValueError(
                    f"{where}: invalid regular expression {expression!r}: {exc}"
                ) from exc
            patterns.append(CustomPattern(name, compiled, float(score)))
    return tuple(patterns)


# ------------------------------------------------------------------------------------------ helpers
Found = tuple[str, int, int, float]  # type, start, end (in the view), score


def _near(
    text: str, start: int, end: int, words: re.Pattern[str], before: int = 48, after: int = 0
) -> bool:
    if words.search(text[max(0, start - before) : start].lower()):
        return True
    return bool(after and words.search(text[end : end + after].lower()))


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# ---------------------------------------------------------------------------------------- e-mail
# A local part does not start with a quote: "'jane@corp.io'" in SQL or shell is quoted, not part of it.
_LOCAL = (
    r"[\w!#$%&*+/=?^{|}~\-][\w!#$%&'*+/=?^`{|}~\-]{0,63}(?:\.[\w!#$%&'*+/=?^`{|}~\-]{1,64}){0,8}"
)
_EMAIL = re.compile(
    r"(?<![\w.+\-])("
    + _LOCAL
    + r")@((?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.){1,8}[^\W\d_]{2,63})(?![\w\-])"
)
_BRACKET_AT = r"\s{0,3}[\[({<]\s{0,2}at\s{0,2}[\])}>]\s{0,3}"
_BRACKET_DOT = r"\s{0,3}(?:[\[({<]\s{0,2}dot\s{0,2}[\])}>]|\.)\s{0,3}"
_EMAIL_OBFUSCATED = re.compile(
    r"(?i)(?<![\w.+\-])([\w.+\-]{1,64})"
    + _BRACKET_AT
    + r"((?:[\w\-]{1,63}"
    + _BRACKET_DOT
    + r"){1,6}[a-z]{2,24})(?!\w)"
)
# "jane.doe at corp dot io" and URL-encoded "jane.doe%40corp.io": only with the literal word "dot" / "%40".
_EMAIL_SPOKEN = re.compile(
    r"(?i)(?<![\w.+\-])([a-z0-9][\w.+\-]{0,63})\s{1,3}at\s{1,3}((?:[a-z0-9][\w\-]{0,62}\s{1,3}dot\s{1,3})"
    r"{1,5}[a-z]{2,24})(?!\w)"
)
_EMAIL_ENCODED = re.compile(
    r"(?i)(?<![\w.+\-])("
    + _LOCAL
    + r")%40((?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.){1,8}[a-z]{2,63})(?![\w\-])"
)

# Role mailboxes belong to a function, not a person (alert recipients, distribution lists): not personal data.
# Placeholders (``user@``, ``your.name@``) are not anyone's address either.
_PLACEHOLDERS = frozenset(
    {"user", "username", "you", "your.name", "yourname", "someone", "name", "foo"}
)


# Regions and teams qualify a role mailbox ("soc-apac@", "secops-emea@").
_ROLE_QUALIFIERS = frozenset(
    "apac emea amer americas latam anz dach nordics europe eu us uk asia global intl internal external".split()
)


def _role_part(part: str) -> bool:
    """A function word, a region, a number, or two function words run together ("cloudsec", "devsecops")."""
    if part in ROLE_WORDS or part in _ROLE_QUALIFIERS or part.isdigit():
        return True
    return any(part[:i] in ROLE_WORDS and part[i:] in ROLE_WORDS for i in range(2, len(part) - 1))


def _role_mailbox(local: str) -> bool:
    parts = [p for p in re.split(r"[._+\-]", local.lower()) if p]
    return local.lower() in _PLACEHOLDERS or (bool(parts) and all(_role_part(p) for p in parts))


_BRACKET_AT_GATE = Gate.of(patterns=[r"[\[({<] {0,2}at {0,2}[\])}>]"])


def _emails(text: str) -> Iterator[Found]:
    if "@" in text:
        for m in _EMAIL.finditer(text):
            score = 0.3 if _role_mailbox(m.group(1)) else 1.0
            yield "EMAIL_ADDRESS", m.start(), m.end(), score
    if _BRACKET_AT_GATE.open(text):
        for m in _EMAIL_OBFUSCATED.finditer(text):
            yield "EMAIL_ADDRESS", m.start(), m.end(), 0.8
    haystack = folded(text)
    if " at " in haystack and " dot " in haystack:
        for m in _EMAIL_SPOKEN.finditer(text):
            if not _role_mailbox(m.group(1)):
                yield "EMAIL_ADDRESS", m.start(), m.end(), 0.8
    if "%40" in text:
        for m in _EMAIL_ENCODED.finditer(text):
            score = 0.3 if _role_mailbox(m.group(1)) else 0.9
            yield "EMAIL_ADDRESS", m.start(), m.end(), score


# ------------------------------------------------------------------------------------ credit card
# Patterns start with a character class and check what precedes it after the first character: ``re`` can skip
# ahead to a class, not to a look-behind (several times faster on long prompts).
_DIGIT_RUN = re.compile(r"\d(?<!\w\d)(?:[ .\-]?\d){11,40}(?!\w|\.\d)")
_CARD_CONTEXT = re.compile(
    r"card|credit|debit|\bcc\b|visa|master ?card|amex|american express|discover|maestro|jcb|diners|"
    r"payment|\bpan\b|billing"
)


def _known_issuer(d: str) -> bool:
    """Whether the number's prefix and length belong to a card network (ISO/IEC 7812 issuer ranges)."""
    n = len(d)
    two, three, four = int(d[:2]), int(d[:3]), int(d[:4])
    if d[0] == "4":
        return n in (13, 16, 19)
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16
    if two in (34, 37):
        return n == 15
    if 300 <= three <= 305 or three == 309 or two in (36, 38, 39):
        return 14 <= n <= 19
    if two == 35 or two == 62 or two == 81 or 2200 <= four <= 2204:
        return 16 <= n <= 19
    if four == 6011 or 644 <= three <= 649 or two == 65:
        return 16 <= n <= 19
    if two == 50 or 56 <= two <= 69:
        return 12 <= n <= 19
    return four in (1800, 2131) and n == 15


def _card_at(text: str, groups: list[tuple[int, int]], i: int) -> tuple[int, str] | None:
    """The longest Luhn-valid card number of 12 to 19 digits made of ``groups[i]`` and the groups after
    it, as (its last group, its digits). The Luhn sum is kept per digit parity as the number grows, so
    each longer candidate costs O(1) (a text of spaced-out digits holds thousands of candidates)."""
    best: tuple[int, str] | None = None
    # digit sums by position parity from the left, as they are and doubled
    plain, doubled = [0, 0], [0, 0]
    count = 0
    spaced = grouped = True
    digits = ""
    for j in range(i, len(groups)):
        a, b = groups[j]
        if count + b - a > 19:
            break
        spaced = spaced and b - a == 1  # "4 5 3 2 ...": spelled out to dodge matching
        # grouped card numbers come in groups of 3 to 6 digits (8: two glued by a hidden char)
        grouped = grouped and 3 <= b - a <= 8
        if j > i and not spaced and not grouped:
            break
        for ch in text[a:b]:
            d = ord(ch) - 48
            plain[count % 2] += d
            doubled[count % 2] += d * 2 - 9 if d * 2 > 9 else d * 2
            count += 1
        digits += text[a:b]
        # from the right, the last digit stays as is and every second one before it is doubled
        if count >= 12 and (plain[(count - 1) % 2] + doubled[count % 2]) % 10 == 0:
            best = (j, digits)
    return best


def _cards(text: str) -> Iterator[Found]:
    for m in _DIGIT_RUN.finditer(text):
        groups = [
            (g.start() + m.start(), g.end() + m.start()) for g in re.finditer(r"\d+", m.group())
        ]
        i = 0
        while i < len(groups):
            best = _card_at(text, groups, i)
            if best is None:
                i += 1
                continue
            j, digits = best
            start, end = groups[i][0], groups[j][1]
            if j > i and any(
                0 <= k < len(groups) and 3 <= groups[k][1] - groups[k][0] <= 6
                for k in (i - 1, j + 1)
            ):
                i += 1  # a fragment of a longer grouped number is not a card
                continue
            if digits.strip("0") == "" or len(set(digits)) == 1:
                score = 0.0
            elif _near(text, start, end, _CARD_CONTEXT):
                score = 1.0
            elif len(digits) >= 13 and _known_issuer(digits):
                score = 0.9
            else:
                score = 0.4
            if score:
                yield "CREDIT_CARD", start, end, score
            i = j + 1


# -------------------------------------------------------------------------------------------- IBAN
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
    "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
_IBAN = re.compile(r"([A-Z](?<![A-Za-z0-9][A-Z])[A-Z]\d{2}(?:[ ]?[A-Z0-9]){10,30})")


def _iban_checksum_ok(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _ibans(text: str) -> Iterator[Found]:
    for m in _IBAN.finditer(text):
        raw = m.group(1)
        length = _IBAN_LENGTHS.get(raw[:2])
        if length is None:
            continue
        count, cut = 0, 0
        for k, ch in enumerate(raw):
            if ch != " ":
                count += 1
            if count == length:
                cut = k + 1
                break
        if not cut:
            continue
        after = m.start() + cut
        if after < len(text) and text[after].isalnum():
            continue  # the IBAN would end in the middle of a word or group
        compact = raw[:cut].replace(" ", "")
        if _iban_checksum_ok(compact):
            yield "IBAN_CODE", m.start(), after, 1.0


# ------------------------------------------------------------------------------------ IP addresses
_IPV4 = re.compile(r"(\d(?<![\w.]\d)\d{0,2}(?:\.\d{1,3}){3})(?!\w|\.\d)(/\d{1,2}(?!\d))?")
_IPV6 = re.compile(
    r"(?<![\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4})(?![\w:])(/\d{1,3}(?!\d))?"
)
_VERSION_BEFORE = re.compile(r"(?:version|ver\.?|release|build|v)\s{0,2}$", re.IGNORECASE)


def _ips(text: str) -> Iterator[Found]:
    for m in _IPV4.finditer(text):
        try:
            address = ipaddress.IPv4Address(m.group(1))
        except ValueError:
            continue
        if _VERSION_BEFORE.search(text[max(0, m.start() - 10) : m.start()]):
            continue
        low = m.group(2) is not None or not address.is_global
        yield "IP_ADDRESS", m.start(), m.end(1), 0.3 if low else 0.95
    if "::" not in text and text.count(":") < 4:
        return
    for m in _IPV6.finditer(text):
        candidate = m.group(1)
        if candidate.count(":") < 2 or len(candidate) < 3:
            continue
        try:
            address6 = ipaddress.IPv6Address(candidate)
        except ValueError:
            continue
        low = m.group(2) is not None or address6.is_private or not address6.is_global
        yield "IP_ADDRESS", m.start(), m.end(1), 0.3 if low else 0.95


# ---------------------------------------------------------------------------------------- US SSN
_SSN = re.compile(r"(\d(?<![\w\-]\d)\d{2})([\- ]?)(\d{2})\2(\d{4})(?![\w\-])")
_SSN_CONTEXT = re.compile(r"ssn|social security|social sec|ss ?#|ss no|\bitin\b|tax ?id|taxpayer")
_SSN_EXAMPLES = frozenset({"123456789", "078051120", "219099999", "457555462", "111111111"})


def _ssns(text: str) -> Iterator[Found]:
    for m in _SSN.finditer(text):
        area, sep, group, serial = m.group(1), m.group(2), m.group(3), m.group(4)
        if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
            continue
        context = _near(text, m.start(), m.end(), _SSN_CONTEXT)
        if area + group + serial in _SSN_EXAMPLES:
            score = 0.3
        elif sep == "-":
            score = 1.0 if context else 0.85
        elif sep == " ":
            score = 0.9 if context else 0.4
        else:
            score = 0.85 if context else 0.0
        if score:
            yield "US_SSN", m.start(), m.end(), score


# ------------------------------------------------------------------------------- other national ids
_NINO = re.compile(
    r"([A-CEGHJ-PR-TW-Z](?<!\w[A-Z])[A-CEGHJ-NPR-TW-Z])[ ]?(\d{2})[ ]?(\d{2})[ ]?(\d{2})[ ]?([A-D])(?!\w)"
)
_NINO_BAD_PREFIX = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NINO_CONTEXT = re.compile(r"national insurance|\bnino\b|\bni number|\bni no")
_NIF = re.compile(r"(?<![\w])(?:(\d{8})|([XYZ])[ \-]?(\d{7}))[ \-]?([A-Z])(?!\w)")
_NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_NIF_CONTEXT = re.compile(r"\bdni\b|\bnif\b|\bnie\b|documento|identidad|fiscal")


_SEVEN_DIGITS = re.compile(r"\d{7}")


def _national_ids(text: str) -> Iterator[Found]:
    for m in _NINO.finditer(text):
        if m.group(1) in _NINO_BAD_PREFIX:
            continue
        score = 0.95 if _near(text, m.start(), m.end(), _NINO_CONTEXT) else 0.8
        yield "UK_NINO", m.start(), m.end(), score
    if not _SEVEN_DIGITS.search(text):
        return  # a NIF holds seven digits in a row
    for m in _NIF.finditer(text):
        if m.group(1):
            number = int(m.group(1))
        else:
            number = int(str("XYZ".index(m.group(2))) + m.group(3))
        if _NIF_LETTERS[number % 23] != m.group(4):
            continue
        score = 0.95 if _near(text, m.start(), m.end(), _NIF_CONTEXT) else 0.8
        yield "ES_NIF", m.start(), m.end(), score


# ------------------------------------------------------------------------------------ crypto wallets
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BTC_LEGACY = re.compile(r"([13](?<!\w[13])[1-9A-HJ-NP-Za-km-z]{25,34})(?!\w)")
_BTC_BECH32 = re.compile(r"(bc1(?<!\wbc1)[02-9ac-hj-np-z]{11,71})(?!\w)")
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _base58check_ok(value: str) -> bool:
    number = 0
    for ch in value:
        number = number * 58 + _BASE58.index(ch)
    raw = number.to_bytes(25, "big") if number.bit_length() <= 200 else b""
    if len(raw) != 25 or raw[0] not in (0, 5):
        return False
    return hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4] == raw[21:]


def _bech32_ok(value: str) -> bool:
    hrp, data = "bc", [_BECH32.index(c) for c in value[3:]]
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i, g in enumerate((0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)):
            if (top >> i) & 1:
                chk ^= g
    return chk in (1, 0x2BC830A3)


def _crypto(text: str) -> Iterator[Found]:
    for m in _BTC_LEGACY.finditer(text):
        if _base58check_ok(m.group(1)):
            yield "CRYPTO", m.start(), m.end(), 1.0
    for m in _BTC_BECH32.finditer(text):
        if _bech32_ok(m.group(1)):
            yield "CRYPTO", m.start(), m.end(), 1.0


# ----------------------------------------------------------------------------------- phone numbers
_GROUP = r"(?:\(\d{1,5}\)[ .\-]{0,2}\d{1,12}|\d{1,12})"
_PHONE = re.compile(
    r"(?<![\w+/.\-])(?P<intl>\+|00)?[ ]?"
    r"(?P<main>" + _GROUP + r"(?:[ .\-/]{1,2}(?:\(0\)[ ]?)?" + _GROUP + r"){0,7})"
    r"(?P<ext>[ ]?(?:x|ext\.?|extension)[ ]?\d{1,6})?"
    r"(?![\w/]|[.\-]\d)"
)
_US_PHONE = re.compile(r"(?:1[ .\-])?(?:\([2-9]\d\d\)[ .\-]?|[2-9]\d\d[ .\-])[2-9]\d\d[ .\-]\d{4}")
_PHONE_CONTEXT = re.compile(
    r"phone|\btel\b|tel[.:]|telephone|mobil|\bcell|\bfax|\bdesk|\bcall|\bring me|\bsms\b|text me|"
    r"whatsapp|answering|landline|hotline|\bdial|\bph[.:]|\bmob[.:]|contact|reach me|registered|"
    r"extension|switchboard|on-?call|pager|bereitschaft|handy|telefon|rufnummer|portable|astreinte|"
    r"m[óo]vil|tel[ée]fono|celular|cellulare|reperibil|plant[ãa]o|kom[óo]rk|dyżur|telefoon|piket|bellen|"
    r"anrufen|appeler|llamar|chiamare|ligar|zadzwo"
)
_PHONE_AFTER = re.compile(r"^[\s\-]{0,2}[(\[]?(?:office|fax|mobile|cell|home|work|tel|phone)")
_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?")
_NATIONAL_FORMAT = re.compile(r"\(?0\d|\(\d{2,3}\)")
_DATE_LIKE = re.compile(
    r"\d{4}[\-./]\d{1,2}[\-./]\d{1,2}|\d{1,2}[\-./]\d{1,2}[\-./]\d{2,4}|\d{1,3}(?:\.\d{1,3}){3}"
)


_ACCOUNT_CUE = re.compile(r"(?:account|acct|aws|arn|owner|principal|project)[\w\s:#=\-'\"]{0,12}$")


def _cloud_account_id(text: str, start: int, end: int, main: str) -> bool:
    """An AWS account id (12 plain digits) inside an ARN or named as an account: infrastructure, not a phone."""
    if not re.fullmatch(r"\d{12}", main):
        return False
    before = text[max(0, start - 24) : start].lower()
    return (
        text[start - 1 : start] == ":"
        or text[end : end + 1] == ":"
        or bool(_ACCOUNT_CUE.search(before))
    )


def _phones(text: str) -> Iterator[Found]:
    for m in _PHONE.finditer(text):
        main = m.group("main")
        digits = re.sub(r"\D", "", main)
        intl = m.group("intl") is not None
        if not 7 <= len(digits) <= 15 or len(set(digits)) == 1:
            continue
        if (
            _DATE_LIKE.fullmatch(main)
            or re.fullmatch(r"\d+\.\d+", main)
            or _DOTTED_QUAD.fullmatch(main)
        ):
            continue  # a date, a decimal, an IP address or CIDR block ("203.0.113.0/24")
        start = m.start("intl") if intl else m.start("main")
        end = m.end()
        if not intl and _cloud_account_id(text, start, end, main):
            continue
        context = _near(text, start, end, _PHONE_CONTEXT) or bool(
            _PHONE_AFTER.search(text[end : end + 16].lower())
        )
        grouped = bool(re.search(r"[ .\-/()]", main))
        if intl and len(digits) >= 8:
            score = 0.9
        elif _US_PHONE.fullmatch(main):
            score = 0.9 if context else 0.75
        elif context:
            score = 0.75 if grouped else 0.7
        elif grouped and _NATIONAL_FORMAT.match(main) and 9 <= len(digits) <= 12:
            score = (
                0.6  # a trunk prefix or an area code in brackets: "03-4539-5385", "(11) 90370-7097"
            )
        else:
            score = 0.35 if grouped else 0.0
        if score:
            yield "PHONE_NUMBER", start, end, score


# ------------------------------------------------------------------------------------------ engine
_RECOGNIZERS: Mapping[str, Callable[[str], Iterator[Found]]] = {
    "EMAIL_ADDRESS": _emails,
    "CREDIT_CARD": _cards,
    "IBAN_CODE": _ibans,
    "IP_ADDRESS": _ips,
    "US_SSN": _ssns,
    "UK_NINO": _national_ids,
    "ES_NIF": _national_ids,
    "CRYPTO": _crypto,
    "PHONE_NUMBER": _phones,
    "DATE_OF_BIRTH": dates_of_birth,
    "STREET_ADDRESS": street_addresses,
    "NATIONAL_ID": national_ids,
    "BANK_ACCOUNT": bank_accounts,
}


_CONTACTS = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER"})
# Types a record key or table header can name (``pii_fields``).
_RECORD_TYPES = frozenset(
    {
        "PERSON",
        "PHONE_NUMBER",
        "DATE_OF_BIRTH",
        "STREET_ADDRESS",
        "NATIONAL_ID",
        "BANK_ACCOUNT",
        "MEDICAL_CONDITION",
    }
)


class PiiDetector:
    """Finds the chosen entity types; ``find`` returns sorted, non-overlapping entities at or over
    ``threshold`` (on overlap the higher score wins, then the longer span)."""

    def __init__(
        self,
        entity_types: Iterable[str] | None = None,
        *,
        threshold: float = 0.5,
        hidden_names: Iterable[str] = (),
        allowed_names: Iterable[str] = (),
        regex_patterns: Sequence[CustomPattern] = (),
    ) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be within [0, 1], got {threshold}")
        self.entity_types = resolve_entity_types(entity_types)
        self.threshold = threshold
        hidden = [str(n).strip() for n in hidden_names if str(n).strip()]
        self._hidden = (
            re.compile(
                r"(?i)(?<!\w)(?:"
                + "|".join(re.escape(n) for n in sorted(hidden, key=len, reverse=True))
                + r")(?!\w)"
            )
            if hidden
            else None
        )
        allowed = [fold(str(n).strip()) for n in allowed_names if str(n).strip()]
        self._allowed = frozenset(allowed)
        # a name allowed in full is allowed in part too ("Anna" alone after "Anna Kowalski" was allowed)
        self._allowed_words = frozenset(w for n in allowed for w in n.split())
        self.regex_patterns = tuple(regex_patterns)
        recognizers: list[Callable[[str], Iterator[Found]]] = []
        for name in ENTITY_TYPES:
            fn = _RECOGNIZERS.get(name)
            if fn is not None and name in self.entity_types and fn not in recognizers:
                recognizers.append(fn)
        self._recognizers = tuple(recognizers)
        self._records = bool(self.entity_types & _RECORD_TYPES)
        self._linked = bool(self.entity_types & {"PERSON", "MEDICAL_CONDITION"})
        self._contacts_run = _CONTACTS <= self.entity_types

    def find(self, text: str) -> list[PiiEntity]:
        if not text:
            return []
        v = view(text)
        candidates: list[PiiEntity] = []
        for entity_type, start, end, score in self._candidates(v):
            if score < self.threshold or end <= start:
                continue
            a, b = v.span(start, end)
            if self._allowed and (
                fold(text[a:b]) in self._allowed
                or (entity_type == "PERSON" and set(fold(text[a:b]).split()) <= self._allowed_words)
            ):
                continue
            candidates.append(PiiEntity(entity_type, a, b, score))
        return _resolve_overlaps(candidates)

    def _scan(self, text: str) -> list[Found]:
        """Every candidate in ``text`` of the chosen types, whatever its score (the caller applies the
        threshold): the detectors, then what links findings (a name before its phone number, a name spelled
        by an e-mail address, a condition in a sentence about a person)."""
        found: list[Found] = []
        for recognizer in self._recognizers:
            found.extend(recognizer(text))
        seeds: list[tuple[int, int]] = []
        weak_seeds: list[tuple[int, int]] = []
        if self._records:
            records, seeds, weak_seeds = record_findings(text)
            found.extend(records)
        if self._linked:
            contacts = found if self._contacts_run else [*_emails(text), *_phones(text)]
            usable = [f for f in contacts if f[0] in _CONTACTS and f[3] >= 0.5]
            people = persons(
                text,
                seeds=seeds,
                weak_seeds=weak_seeds,
                contacts=[(a, b) for _, a, b, _ in usable],
                email_locals=[
                    text[a:b].split("@", 1)[0]
                    for kind, a, b, _ in usable
                    if kind == "EMAIL_ADDRESS"
                ],
            )
            found.extend(people)
            spans = [(a, b) for _, a, b, score in people if score >= self.threshold]
            found.extend(phones_after_names(text, spans, contacts))
            if "MEDICAL_CONDITION" in self.entity_types:
                found.extend(medical_conditions(text, spans))
        return [f for f in found if f[0] in self.entity_types]

    def _candidates(self, v: TextView) -> Iterator[Found]:
        text = v.text
        yield from self._scan(text)
        # Encoded values (base64, %-encoding): the whole token goes when what it decodes to holds personal data.
        for start, end, decoded in _decoded_tokens(text):
            best: Found | None = None
            for kind, _, _, score in self._scan(decoded):
                if best is None or score > best[3]:
                    best = (kind, start, end, score)
            if best is not None:
                yield best
        for custom in self.regex_patterns:
            for m in custom.pattern.finditer(text):
                if m.end() > m.start():
                    yield custom.name, m.start(), m.end(), custom.score
        if self._hidden is not None:
            for m in self._hidden.finditer(text):
                yield "CUSTOM", m.start(), m.end(), 1.0


_BASE64_TOKEN = re.compile(
    r"[A-Za-z0-9+/_\-](?<![\w+/=\-][A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{15,4095}={0,2}(?![\w+/=\-])"
)
_PERCENT_TOKEN = re.compile(r"[^\s%]{0,256}(?:%[0-9A-Fa-f]{2}[^\s%]{0,64}){2,512}")
MAX_DECODED_TOKENS = 64


def _decoded_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, decoded)`` for base64 and %-encoded tokens that decode to readable text."""
    count = 0
    if len(text) >= 16:
        for m in _BASE64_TOKEN.finditer(text):
            raw = m.group()
            if len(raw.rstrip("=")) % 4 == 1 or raw.isalpha() or raw.isdigit():
                continue  # not base64, or a plain word / number
            try:
                data = base64.b64decode(
                    raw + "=" * (-len(raw) % 4),
                    altchars=b"-_" if "-" in raw or "_" in raw else None,
                )
                decoded = data.decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                continue
            if decoded and sum(ch.isprintable() or ch in "\n\t" for ch in decoded) >= 0.95 * len(
                decoded
            ):
                count += 1
                yield m.start(), m.end(), decoded
                if count >= MAX_DECODED_TOKENS:
                    return
    if "%" in text:
        for m in _PERCENT_TOKEN.finditer(text):
            decoded = urllib.parse.unquote(m.group(), errors="strict") if _utf8(m.group()) else ""
            if decoded and decoded != m.group():
                count += 1
                yield m.start(), m.end(), decoded
                if count >= MAX_DECODED_TOKENS:
                    return


def _utf8(encoded: str) -> bool:
    try:
        urllib.parse.unquote(encoded, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _resolve_overlaps(entities: list[PiiEntity]) -> list[PiiEntity]:
    ranked = sorted(entities, key=lambda e: (-e.score, -(e.end - e.start), e.start))
    starts: list[int] = []
    kept: list[PiiEntity] = []  # sorted by start, non-overlapping
    for e in ranked:
        k = bisect.bisect_left(starts, e.start)
        if k > 0 and kept[k - 1].end > e.start:
            continue
        if k < len(kept) and kept[k].start < e.end:
            continue
        starts.insert(k, e.start)
        kept.insert(k, e)
    return kept
