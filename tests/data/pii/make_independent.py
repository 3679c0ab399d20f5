"""Write ``independent.jsonl``: an evaluation set for the Anonymize scanner in Palisade's own domain (see
README.md in this folder).

The development set (``../shared/data/pii/dev.jsonl``) is Presidio's synthetic customer-service English. Users
of Palisade paste something else: tags and owners in Terraform, on-call rotas with phone numbers in national
formats, log lines, JSON and CSV exports, object keys, tickets in German, French, Spanish, Italian,
Portuguese, Polish, Dutch and more, national and tax ids of many countries, bank details, dates of birth, home
addresses and health information next to a person. This script writes such messages around random values of
the documented shape of each format (checksums computed where the format has one; none is a real person's),
and hard negatives made of what an infrastructure request is full of (ARNs, account ids, versions, ports,
CIDRs, dates that are not birth dates, UUIDs, commit SHAs, role mailboxes, product and place names).

Deterministic: the same ``SEED`` gives the same bytes. ``python tests/data/pii/make_independent.py``;
``--fresh`` writes ``fresh.jsonl`` instead (see ``fresh_rows``).
Each row: ``text``, ``entities`` (``{type, start, end, value}``, end exclusive, Palisade's entity names),
``family``, ``lang``.
"""

from __future__ import annotations

import base64
import json
import random
import string
import unicodedata
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

SEED = 20251127
HERE = Path(__file__).resolve().parent
OUT = HERE / "independent.jsonl"

R = random.Random(SEED)
UP = string.ascii_uppercase
DIG = string.digits
HEX = "0123456789abcdef"

Piece = str | tuple[str, str]  # literal text, or (entity type, value)
Row = dict[str, object]
ROWS: list[Row] = []


def build(pieces: list[Piece], family: str, lang: str = "en") -> None:
    text, entities = "", []
    for piece in pieces:
        if isinstance(piece, tuple):
            kind, value = piece
            entities.append(
                {"type": kind, "start": len(text), "end": len(text) + len(value), "value": value}
            )
            text += value
        else:
            text += piece
    ROWS.append({"text": text, "entities": entities, "family": family, "lang": lang})


def digits(n: int) -> str:
    return "".join(R.choice(DIG) for _ in range(n))


def pick(*options: str) -> str:
    return R.choice(options)


# ------------------------------------------------------------------------------------------------ people
# (given, family, ascii given, ascii family): many origins, not only Anglo names.
PEOPLE = [
    ("Chukwuemeka", "Okafor"), ("Ngozi", "Adeyemi"), ("Oluwaseun", "Bakare"), ("Adaeze", "Nwosu"),
    ("Kwame", "Mensah"), ("Akosua", "Boateng"), ("Wanjiru", "Kamau"), ("Abebe", "Bekele"),
    ("Selamawit", "Tesfaye"), ("Priya", "Raghunathan"), ("Arjun", "Venkataraman"), ("Sneha", "Kulkarni"),
    ("Rohit", "Chatterjee"), ("Lakshmi", "Iyer"), ("Ayesha", "Siddiqui"), ("Bilal", "Qureshi"),
    ("Xiuying", "Wang"), ("Jiahao", "Chen"), ("Haruto", "Takahashi"), ("Yui", "Nakamura"),
    ("Min-jun", "Kim"), ("Ji-woo", "Park"), ("Hương", "Nguyễn"), ("Minh", "Trần"), ("Maricel", "Dela Cruz"),
    ("Putri", "Wulandari"), ("Omar", "Al-Farsi"), ("Layla", "Haddad"), ("Youssef", "El Amrani"),
    ("Emre", "Yıldız"), ("Zeynep", "Aydın"), ("Mehmet", "Öztürk"), ("Dariush", "Farahani"), ("Noa", "Ben-David"),
    ("Katarzyna", "Wiśniewska"), ("Łukasz", "Zieliński"), ("Agnieszka", "Nowak"), ("Tereza", "Dvořáková"),
    ("Jiří", "Novotný"), ("Bence", "Kovács"), ("Zsófia", "Tóth"), ("Andreea", "Popescu"), ("Mihai", "Ionescu"),
    ("Eleni", "Papadopoulou"), ("Nikos", "Georgiou"), ("Dmitry", "Sokolov"), ("Olena", "Shevchenko"),
    ("Anastasia", "Volkova"), ("Jürgen", "Haberkorn"), ("Franziska", "Lehmann"), ("Lukas", "Brandt"),
    ("Théo", "Lefèvre"), ("Camille", "Girard"), ("Margaux", "Dubois"), ("Alejandro", "Fernández"),
    ("Lucía", "Moreno Ruiz"), ("Giulia", "Bianchi"), ("Matteo", "Colombo"), ("Francesca", "Esposito"),
    ("João", "Pereira da Silva"), ("Ana Carolina", "Souza"), ("Thiago", "Oliveira"), ("Guadalupe", "Hernández"),
    ("Ximena", "Castillo"), ("Sanne", "de Vries"), ("Bram", "van der Berg"), ("Daan", "Jansen"),
    ("Ingrid", "Halvorsen"), ("Mikko", "Virtanen"), ("Sigríður", "Jónsdóttir"), ("Oskar", "Lindqvist"),
    ("Siobhán", "Ní Bhriain"), ("Aoife", "Murphy"), ("Ewan", "MacLeod"), ("Tyrone", "Jackson"),
    ("Dakota", "Whitehorse"), ("Shirin", "Moradi"), ("Kofi", "Asante"), ("Rania", "Khalil"),
    ("Tomás", "Ó Briain"), ("Aarav", "Mehta"), ("Sakura", "Fujimoto"), ("Seo-yeon", "Lee"),
]  # fmt: skip
# People written in their own script (a chat in Russian, Chinese, Japanese, Korean, Greek).
NATIVE_NAMES = [
    "Дмитрий Соколов",
    "Ольга Кузнецова",
    "王秀英",
    "李伟",
    "山田太郎",
    "佐藤花子",
    "김민준",
    "Ελένη Παπαδοπούλου",
]

_ASCII = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i"}
)


def ascii_of(text: str) -> str:
    text = text.translate(_ASCII)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def person() -> tuple[str, str]:
    return R.choice(PEOPLE)


def full(p: tuple[str, str]) -> str:
    return f"{p[0]} {p[1]}"


DOMAINS = ["acme-corp.io", "globex.net", "initech.de", "fabrikam.fr", "contoso.com", "northwind.example",
           "example.org", "example.com", "gmail.com", "outlook.com", "web.de", "proton.me", "yahoo.co.jp",
           "umbrella-health.co.uk", "wayne-ent.com", "hooli.xyz", "tyrell.ai", "gmx.at", "libero.it", "wp.pl"]  # fmt: skip


def email_of(p: tuple[str, str], domain: str | None = None) -> str:
    given = ascii_of(p[0]).lower().replace(" ", "").replace("-", "")
    family = ascii_of(p[1]).lower().replace(" ", "").replace("-", "")
    local = R.choice([f"{given}.{family}", f"{given[0]}{family}", f"{given}_{family}", f"{given}",
                      f"{given}.{family}{R.randint(1, 99)}", f"{family}.{given}"])  # fmt: skip
    return f"{local}@{domain or R.choice(DOMAINS)}"


# ------------------------------------------------------------------------------------------------ phones
def _line(n: int) -> str:
    return digits(n)


PHONES: dict[str, list[Callable[[], str]]] = {
    "US": [
        lambda: f"({pick('415', '212', '646', '303', '617', '720')}) 555-01{_line(2)}",
        lambda: f"{pick('415', '312', '206')}-555-01{_line(2)}",
        lambda: f"{pick('415', '512', '213')}.555.01{_line(2)}",
        lambda: f"+1 {pick('415', '917', '628')} 555 01{_line(2)}",
        lambda: f"+1-{pick('604', '416', '514')}-555-01{_line(2)}",
    ],
    "UK": [
        lambda: f"07700 900{_line(3)}",
        lambda: f"+44 7700 900{_line(3)}",
        lambda: f"+44 (0)7700 900{_line(3)}",
        lambda: f"020 7946 0{_line(3)}",
    ],
    "DE": [
        lambda: f"0151 {_line(4)} {_line(4)}",
        lambda: f"+49 151 {_line(8)}",
        lambda: f"+49 (0)30 {_line(4)} {_line(4)}",
        lambda: f"030/{_line(7)}",
        lambda: f"0170-{_line(7)}",
    ],
    "FR": [
        lambda: f"06 {_line(2)} {_line(2)} {_line(2)} {_line(2)}",
        lambda: f"06.{_line(2)}.{_line(2)}.{_line(2)}.{_line(2)}",
        lambda: f"+33 6 {_line(2)} {_line(2)} {_line(2)} {_line(2)}",
        lambda: f"+33 (0)1 {_line(2)} {_line(2)} {_line(2)} {_line(2)}",
    ],
    "ES": [lambda: f"6{_line(2)} {_line(3)} {_line(3)}", lambda: f"+34 6{_line(2)} {_line(2)} {_line(2)} {_line(2)}",
           lambda: f"91 {_line(3)} {_line(2)} {_line(2)}"],
    "IT": [lambda: f"3{_line(2)} {_line(3)} {_line(4)}", lambda: f"+39 3{_line(2)} {_line(7)}", lambda: f"02 {_line(4)} {_line(4)}"],
    "NL": [lambda: f"06-{_line(8)}", lambda: f"+31 6 {_line(8)}", lambda: f"020-{_line(7)}"],
    "PL": [lambda: f"5{_line(2)} {_line(3)} {_line(3)}", lambda: f"+48 5{_line(2)}-{_line(3)}-{_line(3)}",
           lambda: f"+48 22 {_line(3)} {_line(2)} {_line(2)}"],
    "IN": [lambda: f"+91 9{_line(4)} {_line(5)}", lambda: f"09{_line(3)} {_line(5)}", lambda: f"+91-9{_line(9)}"],
    "BR": [lambda: f"(11) 9{_line(4)}-{_line(4)}", lambda: f"+55 11 9{_line(4)}-{_line(4)}", lambda: f"+55 (21) {_line(4)}-{_line(4)}"],
    "JP": [lambda: f"090-{_line(4)}-{_line(4)}", lambda: f"+81 90-{_line(4)}-{_line(4)}", lambda: f"03-{_line(4)}-{_line(4)}"],
    "AU": [lambda: f"04{_line(2)} {_line(3)} {_line(3)}", lambda: f"+61 4{_line(2)} {_line(3)} {_line(3)}", lambda: f"(02) {_line(4)} {_line(4)}"],
    "NG": [lambda: f"+234 80{_line(1)} {_line(3)} {_line(4)}", lambda: f"080{_line(1)} {_line(3)} {_line(4)}"],
    "ZA": [lambda: f"+27 82 {_line(3)} {_line(4)}", lambda: f"082 {_line(3)} {_line(4)}"],
    "CN": [lambda: f"+86 138 {_line(4)} {_line(4)}", lambda: f"138-{_line(4)}-{_line(4)}"],
    "KR": [lambda: f"010-{_line(4)}-{_line(4)}"],
    "SE": [lambda: f"070-{_line(3)} {_line(2)} {_line(2)}", lambda: f"+46 70 {_line(3)} {_line(2)} {_line(2)}"],
    "TR": [lambda: f"+90 532 {_line(3)} {_line(2)} {_line(2)}", lambda: f"0532 {_line(3)} {_line(2)} {_line(2)}"],
}  # fmt: skip


def phone(country: str | None = None) -> str:
    return R.choice(PHONES[country or R.choice(list(PHONES))])()


# ------------------------------------------------------------------------------------- ids with checksums
def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def us_ssn() -> str:
    while True:
        area = R.randint(1, 899)
        if area != 666:
            return f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"


def uk_nino() -> str:
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = R.choice(first) + R.choice(second)
        if prefix not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            break
    d = digits(6)
    return pick(
        f"{prefix}{d}{R.choice('ABCD')}", f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {R.choice('ABCD')}"
    )


def de_steuer_id() -> str:
    while True:
        distinct = R.sample(range(10), 9)
        if distinct[0] == 0:
            continue
        body = distinct[:]
        body.insert(R.randint(1, 9), R.choice(distinct))
        product = 10
        for d in body:
            s = (d + product) % 10 or 10
            product = (s * 2) % 11
        check = (11 - product) % 10
        value = "".join(map(str, body)) + str(check)
        return pick(value, f"{value[:2]} {value[2:5]} {value[5:8]} {value[8:]}")


def fr_nir() -> str:
    sex, year, month = R.choice("12"), f"{R.randint(50, 99):02d}", f"{R.randint(1, 12):02d}"
    dept, commune, order = (
        f"{R.choice([1, 6, 13, 31, 33, 59, 69, 75, 92, 93]):02d}",
        digits(3),
        digits(3),
    )
    number = int(sex + year + month + dept + commune + order)
    key = f"{97 - number % 97:02d}"
    return pick(f"{sex}{year}{month}{dept}{commune}{order}{key}",
                f"{sex} {year} {month} {dept} {commune} {order} {key}")  # fmt: skip


def es_dni() -> str:
    letters = "TRWAGMYFPDXBNJZSQVHLCKE"
    if R.random() < 0.6:
        n = R.randint(10_000_000, 79_999_999)
        return f"{n}{letters[n % 23]}" if R.random() < 0.7 else f"{n}-{letters[n % 23]}"
    prefix = R.choice("XYZ")
    n = R.randint(0, 9_999_999)
    return f"{prefix}{n:07d}{letters[int(str('XYZ'.index(prefix)) + f'{n:07d}') % 23]}"


# Values of the characters in odd positions (A/0, B/1, ...), from the Agenzia delle Entrate's description.
_CF_ODD = [
    int(v) for v in "1 0 5 7 9 13 15 17 19 21 2 4 18 20 11 3 6 8 12 14 16 10 22 25 24 23".split()
]


def it_codice_fiscale() -> str:
    consonants = "BCDFGHLMNPRSTVZ"
    body = (
        "".join(R.choice(consonants) for _ in range(6))
        + f"{R.randint(50, 99)}"
        + R.choice("ABCDEHLMPRST")
        + f"{R.choice([R.randint(1, 28), R.randint(41, 68)]):02d}"
        + R.choice("ADFGHLMZ")
        + digits(3)
    )
    total = 0
    for i, ch in enumerate(body):
        value = int(ch) if ch.isdigit() else ord(ch) - 65
        total += value if i % 2 else _CF_ODD[value]
    return body + chr(65 + total % 26)


def nl_bsn() -> str:
    while True:
        body = [R.randint(1, 9)] + [R.randint(0, 9) for _ in range(7)]
        last = sum(d * (9 - i) for i, d in enumerate(body)) % 11
        if last < 10:
            return "".join(map(str, body)) + str(last)


def pl_pesel() -> str:
    year = R.randint(1950, 2005)
    month = R.randint(1, 12) + (20 if year >= 2000 else 0)
    body = f"{year % 100:02d}{month:02d}{R.randint(1, 28):02d}{digits(4)}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 10) % 10
    return body + str(check)


_VD = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]  # fmt: skip
_VP = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]  # fmt: skip
_VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def in_aadhaar() -> str:
    body = str(R.randint(2, 9)) + digits(10)
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    value = body + str(_VINV[c])
    return pick(
        f"{value[:4]} {value[4:8]} {value[8:]}", value, f"{value[:4]}-{value[4:8]}-{value[8:]}"
    )


def in_pan() -> str:
    return "".join(R.choice(UP) for _ in range(3)) + "P" + R.choice(UP) + digits(4) + R.choice(UP)


def br_cpf() -> str:
    while True:
        d = [R.randint(0, 9) for _ in range(9)]
        if len(set(d)) > 1:
            break
    for size in (9, 10):
        total = sum(x * (size + 1 - i) for i, x in enumerate(d[:size]))
        d.append(total * 10 % 11 % 10)
    s = "".join(map(str, d))
    return pick(f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}", s)


def ca_sin() -> str:
    body = str(R.choice([1, 2, 3, 4, 5, 6, 7, 9])) + digits(7)
    s = body + luhn_digit(body)
    return pick(f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}-{s[3:6]}-{s[6:]}", s)


def au_tfn() -> str:
    weights = (1, 4, 3, 7, 5, 8, 6, 9)
    while True:
        body = digits(8)
        last = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
        if last < 10:
            s = body + str(last)
            return pick(f"{s[:3]} {s[3:6]} {s[6:]}", s)


def se_personnummer() -> str:
    body = f"{R.randint(50, 99)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}{digits(3)}"
    return f"{body[:6]}-{body[6:]}{luhn_digit(body)}"


def ch_ahv() -> str:
    body = "756" + digits(9)
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
    s = body + str(check)
    return f"{s[:3]}.{s[3:7]}.{s[7:11]}.{s[11:]}"


def fi_hetu() -> str:
    day, month, year = R.randint(1, 28), R.randint(1, 12), R.randint(50, 99)
    serial = R.randint(2, 899)
    number = int(f"{day:02d}{month:02d}{year:02d}{serial:03d}")
    return f"{day:02d}{month:02d}{year:02d}-{serial:03d}{'0123456789ABCDEFHJKLMNPRSTUVWXY'[number % 31]}"


def uk_nhs() -> str:
    while True:
        body = digits(9)
        check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(body)) % 11
        if check == 11:
            check = 0
        if check != 10:
            s = body + str(check)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


# --------------------------------------------------------------------------------------- money and cards
def card() -> str:
    kind = R.choice(["visa", "mc", "amex", "discover", "jcb"])
    prefix, length = {"visa": ("4", 16), "mc": (str(R.randint(51, 55)), 16), "amex": (pick("34", "37"), 15),
                      "discover": ("6011", 16), "jcb": ("35" + str(R.randint(28, 89)), 16)}[kind]  # fmt: skip
    body = prefix + digits(length - len(prefix) - 1)
    s = body + luhn_digit(body)
    if length == 15:
        return pick(f"{s[:4]} {s[4:10]} {s[10:]}", s)
    return pick(
        " ".join(s[i : i + 4] for i in range(0, 16, 4)),
        "-".join(s[i : i + 4] for i in range(0, 16, 4)),
        s,
    )


IBAN_BBAN = {"DE": "18n", "FR": "23n", "ES": "20n", "IT": "1a22n", "NL": "4a10n", "PL": "24n", "BE": "12n",
             "CH": "17n", "AT": "16n", "GB": "4a14n", "IE": "4a14n", "PT": "21n", "SE": "20n", "NO": "11n",
             "DK": "14n", "FI": "14n"}  # fmt: skip


def iban(country: str | None = None) -> str:
    cc = country or R.choice(list(IBAN_BBAN))
    spec = IBAN_BBAN[cc]
    bban = ""
    if "a" in spec:
        letters, rest = spec.split("a")
        bban = "".join(R.choice(UP) for _ in range(int(letters))) + digits(int(rest[:-1]))
    else:
        bban = digits(int(spec[:-1]))
    numeric = "".join(str(int(c, 36)) for c in bban + cc + "00")
    value = f"{cc}{98 - int(numeric) % 97:02d}{bban}"
    return pick(value, " ".join(value[i : i + 4] for i in range(0, len(value), 4)))


def dob(lang: str = "en") -> str:
    y, m, d = R.randint(1950, 2004), R.randint(1, 12), R.randint(1, 28)
    months = {
        "en": "January February March April May June July August September October November December",
        "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    }
    name = months.get(lang, months["en"]).split()[m - 1]
    if lang == "de":
        return pick(f"{d:02d}.{m:02d}.{y}", f"{d}. {name} {y}")
    if lang in ("fr", "es", "it"):
        sep = " de " if lang == "es" else " "
        return pick(f"{d:02d}/{m:02d}/{y}", f"{d}{sep}{name}{sep}{y}")
    return pick(
        f"{y}-{m:02d}-{d:02d}",
        f"{m:02d}/{d:02d}/{y}",
        f"{d} {name} {y}",
        f"{name} {d}, {y}",
        f"{d:02d}/{m:02d}/{y}",
    )


# ---------------------------------------------------------------------------------------------- addresses
ADDRESSES: dict[str, list[Callable[[], str]]] = {
    "US": [
        lambda: f"{R.randint(10, 9999)} {pick('Juniper Ridge', 'Maple', 'Cedar Hollow', 'Elm')} {pick('Dr', 'Street', 'Ave', 'Lane')}, "
        f"{pick('Boulder, CO', 'Austin, TX', 'Portland, OR', 'Columbus, OH')} {digits(5)}",
        lambda: f"{R.randint(10, 999)} {pick('W', 'E', 'N')} {R.randint(1, 99)}th St, Apt {R.randint(1, 40)}{R.choice('ABCD')}, New York, NY 100{digits(2)}",
    ],
    "UK": [
        lambda: f"Flat {R.randint(1, 12)}, {R.randint(1, 99)} {pick('Mulberry Gardens', 'Larkspur Close', 'Hawthorn Road', 'Kingsway Crescent')}, "
        f"{pick('Bristol BS6 5QE', 'Leeds LS6 2QT', 'Manchester M14 6HP', 'London SE15 4RT')}",
        lambda: f"{R.randint(1, 199)} {pick('Priory Lane', 'Station Road', 'Albert Terrace')}, {pick('York YO10 3DD', 'Cardiff CF24 4HQ')}",
    ],
    "DE": [
        lambda: f"{pick('Lindenstraße', 'Bergmannstr.', 'Birkenweg', 'Schillerplatz', 'Kastanienallee')} {R.randint(1, 120)}{pick('', 'a', 'b')}, "
        f"{pick('10969 Berlin', '80331 München', '50667 Köln', '20095 Hamburg')}",
        lambda: f"Am {pick('Mühlbach', 'Sonnenhang', 'Kirchberg')} {R.randint(1, 40)}, {pick('72070 Tübingen', '97070 Würzburg')}",
    ],
    "FR": [
        lambda: f"{R.randint(1, 140)} {pick('rue des Lilas', 'rue de la République', 'avenue Jean Jaurès', 'boulevard Voltaire')}, "
        f"{pick('75011 Paris', '69007 Lyon', '13001 Marseille', '31000 Toulouse')}",
        lambda: f"{R.randint(1, 40)} bis {pick('chemin des Vignes', 'allée des Tilleuls')}, {pick('33000 Bordeaux', '44000 Nantes')}",
    ],
    "ES": [
        lambda: f"{pick('Calle de Alcalá', 'Calle Mayor', 'Avda. de la Constitución', 'Paseo de Gracia')} {R.randint(1, 200)}, "
        f"{R.randint(1, 8)}º {R.choice('ABCD')}, {pick('28014 Madrid', '41001 Sevilla', '08007 Barcelona')}",
        lambda: f"C/ {pick('San Vicente', 'Colón', 'Larios')} {R.randint(1, 90)}, {pick('46002 Valencia', '29015 Málaga')}",
    ],
    "IT": [
        lambda: f"{pick('Via Giuseppe Garibaldi', 'Via Roma', 'Piazza Navona', 'Corso Vittorio Emanuele II', 'Viale Monza')} {R.randint(1, 250)}, "
        f"{pick('20121 Milano', '00186 Roma', '10123 Torino', '80132 Napoli')}",
    ],
    "NL": [
        lambda: f"{pick('Prinsengracht', 'Kerkstraat', 'Dorpslaan', 'Oudegracht')} {R.randint(1, 400)}, {digits(4)} {R.choice(UP)}{R.choice(UP)} "
        f"{pick('Amsterdam', 'Utrecht', 'Rotterdam')}",
    ],
    "PL": [
        lambda: f"ul. {pick('Marszałkowska', 'Długa', 'Piotrkowska', 'Floriańska')} {R.randint(1, 150)}/{R.randint(1, 60)}, "
        f"{digits(2)}-{digits(3)} {pick('Warszawa', 'Kraków', 'Łódź', 'Gdańsk')}",
    ],
    "BR": [
        lambda: f"Rua {pick('das Flores', 'Augusta', 'Oscar Freire', 'Voluntários da Pátria')}, {R.randint(10, 2000)}, apto {R.randint(11, 180)}, "
        f"{pick('São Paulo - SP', 'Rio de Janeiro - RJ', 'Belo Horizonte - MG')}, {digits(5)}-{digits(3)}",
    ],
    "PT": [lambda: f"Rua {pick('Augusta', 'do Carmo', 'de Santa Catarina')} {R.randint(1, 120)}, {digits(4)}-{digits(3)} {pick('Lisboa', 'Porto')}"],
    "IN": [
        lambda: f"Flat {R.randint(101, 1204)}, {pick('Prestige Towers', 'Sobha Lake View', 'Green Glen Layout')}, "
        f"{pick('100 Feet Road, Indiranagar', '14th Main Road, HSR Layout', 'Baner Road')}, {pick('Bengaluru 560038', 'Bengaluru 560102', 'Pune 411045')}",
    ],
    "CA": [lambda: f"{R.randint(10, 999)} {pick('Queen St W', 'Rue Sainte-Catherine', 'Bloor St E')}, {pick('Toronto, ON M5H 2N2', 'Montréal, QC H3B 1A7')}"],
    "AU": [lambda: f"Unit {R.randint(1, 30)}, {R.randint(1, 99)} {pick('Wattle Street', 'Bourke Road', 'Banksia Avenue')}, {pick('Fitzroy VIC 3065', 'Newtown NSW 2042')}"],
    "SE": [lambda: f"{pick('Storgatan', 'Kungsvägen', 'Drottninggatan')} {R.randint(1, 80)}, {digits(3)} {digits(2)} {pick('Stockholm', 'Göteborg', 'Uppsala')}"],
    "JP": [lambda: f"〒160-0023 東京都新宿区西新宿{R.randint(1, 8)}-{R.randint(1, 20)}-{R.randint(1, 30)}"],
    "IE": [lambda: f"{R.randint(1, 90)} {pick('Ashfield Park', 'Seafield Road', 'Rathgar Avenue')}, {pick('Terenure, Dublin 6W', 'Clontarf, Dublin 3')}"],
}  # fmt: skip


def address(country: str | None = None) -> str:
    return R.choice(ADDRESSES[country or R.choice(list(ADDRESSES))])()


HEALTH = {
    "en": ["type 1 diabetes", "breast cancer", "epilepsy", "a heart condition", "depression", "HIV", "long COVID",
           "a hip injury", "leukaemia", "multiple sclerosis", "pregnancy complications", "kidney failure",
           "ADHD", "a panic disorder", "a broken pelvis", "burnout"],
    "de": ["Diabetes", "Krebs", "eine Depression", "einen Bandscheibenvorfall", "Long Covid"],
    "fr": ["une chimiothérapie", "une dialyse", "un traitement contre le cancer"],
    "es": ["quimioterapia", "cáncer", "depresión", "diabetes"],
    "it": ["chemioterapia", "dialisi", "una terapia per la depressione"],
    "pl": ["chemioterapię", "leczenie depresji", "rehabilitację po zawale"],
    "pt": ["diabetes", "depressão", "câncer"],
    "nl": ["diabetes", "een burn-out", "kanker"],
}  # fmt: skip


def health(lang: str = "en") -> str:
    return R.choice(HEALTH[lang])


# ------------------------------------------------------------------------------------------- infra values
def account_id() -> str:
    return str(R.randint(100_000_000_000, 999_999_999_999))


def sha() -> str:
    return "".join(R.choice(HEX) for _ in range(40))


def uid() -> str:
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def bucket() -> str:
    return f"{pick('acme', 'globex', 'initech', 'hooli')}-{pick('prod', 'staging', 'dev')}-{pick('logs', 'exports', 'artifacts', 'backups', 'uploads')}"


def region() -> str:
    return pick(
        "eu-west-1",
        "eu-central-1",
        "us-east-1",
        "ap-southeast-2",
        "sa-east-1",
        "westeurope",
        "europe-west3",
    )


# ===================================================================================== positive templates
def tags_rows() -> None:
    """Terraform / Kubernetes / cloud tags with an owner's name, e-mail and on-call phone."""
    for _ in range(14):
        p = person()
        country = R.choice(list(PHONES))
        style = R.randrange(5)
        if style == 0:
            build([f'Tag the {pick("bucket", "RDS instance", "VPC", "AKS cluster")} with owner = ', ("EMAIL_ADDRESS", email_of(p)),
                   " and oncall = ", ("PHONE_NUMBER", phone(country)), "."], "tags:prose")  # fmt: skip
        elif style == 1:
            build(['resource "aws_s3_bucket" "data" {\n  bucket = "', bucket(), '"\n  tags = {\n    Owner      = "', ("PERSON", full(p)),
                   '"\n    OwnerEmail = "', ("EMAIL_ADDRESS", email_of(p)), '"\n    OnCall     = "', ("PHONE_NUMBER", phone(country)),
                   '"\n    CostCenter = "CC-', digits(4), '"\n  }\n}\nCan you add lifecycle rules to this?'], "tags:terraform")  # fmt: skip
        elif style == 2:
            build(["metadata:\n  name: ", pick("payments-api", "ledger-worker", "search"), "\n  labels:\n    team: ", pick("payments", "core", "data"),
                   "\n  annotations:\n    owner: \"", ("PERSON", full(p)), "\"\n    contact: \"", ("EMAIL_ADDRESS", email_of(p)),
                   "\"\n    pager: \"", ("PHONE_NUMBER", phone(country)), "\"\nmake this a Helm chart please"], "tags:k8s")  # fmt: skip
        elif style == 3:
            build([f"az group update -n rg-{pick('sales', 'hr', 'crm')}-prod --tags owner='", ("PERSON", full(p)), "' email=",
                   ("EMAIL_ADDRESS", email_of(p)), " env=prod\nwhat's the Bicep equivalent?"], "tags:cli")  # fmt: skip
        else:
            build(["Please label the GKE node pool: owner=", ("EMAIL_ADDRESS", email_of(p)), ", on-call ", ("PERSON", full(p)),
                   " (", ("PHONE_NUMBER", phone(country)), ")."], "tags:prose")  # fmt: skip


def oncall_rows() -> None:
    """On-call rotas, escalation lists and contacts, phones in national formats."""
    for country in PHONES:
        p, q = person(), person()
        style = R.randrange(4)
        if style == 0:
            build(["Escalation policy for the ", pick("payments", "checkout", "identity"), " service: primary ", ("PERSON", full(p)), " ",
                   ("PHONE_NUMBER", phone(country)), ", secondary ", ("PERSON", full(q)), " ", ("PHONE_NUMBER", phone(country)),
                   ". Can you write it as a PagerDuty Terraform resource?"], "oncall:rota")  # fmt: skip
        elif style == 1:
            build(["If the migration breaks tonight, call ", ("PERSON", p[0]), " on ", ("PHONE_NUMBER", phone(country)),
                   " — add that to the runbook section of the PR description."], "oncall:prose")  # fmt: skip
        elif style == 2:
            build(["on-call this week: ", ("PERSON", full(p)), ", mobile ", ("PHONE_NUMBER", phone(country)),
                   "\nbackup: ", ("PERSON", full(q)), ", ", ("PHONE_NUMBER", phone(country)), "\nSet up an SNS topic that texts both."], "oncall:rota")  # fmt: skip
        else:
            build(["| week | engineer | phone |\n|---|---|---|\n| 14 | ", ("PERSON", full(p)), " | ", ("PHONE_NUMBER", phone(country)),
                   " |\n| 15 | ", ("PERSON", full(q)), " | ", ("PHONE_NUMBER", phone(country)),
                   " |\nturn this table into an Opsgenie schedule"], "oncall:table")  # fmt: skip


def email_rows() -> None:
    """Plain and obfuscated e-mail addresses, and the name that an address spells out."""
    for _ in range(8):
        p = person()
        a, f = (
            ascii_of(p[0]).lower().replace(" ", ""),
            ascii_of(p[1]).lower().replace(" ", "").replace("-", ""),
        )
        dom = R.choice(DOMAINS)
        host, tld = dom.rsplit(".", 1)
        style = R.randrange(6)
        if style == 0:
            value = f"{a} dot {f} at {host.replace('.', ' dot ')} dot {tld}"
            build(["Grant read access on the bucket to ", ("EMAIL_ADDRESS", value), " (spelled out so the bots don't scrape it)."], "email:spoken")  # fmt: skip
        elif style == 1:
            value = f"{a}.{f}[at]{dom.replace('.', '[dot]')}"
            build(
                ["new IAM user for ", ("EMAIL_ADDRESS", value), ", console access only"],
                "email:bracketed",
            )
        elif style == 2:
            value = f"{a}.{f} (at) {host} (dot) {tld}"
            build(["cc ", ("EMAIL_ADDRESS", value), " on the alert policy"], "email:bracketed")
        elif style == 3:
            value = f"{a}.{f} at {dom}"
            build(
                [
                    "the SSO invite bounced for ",
                    ("EMAIL_ADDRESS", value),
                    ", can you check the SCIM mapping?",
                ],
                "email:at-word",
            )
        elif style == 4:
            build(["Add ", ("EMAIL_ADDRESS", f"{a}.{f}@{dom}"), " to the break-glass group. ", ("PERSON", f"{p[0].split()[0]} {p[1]}"),
                   " approved it in the ticket."], "email:name-from-address")  # fmt: skip
        else:
            build(["Budget alerts should go to ", ("EMAIL_ADDRESS", f"{a}.{f}@{dom}"), " and to ", ("EMAIL_ADDRESS", email_of(person())),
                   ", not to the whole channel."], "email:plain")  # fmt: skip
    for lang, text in (("de", "Bitte ändere den Empfänger der Kostenwarnung auf "), ("fr", "Merci d'ajouter "),
                       ("es", "Añade a "), ("it", "Aggiungi "), ("pl", "Dodaj "), ("pt", "Adicione ")):  # fmt: skip
        tail = {"de": ".", "fr": " comme propriétaire du projet GCP.", "es": " como propietario del grupo de recursos.",
                "it": " come proprietario del bucket.", "pl": " jako właściciela subskrypcji.", "pt": " como dono da conta AWS."}[lang]  # fmt: skip
        build([text, ("EMAIL_ADDRESS", email_of(person())), tail], "email:plain", lang)


def name_cue_rows() -> None:
    """Names next to cues: owner, contact, assignee, reported by, Name:, signatures, git authors, in many languages."""
    cues = [
        ("en", "Owner: ", "\nService: billing-api\nTier: 1\nCreate the Datadog monitors for it."),
        ("en", "Requested by ", " for the Q3 audit — please open the PR against infra-live."),
        ("en", "assignee: ", "\npriority: P2\nsummary: rotate the TLS cert on the ingress"),
        ("en", "Reported by: ", "\nThe VPN gateway drops connections every hour."),
        ("en", "Name: ", "\nTeam: Data Platform\nAccess needed: read-only on the prod Redshift cluster"),
        ("en", "Approved-by: ", "\nChange: open 443 from the partner range on the WAF"),
        ("en", "Please give ", " admin on the staging subscription until Friday."),
        ("en", "Can you add ", " as a reviewer on the Terraform PR?"),
        ("en", "The cluster was set up by ", " before she left, nobody knows the node pool settings."),
        ("de", "Ansprechpartner: ", "\nBitte richte für das Team einen Key Vault in westeurope ein."),
        ("de", "Verantwortlich: ", "\nDas Backup der Datenbank soll 35 Tage aufbewahrt werden."),
        ("fr", "Responsable : ", "\nMerci de créer un bucket chiffré pour les exports."),
        ("fr", "Contact : ", " — elle valide les changements réseau."),
        ("es", "Responsable: ", "\nNecesitamos un clúster EKS en eu-west-1."),
        ("es", "Contacto: ", ", ella aprueba los cambios de IAM."),
        ("it", "Referente: ", "\nServe un bucket privato con versioning."),
        ("pt", "Responsável: ", "\nPrecisamos de uma VPC nova em sa-east-1."),
        ("pl", "Właściciel: ", "\nProszę o nowy klaster AKS w westeurope."),
        ("nl", "Eigenaar: ", "\nGraag een storage account met private endpoint."),
    ]  # fmt: skip
    for lang, before, after in cues:
        for _ in range(2 if lang == "en" else 1):
            build([before, ("PERSON", full(person())), after], "name:cue", lang)
    for _ in range(5):
        p = person()
        build([pick("Thanks for the help with the module!", "Let me know if the plan looks right.", "Appreciate a quick review."),
               "\n\n", pick("Best regards,", "Cheers,", "Kind regards,", "Thanks,", "--"), "\n", ("PERSON", full(p)), "\n",
               pick("Senior SRE", "Platform Engineer", "Cloud Architect"), " | ", ("PHONE_NUMBER", phone()), ""], "name:signature")  # fmt: skip
    for _ in range(4):
        p = person()
        e = email_of(p)
        build(["commit ", sha(), "\nAuthor: ", ("PERSON", full(p)), " <", ("EMAIL_ADDRESS", e), ">\nDate:   Tue Mar 4 10:12:09 2025 +0100\n\n    ",
               pick("fix: tighten bucket policy", "feat: add NAT gateway", "chore: bump provider"), "\n\nwhy does Checkov flag this commit?"], "name:git")  # fmt: skip
    for name in NATIVE_NAMES:
        lang = "ru" if name[0] in "ДО" else "el" if name[0] == "Ε" else "cjk"
        build([pick("Owner: ", "Name: ", "Contact: "), ("PERSON", name), "\n", pick("Create a private bucket for the team.", "Needs access to the prod namespace.")],
              "name:native-script", lang)  # fmt: skip
    for _ in range(6):
        p = person()
        build([("PERSON", full(p)), pick(" from the data team needs", " asked for", " wants"), " read access to the ",
               pick("analytics", "billing", "events"), " dataset in BigQuery. Can you write the IAM binding?"], "name:bare")  # fmt: skip


def id_rows() -> None:
    """National and tax ids with their usual cue, in the language where the id is used, and in records."""
    ids: list[tuple[str, str, Callable[[], str], str, str]] = [
        ("UK_NINO", "en", uk_nino, "National Insurance number ", " for the payroll export test fixture — please mask it in the sample data."),
        ("NATIONAL_ID", "de", de_steuer_id, "Steuer-ID: ", "\nBitte lege die Lohnabrechnungen in einem privaten Bucket ab."),
        ("NATIONAL_ID", "de", de_steuer_id, "Steueridentifikationsnummer ", " steht im Dateinamen, ist das ein Problem?"),
        ("NATIONAL_ID", "fr", fr_nir, "numéro de sécurité sociale : ", "\nLe fichier part dans le bucket des RH."),
        ("NATIONAL_ID", "fr", fr_nir, "NIR ", " dans les logs de l'API, il faut les masquer."),
        ("ES_NIF", "es", es_dni, "DNI ", " aparece en el CSV que subimos a S3."),
        ("ES_NIF", "es", es_dni, "NIE: ", "\nNecesito una política de retención para estos datos."),
        ("NATIONAL_ID", "it", it_codice_fiscale, "codice fiscale ", " nei log del gateway, come li togliamo?"),
        ("NATIONAL_ID", "nl", nl_bsn, "BSN: ", "\nMag dit in de tags van de storage account?"),
        ("NATIONAL_ID", "pl", pl_pesel, "PESEL ", " pojawia się w logach aplikacji."),
        ("NATIONAL_ID", "en", in_aadhaar, "Aadhaar ", " is in the KYC upload bucket key names."),
        ("NATIONAL_ID", "en", in_pan, "PAN ", " shows up in the invoice PDFs we store."),
        ("NATIONAL_ID", "pt", br_cpf, "CPF ", " aparece no payload do webhook."),
        ("NATIONAL_ID", "en", ca_sin, "SIN ", " was pasted into the Jira ticket by the customer."),
        ("NATIONAL_ID", "en", au_tfn, "TFN ", " is stored in the HR table, do we need column encryption?"),
        ("NATIONAL_ID", "en", se_personnummer, "personnummer ", " in the access log query string."),
        ("NATIONAL_ID", "de", ch_ahv, "AHV-Nr. ", " steht in den exportierten Dateien."),
        ("NATIONAL_ID", "en", fi_hetu, "henkilötunnus ", " is in the test data, please replace it."),
        ("NATIONAL_ID", "en", uk_nhs, "NHS number ", " appears in the patient-portal logs."),
        ("US_SSN", "en", us_ssn, "SSN ", " is in the error log of the onboarding lambda."),
    ]  # fmt: skip
    for kind, lang, make, before, after in ids:
        build([before, (kind, make()), after], f"id:{make.__name__}", lang)
    # the same ids in records, with keys instead of words
    keyed: list[tuple[str, str, Callable[[], str]]] = [
        ("US_SSN", "ssn", us_ssn), ("UK_NINO", "ni_number", uk_nino), ("NATIONAL_ID", "tax_id", de_steuer_id),
        ("NATIONAL_ID", "nationalId", fr_nir), ("ES_NIF", "dni", es_dni), ("NATIONAL_ID", "codiceFiscale", it_codice_fiscale),
        ("NATIONAL_ID", "bsn", nl_bsn), ("NATIONAL_ID", "pesel", pl_pesel), ("NATIONAL_ID", "aadhaar_no", in_aadhaar),
        ("NATIONAL_ID", "pan", in_pan), ("NATIONAL_ID", "cpf", br_cpf), ("NATIONAL_ID", "sin", ca_sin), ("NATIONAL_ID", "tfn", au_tfn),
    ]  # fmt: skip
    for kind, key, make in keyed:
        p = person()
        build(['{"event":"kyc.verified","customer":{"name":"', ("PERSON", full(p)), '","', key, '":"', (kind, make()),
               '"},"ts":"2025-03-04T10:12:09Z"}\nwhy does this webhook payload get rejected by the Lambda?'], f"id:json:{make.__name__}")  # fmt: skip
    # unlabelled checksummed ids in running text (no cue word)
    for make, kind in ((fr_nir, "NATIONAL_ID"), (it_codice_fiscale, "NATIONAL_ID"), (br_cpf, "NATIONAL_ID"), (es_dni, "ES_NIF"),
                       (uk_nino, "UK_NINO"), (ch_ahv, "NATIONAL_ID"), (fi_hetu, "NATIONAL_ID"), (se_personnummer, "NATIONAL_ID")):  # fmt: skip
        build(["the failing record is ", (kind, make()), ", ", ("PERSON", full(person())), " — can you add a DLQ for these?"], f"id:bare:{make.__name__}")  # fmt: skip


def money_rows() -> None:
    """Card numbers, IBANs and account numbers in logs, configs and prose."""
    for _ in range(6):
        build([f"{pick('2025-03-04T10:12:09Z', '2025-02-28 23:59:01,442')} ERROR payment-svc charge failed card=", ("CREDIT_CARD", card()),
               f" amount=49.90 currency=EUR req={uid()}\nshould we log less here?"], "card:log")  # fmt: skip
    for _ in range(3):
        build(
            [
                "My corporate card ",
                ("CREDIT_CARD", card()),
                " is on the AWS account, can you set up a budget alarm at 500 USD?",
            ],
            "card:prose",
        )
    for _ in range(4):
        build(["test data for the billing sandbox: ", ("CREDIT_CARD", card()), " exp ", f"{R.randint(1, 12):02d}/{R.randint(26, 30)}",
               " cvc ", digits(3)], "card:test")  # fmt: skip
    for country in (
        "DE",
        "FR",
        "ES",
        "IT",
        "NL",
        "PL",
        "BE",
        "CH",
        "AT",
        "GB",
        "IE",
        "PT",
        "SE",
        "NO",
        "DK",
        "FI",
    ):
        p = person()
        style = R.randrange(3)
        if style == 0:
            build(
                [
                    "Refunds go to ",
                    ("PERSON", full(p)),
                    ", IBAN ",
                    ("IBAN_CODE", iban(country)),
                    ". Write the Step Function for it.",
                ],
                "iban:prose",
            )
        elif style == 1:
            build(["payee_name,iban,amount\n", ("PERSON", full(p)), ",", ("IBAN_CODE", iban(country)), ",1200.00\n",
                   "load this CSV into the payouts table nightly"], "iban:csv")  # fmt: skip
        else:
            build(['payout_account = {\n  holder = "', ("PERSON", full(p)), '"\n  iban   = "', ("IBAN_CODE", iban(country)),
                   '"\n}\nmove this into Secrets Manager?'], "iban:hcl")  # fmt: skip
    for _ in range(3):
        build(["Bank details for the contractor: sort code ", ("BANK_ACCOUNT", f"{digits(2)}-{digits(2)}-{digits(2)}"), ", account number ",
               ("BANK_ACCOUNT", digits(8)), ". Store them in the vendor table."], "bank:uk")  # fmt: skip
    for _ in range(2):
        build(["Direct deposit: routing ", ("BANK_ACCOUNT", "021000021"), ", checking account ", ("BANK_ACCOUNT", digits(10)),
               " — it's in the payroll config."], "bank:us")  # fmt: skip
    build(
        [
            "Kontonummer ",
            ("BANK_ACCOUNT", digits(10)),
            ", BLZ ",
            ("BANK_ACCOUNT", "37040044"),
            " — bitte nicht ins Repo committen.",
        ],
        "bank:de",
        "de",
    )


def dob_rows() -> None:
    for lang, before, after in (
        ("en", "DOB: ", "\nshould this column be encrypted at rest?"),
        ("en", "born ", ", she needs an account on the analytics cluster"),
        ("en", "date of birth ", " is in the customer export on S3."),
        ("de", "Geburtsdatum: ", "\nDas Feld landet im CloudWatch-Log."),
        ("de", "geb. ", ", Mitarbeiterin im Team Netzwerk"),
        ("fr", "née le ", ", elle a besoin d'un accès VPN"),
        ("fr", "date de naissance : ", " — à masquer dans les logs"),
        ("es", "fecha de nacimiento: ", "\n¿Se puede guardar en DynamoDB?"),
        ("it", "data di nascita ", " nei record del CRM"),
    ):  # fmt: skip
        for _ in range(2):
            build(
                [("PERSON", full(person())), ", ", before, ("DATE_OF_BIRTH", dob(lang)), after],
                f"dob:{lang}",
                lang,
            )
    for key in ("dob", "date_of_birth", "birthDate", "birth_date", "user_dob"):
        build(['{"user_id": ', digits(6), ', "name": "', ("PERSON", full(person())), '", "', key, '": "', ("DATE_OF_BIRTH", dob()),
               '", "plan": "pro"}\nwhy is the Glue crawler typing this as string?'], "dob:json")  # fmt: skip


def address_rows() -> None:
    for country in ADDRESSES:
        p = person()
        style = R.randrange(4)
        if style == 0:
            build(
                [
                    "Please ship the YubiKey for ",
                    ("PERSON", full(p)),
                    " to ",
                    ("STREET_ADDRESS", address(country)),
                    ".",
                ],
                f"address:{country}",
            )
        elif style == 1:
            build([("PERSON", full(p)), "'s home address is ", ("STREET_ADDRESS", address(country)), " — put it on the hardware asset tag."],
                  f"address:{country}")  # fmt: skip
        elif style == 2:
            build(['{"customer": "', ("PERSON", full(p)), '", "address": "', ("STREET_ADDRESS", address(country)),
                   '", "order": ', digits(7), "}\nthe geocoding lambda times out on this"], f"address:{country}")  # fmt: skip
        else:
            build(["name,street,city\n", ("PERSON", full(p)), ",", ("STREET_ADDRESS", address(country)), "\nimport this into the CRM table"],
                  f"address:{country}")  # fmt: skip
    for lang, cue, country in (("de", "Wohnadresse: ", "DE"), ("fr", "Adresse : ", "FR"), ("es", "Dirección: ", "ES"),
                               ("it", "Indirizzo: ", "IT"), ("pt", "Endereço: ", "BR"), ("pl", "Adres: ", "PL"), ("nl", "Adres: ", "NL")):  # fmt: skip
        build(
            [("PERSON", full(person())), "\n", cue, ("STREET_ADDRESS", address(country))],
            f"address:{country}",
            lang,
        )


def health_rows() -> None:
    """Health information about a person (GDPR art. 9 data) next to an infrastructure request."""
    for lang, before, mid, after in (
        ("en", "Please take ", " off the on-call rotation until June, they are being treated for ", "."),
        ("en", "", " has ", ", so set their pager to business hours only."),
        ("en", "Remove ", " from the weekend shifts while recovering from ", "."),
        ("en", "FYI ", " is on medical leave for ", "; move her tickets to the backlog."),
        ("en", "Access request for ", ", reason: accommodation for ", ", needs remote VPN from home."),
        ("de", "Bitte ", " aus der Rufbereitschaft nehmen, sie hat ", "."),
        ("fr", "Merci de retirer ", " de l'astreinte, elle suit ", "."),
        ("es", "Quita a ", " de las guardias, está en tratamiento de ", "."),
        ("it", "Togli ", " dalla reperibilità, sta facendo ", "."),
        ("pt", "Tire ", " do plantão, ela está com ", "."),
        ("pl", "Proszę zdjąć ", " z dyżurów, przechodzi ", "."),
        ("nl", "Haal ", " van de piketdienst, ze heeft ", "."),
    ):  # fmt: skip
        build(
            [before, ("PERSON", full(person())), mid, ("MEDICAL_CONDITION", health(lang)), after],
            f"health:{lang}",
            lang,
        )
    for _ in range(4):
        build(['{"patient": "', ("PERSON", full(person())), '", "mrn": "', ("NATIONAL_ID", f"MRN{digits(7)}"), '", "diagnosis": "',
               ("MEDICAL_CONDITION", health().removeprefix("a ")), '"}\nthis record is in the FHIR export bucket, is the bucket policy OK?'], "health:json")  # fmt: skip


def log_rows() -> None:
    """PII inside log lines, CSV exports, SQL and stack traces."""
    for _ in range(6):
        p = person()
        build([f"2025-03-0{R.randint(1, 9)}T0{R.randint(0, 9)}:1{R.randint(0, 9)}:44Z WARN auth login failed user=", ("EMAIL_ADDRESS", email_of(p)),
               f" src={pick('10.2.3.4', '172.16.9.21', '192.168.50.7')} attempts={R.randint(3, 9)}\nshould this trigger a GuardDuty finding?"], "log:auth")  # fmt: skip
    for _ in range(4):
        p = person()
        e = email_of(p)
        ph = phone(R.choice(["US", "FR", "DE", "BR"]))
        build(['10.0.4.17 - - [04/Mar/2025:10:12:09 +0000] "GET /api/v1/users?email=', ("EMAIL_ADDRESS", urllib.parse.quote(e)), "&phone=",
               ("PHONE_NUMBER", urllib.parse.quote(ph)), ' HTTP/1.1" 200 512\nCan CloudFront strip these query strings from the logs?'], "log:access")  # fmt: skip
    for _ in range(4):
        p, q = person(), person()
        build(["id,full_name,email,phone\n1042,", ("PERSON", full(p)), ",", ("EMAIL_ADDRESS", email_of(p)), ",", ("PHONE_NUMBER", phone()),
               "\n1043,", ("PERSON", full(q)), ",", ("EMAIL_ADDRESS", email_of(q)), ",", ("PHONE_NUMBER", phone()),
               "\nwhere should this export live so that only HR can read it?"], "log:csv")  # fmt: skip
    for _ in range(3):
        p = person()
        build(["INSERT INTO customers (name, email, iban) VALUES ('", ("PERSON", full(p)), "', '", ("EMAIL_ADDRESS", email_of(p)), "', '",
               ("IBAN_CODE", iban().replace(" ", "")), "');\nthe migration job fails on this seed file"], "log:sql")  # fmt: skip
    for _ in range(3):
        p = person()
        build(["Traceback (most recent call last):\n  File \"/app/notify.py\", line 88, in send\nValueError: invalid number ",
               ("PHONE_NUMBER", phone()), " for customer ", ("PERSON", full(p)), " <", ("EMAIL_ADDRESS", email_of(p)), ">\nhow do I stop this going to Sentry?"],
              "log:trace")  # fmt: skip
    for _ in range(3):
        p = person()
        build(['{"level":"error","msg":"payment declined","customer":{"name":"', ("PERSON", full(p)), '","card":"', ("CREDIT_CARD", card()),
               '","phone":"', ("PHONE_NUMBER", phone()), '"}}\nLoki keeps these forever, can we redact at ingest?'], "log:json")  # fmt: skip


def object_name_rows() -> None:
    """Personal data inside bucket and object names, file names and resource names."""
    for _ in range(10):
        p = person()
        a, f = ascii_of(p[0]).lower().replace(" ", "-"), ascii_of(p[1]).lower().replace(" ", "-")
        style = R.randrange(5)
        if style == 0:
            build([f"s3://acme-hr-exports/payslips/2025/{R.randint(1, 12):02d}/", ("PERSON", f"{a}-{f}"), "-payslip.pdf is public, fix the bucket policy"],
                  "object:path")  # fmt: skip
        elif style == 1:
            build(
                [
                    "gsutil cp ./scans/",
                    ("PERSON", f"{a}_{f}"),
                    "_passport.jpg gs://kyc-uploads-prod/ fails with 403",
                ],
                "object:path",
            )
        elif style == 2:
            build(["az storage blob upload --container cv-inbox --name \"CV_", ("PERSON", f"{p[0]}_{p[1]}".replace(" ", "_")), "_2025.pdf\" --file cv.pdf"],
                  "object:path")  # fmt: skip
        elif style == 3:
            build(
                [
                    "Create a bucket called ",
                    ("PERSON", f"{a}-{f}"),
                    "-backups for ",
                    ("PERSON", full(p)),
                    "'s laptop backups.",
                ],
                "object:bucket",
            )
        else:
            e = email_of(p)
            build(
                [
                    "Object key uploads/",
                    ("EMAIL_ADDRESS", e),
                    "/avatar.png returns AccessDenied from CloudFront.",
                ],
                "object:path",
            )


def encoded_rows() -> None:
    """Formatted and encoded variants: base64, full-width digits, zero-width characters, digits spelled out."""
    for _ in range(3):
        p = person()
        payload = json.dumps({"owner": email_of(p), "phone": phone()})
        token = base64.b64encode(payload.encode()).decode()
        build(
            ["the annotation is base64, decode it if you need to: ", ("EMAIL_ADDRESS", token)],
            "encoded:base64",
        )
    for _ in range(2):
        ph = phone("UK").translate({ord(c): chr(ord(c) + 0xFEE0) for c in DIG})
        build(
            [
                "call ",
                ("PERSON", full(person())),
                " on ",
                ("PHONE_NUMBER", ph),
                " if the deploy fails",
            ],
            "encoded:fullwidth",
        )
    for _ in range(2):
        e = email_of(person())
        split = e[:3] + "\u200b" + e[3:]
        build(["owner tag: ", ("EMAIL_ADDRESS", split)], "encoded:zero-width")
    for _ in range(2):
        c = card().replace(" ", "").replace("-", "")
        build(
            ["card: ", ("CREDIT_CARD", " ".join(c)), " (spaced so the DLP doesn't catch it lol)"],
            "encoded:spaced",
        )


# ===================================================================================== negative templates
def negative_rows() -> None:
    """What an infrastructure request is full of and a PII detector confuses with personal data."""
    for _ in range(5):
        build(
            [
                f"Grant arn:aws:iam::{account_id()}:role/{pick('ci-deployer', 'readonly', 'breakglass')} read access to s3://{bucket()}/*"
            ],
            "neg:arn",
        )
        build(
            [
                f"Share the AMI ami-0{''.join(R.choice(HEX) for _ in range(16))} with accounts {account_id()} and {account_id()}."
            ],
            "neg:account-id",
        )
        build([f"Upgrade EKS from 1.{R.randint(24, 29)}.{R.randint(0, 9)} to 1.{R.randint(30, 32)}.{R.randint(0, 9)} and pin the "
               f"provider to ~> 5.{R.randint(10, 80)}.0; the AMI is amazon-eks-node-1.30-v2025{R.randint(1, 12):02d}{R.randint(10, 28)}."], "neg:version")  # fmt: skip
        build([f"Open {pick('443', '8443', '6443')} and {R.randint(30000, 30100)}-32767 on the node SG, and {pick('5432', '3306', '1433')} only from the app subnet."],
              "neg:ports")  # fmt: skip
        build([f"Peer 10.{R.randint(0, 255)}.0.0/16 with 172.{R.randint(16, 31)}.0.0/16; the resolver is 10.{R.randint(0, 255)}.0.2 "
               f"and the on-prem range is 192.168.{R.randint(0, 255)}.0/24."], "neg:cidr")  # fmt: skip
        build([f"Schedule the maintenance window for {R.randint(2025, 2026)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d} 02:00 UTC and keep "
               f"snapshots for {pick('7', '35', '90')} days."], "neg:date")  # fmt: skip
        build(
            [f"Subscription {uid()} / tenant {uid()}: assign Reader to the group, not to users."],
            "neg:uuid",
        )
        build(
            [f"Revert {sha()} — it broke the tfstate lock; {sha()[:7]} is the good one."], "neg:sha"
        )
        build([f"The certificate for api.{pick('acme-corp.io', 'globex.net', 'hooli.xyz')} expires on {R.randint(1, 28):02d}/{R.randint(1, 12):02d}/2026, "
               "set up a renewal alarm 30 days before."], "neg:date")  # fmt: skip
        build([f"kubectl -n prod logs deploy/{pick('checkout', 'ledger', 'search')} --since=1h | grep {pick('OOMKilled', 'CrashLoopBackOff', '503')}, "
               f"request id {''.join(R.choice(HEX) for _ in range(32))}"], "neg:ids")  # fmt: skip
    role_mailboxes = ["security@acme-corp.io", "alerts@globex.net", "oncall@initech.de", "noc@hooli.xyz", "platform-team@contoso.com",
                      "devops+pagerduty@acme-corp.io", "finops@globex.net", "no-reply@fabrikam.fr", "soc@umbrella-health.co.uk",
                      "cloud-security@tyrell.ai", "sre@acme-corp.io", "billing@hooli.xyz"]  # fmt: skip
    for mailbox in role_mailboxes:
        build([pick("Send the GuardDuty findings to ", "Budget alerts go to ", "Route the SNS topic to ", "Set the alert recipient to "),
               mailbox, pick(".", " and to the Slack channel #alerts.", ", severity high and above.")], "neg:role-mailbox")  # fmt: skip
    fixed = [
        "Create an Azure Front Door Premium profile in West Europe with a Key Vault certificate and Log Analytics diagnostics.",
        "Deploy to ap-southeast-2 (Sydney) and sa-east-1 (São Paulo), with a replica in eu-central-1 (Frankfurt).",
        "Our Cassandra cluster and the Jenkins controller both need private endpoints; Hugo builds the docs site.",
        "Set up Amazon Athena over the CloudTrail bucket and an Aurora PostgreSQL reader in the same VPC.",
        "The health check on /healthz fails and the target group reports 3 unhealthy hosts; liveness probe timeout is 5s.",
        "Route 53 record for api.acme-corp.io should point at the ALB in 3 Availability Zones.",
        "ServiceNow change CHG0034567 and incident INC0012345 cover this; Jira OPS-10423 has the plan.",
        "Set the Lambda timeout to 900 seconds, memory to 3008 MB and reserved concurrency to 250.",
        "The epoch in the log is 1741083129 and the sequence token is 49654876012345678901234567890.",
        "Peer with AS64512 over VLAN 1203 and advertise 100.64.0.0/10 to the transit gateway.",
        "Use the image ghcr.io/acme/api@sha256:" + "".join(R.choice(HEX) for _ in range(64)) + " in the deployment.",
        "CODEOWNERS: /modules/network/ @acme/platform-team and /modules/iam/ @acme/security-team",
        "terraform import aws_instance.web i-0a1b2c3d4e5f67890 and then sg-0123456789abcdef0 for the security group.",
        "Why does the pod in namespace payments-prod keep dying with exit code 137 at 02:00 every night?",
        "We migrated from Goldman Sachs' old platform team setup to Morgan Stanley style landing zones.",
        "Apache Kafka on Confluent Cloud with Schema Registry; Grafana Loki for logs and Tempo for traces.",
        "Retention: CloudWatch logs 400 days, S3 Glacier after 90 days, delete after 2555 days (7 years).",
        "Our monolith was born in 2015 and it shows; split the VPC into app and data tiers.",
        "Rotate the KMS key 1234abcd-12ab-34cd-56ef-1234567890ab every 365 days.",
        "Project Falcon needs a new GCP project; billing account 01A2B3-C4D5E6-F7G8H9.",
        "Set MaxReceiveCount to 5 and the DLQ retention to 1209600 seconds.",
        "Order the reserved instances: 12 x m7i.2xlarge, 3-year term, no upfront, in us-east-1.",
        "The Datadog org id is 1234567 and the monitor id is 98765432; mute it during the window.",
        "Azure Policy assignment /providers/Microsoft.Authorization/policyDefinitions/" + uid() + " denies public IPs.",
        "Google Cloud Armor rule priority 1000 should block 0.0.0.0/0 except the office egress 198.51.100.0/24.",
        "Tag everything with owner = team-payments, oncall = pagerduty-payments and cost-center = 4711.",
        "The Postgres major version goes from 13.14 to 16.3; run pg_upgrade during the 2025-06-01 window.",
        "Invoice 2025-000123 from AWS Marketplace is for 3 seats; the PO number is 4500012345.",
        "S3 object key logs/2025/03/04/10/part-00000-" + uid() + ".snappy.parquet is 128 MiB.",
        "The phone-home endpoint of the agent is telemetry.acme-corp.io:8443; disable it in air-gapped clusters.",
        "Create a Key Vault for the HR application; it stores no personal data, only the app's client secret reference.",
        "Owner: team-data-platform\nOn-call: #data-oncall (PagerDuty schedule P7X9K2L)\nCreate the BigQuery dataset.",
        "Name: prod-eks-blue\nRegion: eu-west-1\nNode groups: 3\nPlease write the module.",
        "Build 20250304.3 failed at step 7 of 12; artifact id 884213 and run number 4711.",
        "MAC address 00:1A:2B:3C:4D:5E belongs to the NAT appliance; its serial is FGT60F-TK20098765.",
        "Set the retention date of the legal hold to 2031-12-31 and the object lock mode to COMPLIANCE.",
        "Our SOC 2 audit period is 01/04/2025 to 31/03/2026; enable Config rules before 15/03/2025.",
        "Kubernetes 1.31 on AKS with Azure CNI Overlay, pod CIDR 10.244.0.0/16, service CIDR 10.0.0.0/16.",
        "Add a WAF rate limit of 2000 requests per 5 minutes per IP on the /login path.",
        "Terraform Cloud workspace ws-AbC123xYz456 runs plan on every PR to main.",
        "Der Bucket soll in eu-central-1 liegen, verschlüsselt mit KMS, Aufbewahrung 90 Tage, Versionierung an.",
        "Merci de créer un VPC 10.40.0.0/16 avec trois sous-réseaux privés et une passerelle NAT par zone.",
        "Necesito un clúster AKS en westeurope con 3 nodos Standard_D4s_v5 y la versión 1.30.5.",
        "Serve un bucket GCS in europe-west8 con retention di 30 giorni e log di accesso abilitati.",
        "Preciso de uma fila SQS com DLQ, retenção de 14 dias e criptografia com a chave alias/app.",
        "Proszę o grupę zasobów rg-platform-prod w westeurope i Key Vault z soft delete 90 dni.",
        "Graag een Azure Storage account met private endpoint in subnet 10.1.2.0/24 en TLS 1.2 minimum.",
        "Security Group sg-0a1b2c3d allows 10.0.0.0/8 on 22; change it to the bastion's 10.0.5.10/32.",
        "The alarm fires when HealthyHostCount < 2 for 3 datapoints of 60 seconds.",
        "Create IAM users for the three CI systems: ci-github, ci-gitlab and ci-jenkins; no console access.",
        "Set the Redis maxmemory-policy to allkeys-lru and maxmemory to 2gb on cache.r7g.large.",
        "The Victoria Metrics cluster in Sydney needs 3 vmstorage nodes; Jaeger stays on the old cluster.",
        "Payment service SLO is 99.95% over 28 days; error budget burn alerts at 2% in 1h and 5% in 6h.",
        "Our vendor's support line is in the contract PDF; please just create the PrivateLink endpoint service.",
        "Change the backup schedule cron(0 3 * * ? *) to run at 01:30 and keep 35 daily recovery points.",
        "Create the ECR repository acme/payments-api with scan on push and an immutable tag policy.",
        "ARN arn:aws:sns:eu-west-1:" + account_id() + ":alerts-critical should get the CloudWatch alarms.",
        "Diagnostic settings for the SQL server: send audit logs to workspace law-prod-weu, retention 180 days.",
        "Please add sensitive = true to the output and move the DB password to SSM parameter /prod/db/password.",
        "Our DR drill is on 12 March 2025; fail over the Aurora global database to us-west-2.",
    ]  # fmt: skip
    for text in fixed:
        build([text], "neg:infra", "en")


# ======================================================================================== the fresh set
# Written after the detectors were tuned on independent.jsonl, with new phrasings, a new seed and a new name
# pool, and scored without changing the detectors again: an estimate of how the tuned rules generalise.
FRESH_SEED = 20251128
FRESH_OUT = HERE / "fresh.jsonl"
FRESH_PEOPLE = [
    ("Babajide", "Olatunji"), ("Chiamaka", "Eze"), ("Yaw", "Owusu"), ("Fatoumata", "Diallo"), ("Tsegaye", "Alemu"),
    ("Nomvula", "Dlamini"), ("Anil", "Deshpande"), ("Kavya", "Reddy"), ("Farhan", "Chowdhury"), ("Mei-ling", "Huang"),
    ("Takeshi", "Mori"), ("Dong-hyun", "Choi"), ("Thi Mai", "Pham"), ("Rizal", "Santos"), ("Bayu", "Prasetyo"),
    ("Nour", "Abdelrahman"), ("Kemal", "Demir"), ("Arash", "Karimi"), ("Yael", "Mizrahi"), ("Wojciech", "Kamiński"),
    ("Zuzana", "Horáková"), ("Gergely", "Szabó"), ("Ionela", "Dumitrescu"), ("Giorgos", "Antoniou"),
    ("Aleksei", "Morozov"), ("Oksana", "Bondarenko"), ("Henrike", "Schubert"), ("Maximilian", "Wagner"),
    ("Clémence", "Rousseau"), ("Baptiste", "Moreau"), ("Inés", "Navarro"), ("Pablo", "Iglesias Ruiz"),
    ("Chiara", "Ferraro"), ("Lorenzo", "Ricci"), ("Beatriz", "Carvalho"), ("Rafael", "Costa Lima"),
    ("Valentina", "Rojas"), ("Joaquín", "Vargas"), ("Femke", "Bakker"), ("Joris", "van Dijk"), ("Astrid", "Johansen"),
    ("Eetu", "Korhonen"), ("Guðrún", "Sigurðardóttir"), ("Lars-Erik", "Nyberg"), ("Caoimhe", "O'Sullivan"),
    ("Fergus", "Campbell"), ("DeShawn", "Williams"), ("Kai", "Nakoa"), ("Ngaio", "Parata"), ("Tenzin", "Dorji"),
]  # fmt: skip


def fresh_rows() -> None:
    global PEOPLE
    PEOPLE = FRESH_PEOPLE
    for _ in range(3):
        p, q = person(), person()
        build(["@here FYI ", ("PERSON", full(p)), " (", ("EMAIL_ADDRESS", email_of(p)), ") is the new DRI for the VPN, ping them on ",
               ("PHONE_NUMBER", phone()), " for access."], "fresh:chat")  # fmt: skip
        p, q = person(), person()
        build(["feat(network): add transit gateway attachments\n\nCo-authored-by: ", ("PERSON", full(q)), " <", ("EMAIL_ADDRESS", email_of(q)), ">"],
              "fresh:commit")  # fmt: skip
        p, q = person(), person()
        build(["employee_id,display_name,work_phone,home_address\n4411,", ("PERSON", full(p)), ",", ("PHONE_NUMBER", phone()), ',"',
               ("STREET_ADDRESS", address()), '"\nwhich S3 storage class for this HR export?'], "fresh:csv")  # fmt: skip
        p, q = person(), person()
        build(["10:42 UTC ", ("PERSON", full(p)), " (on call) acknowledged; customer ", ("PERSON", full(q)), " reported card ",
               ("CREDIT_CARD", card()), " charged twice. Add this to the postmortem."], "fresh:incident")  # fmt: skip
        p, q = person(), person()
        build(['data:\n  SUPPORT_CONTACT: "', ("PERSON", full(p)), " <", ("EMAIL_ADDRESS", email_of(p)), '>"\n  SUPPORT_PHONE: "',
               ("PHONE_NUMBER", phone()), '"\nshould this ConfigMap be a Secret?'], "fresh:k8s")  # fmt: skip
        p, q = person(), person()
        build(["Hallo, bitte legt für ", ("PERSON", full(p)), " (Personalnummer 48213, Geburtsdatum ", ("DATE_OF_BIRTH", dob("de")),
               ") einen VPN-Zugang an. Tel.: ", ("PHONE_NUMBER", phone("DE"))], "fresh:de", "de")  # fmt: skip
        p, q = person(), person()
        build(["Bonjour, ", ("PERSON", full(p)), " (", ("EMAIL_ADDRESS", email_of(p)), ", ", ("PHONE_NUMBER", phone("FR")),
               ") rejoint l'équipe SRE lundi ; son IBAN ", ("IBAN_CODE", iban("FR")), " doit aller dans l'outil de paie, pas dans le repo."],
              "fresh:fr", "fr")  # fmt: skip
        p, q = person(), person()
        build(
            [
                "El DNI de ",
                ("PERSON", full(p)),
                " es ",
                ("ES_NIF", es_dni()),
                "; no lo pongas en las etiquetas del bucket.",
            ],
            "fresh:es",
            "es",
        )
        p, q = person(), person()
        build(["Il codice fiscale ", ("NATIONAL_ID", it_codice_fiscale()), " di ", ("PERSON", full(p)), " compare nei log di CloudWatch."],
              "fresh:it", "it")  # fmt: skip
        p, q = person(), person()
        build(
            [
                "PESEL ",
                ("NATIONAL_ID", pl_pesel()),
                " pana ",
                ("PERSON", full(p)),
                " jest w nazwie obiektu w S3.",
            ],
            "fresh:pl",
            "pl",
        )
        p, q = person(), person()
        build(
            [
                "Het BSN ",
                ("NATIONAL_ID", nl_bsn()),
                " van ",
                ("PERSON", full(p)),
                " staat in de bestandsnaam.",
            ],
            "fresh:nl",
            "nl",
        )
        p, q = person(), person()
        build(
            [
                "O CPF ",
                ("NATIONAL_ID", br_cpf()),
                " da cliente ",
                ("PERSON", full(p)),
                " apareceu no log do API Gateway.",
            ],
            "fresh:pt",
            "pt",
        )
        p, q = person(), person()
        build([("PERSON", full(p)), " is out for a few weeks after a ", ("MEDICAL_CONDITION", "heart attack"),
               ", can you move the prod deploy approvals to someone else?"], "fresh:health")  # fmt: skip
        p, q = person(), person()
        build(["Mitarbeiterin ", ("PERSON", full(q)), " ist wegen ", ("MEDICAL_CONDITION", "Burnout"), " krankgeschrieben, bitte Zugänge nicht löschen."],
              "fresh:health", "de")  # fmt: skip
        p, q = person(), person()
        build(
            [
                'variable "alert_sms" {\n  default = "',
                ("PHONE_NUMBER", phone()),
                '" # ',
                ("PERSON", p[0]),
                "'s mobile\n}",
            ],
            "fresh:hcl",
        )
        p, q = person(), person()
        build(
            ["Send the hardware token to my home: ", ("STREET_ADDRESS", address())], "fresh:address"
        )
        p, q = person(), person()
        build(["WARN kyc mismatch user=", ("EMAIL_ADDRESS", email_of(q)), " dob=", ("DATE_OF_BIRTH", f"{R.randint(1950, 2000)}-0{R.randint(1, 9)}-1{R.randint(0, 9)}"),
               " doc=passport"], "fresh:log")  # fmt: skip
        p, q = person(), person()
        a, f = ascii_of(q[0]).lower().replace(" ", "_"), ascii_of(q[1]).lower().replace(" ", "_")
        p, q = person(), person()
        build(
            [
                "aws s3 cp s3://hr-archive/contracts/",
                ("PERSON", f"{a}_{f}"),
                "_employment_contract.pdf .",
            ],
            "fresh:object",
        )
        p, q = person(), person()
        build(
            [
                "the card ends in 4242, full number ",
                ("CREDIT_CARD", card()),
                ". Is it PCI scope if it's in the logs?",
            ],
            "fresh:card",
        )
        p, q = person(), person()
        build(
            [
                "payout:\n  account_holder: ",
                ("PERSON", full(q)),
                "\n  iban: ",
                ("IBAN_CODE", iban()),
            ],
            "fresh:yaml",
        )
    domain = "acme-corp.io"
    for text in (
        f"Create a Route53 health check for api.{domain} and alarm when it fails 3 times in 5 minutes.",
        "The ASG min is 2, max 12; scale out at 70% CPU over 300 seconds.",
        f"Lambda arn:aws:lambda:eu-west-1:{account_id()}:function:invoice-render times out after 900s.",
        "kubectl get pods -n kube-system -o wide | grep 10.42.7.19",
        "Pin terraform to 1.9.8 and the azurerm provider to 4.14.0.",
        "Nightly backup at 01:30 CET, keep 14 daily and 8 weekly copies, first run on 2025-04-01.",
        "Owner tag: platform-team; cost-center: 8812; on-call: #sre-pager.",
        f"Send findings to security-team@{domain} and secops-emea@{domain}.",
        "Docker image node:20.11.1-alpine3.19 fails with exit code 139.",
        "Open port 9090 for Prometheus and 3000 for Grafana from 10.0.0.0/8 only.",
        "Create the Cosmos DB account in Switzerland North with zone redundancy.",
        "Set the RDS maintenance window to sun:03:00-sun:04:00 and the backup window to 01:00-02:00.",
        f"The request id is {uid()} and the trace id is {''.join(R.choice(HEX) for _ in range(32))}.",
        f"Grant roles/storage.objectViewer to group:data-eng@{domain} on the bucket.",
        "Use the Key Vault reference @Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/db/) in the app settings.",
        "Jira PLAT-2291: migrate the Jenkins agents to Amazon Linux 2023 before 31 March.",
        "Name: payments-prod\nOwner: Platform Engineering\nPrimary: Payments Team\nTier: 0",
        "Our Jenkins controller was set up by the Platform Team in 2019; Victoria Metrics stores the build metrics.",
        "The pod health probe fails with 503 and the node reports DiskPressure; the cluster is unhealthy.",
        "Deploy the Helm chart to the Madrid and Warsaw regions (europe-southwest1, europe-central2).",
    ):
        build([text], "fresh:neg")


def main() -> None:
    if "--fresh" in __import__("sys").argv:
        global R
        R = random.Random(FRESH_SEED)
        fresh_rows()
        with FRESH_OUT.open("w", encoding="utf-8") as fh:
            for row in ROWS:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"wrote {len(ROWS)} rows to {FRESH_OUT}")
        return
    for make in (tags_rows, oncall_rows, email_rows, name_cue_rows, id_rows, money_rows, dob_rows, address_rows, health_rows,
                 log_rows, object_name_rows, encoded_rows, negative_rows):  # fmt: skip
        make()
    texts = [str(r["text"]) for r in ROWS]
    assert len(set(texts)) == len(texts), "duplicate rows"
    for row in ROWS:
        for e in row["entities"]:  # type: ignore[attr-defined]
            assert str(row["text"])[e["start"] : e["end"]] == e["value"], e
    negatives = sum(1 for r in ROWS if not r["entities"])
    assert len(ROWS) >= 300 and negatives >= 100, (len(ROWS), negatives)
    with OUT.open("w", encoding="utf-8") as fh:
        for row in ROWS:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    types = Counter(e["type"] for r in ROWS for e in r["entities"])  # type: ignore[attr-defined]
    print(
        f"wrote {len(ROWS)} rows ({len(ROWS) - negatives} with personal data, {negatives} without) to {OUT}; spans: {dict(types)}"
    )


if __name__ == "__main__":
    main()
