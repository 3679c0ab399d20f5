"""Personal data in records, for ``pii``: the value of a key that names a personal field, and the cells of a
table column whose header does.

Users paste records more than prose: ``"name": "Emre Yıldız"``, ``holder = "Aarav Mehta"``,
``Ansprechpartner: Layla Haddad``, ``user_dob=1951-04-17``, a CSV export with a ``full_name`` column, a
Markdown on-call table with a ``phone`` column. The key says what the value is, which no detector can tell
from the value alone ("Layla Haddad" and "Data Platform" are both two capitalised words). So this module
finds ``key: value``, ``key = value``, ``"key": "value"`` and table columns whose key or header is a personal
field, in English, German, French, Spanish, Italian, Portuguese, Polish and Dutch, and reports the raw value
spans with the kind the key names. ``pii`` then checks that each value has the shape of its kind (a name's
words, a phone number's digits, a date) before reporting it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from palisade.guard.scanners.pii_checksums import id_checksum_ok
from palisade.guard.scanners.pii_records import date_at

Found = tuple[str, int, int, float]
Span = tuple[int, int]

__all__ = ["FIELD_KINDS", "field_values", "normalise_key", "record_findings"]

# Normalised key (lower case, letters only, no accents) -> the kind of value it holds.
FIELD_KINDS: dict[str, str] = {}
WEAK_PERSON = "PERSON?"
for _kind, _keys in {
    # keys that hold a person's name; a name found after them needs no further evidence
    "PERSON": """fullname firstname lastname surname givenname familyname customername clientname payee
        payeename holder accountholder cardholder beneficiary employee employeename engineer owner ownername
        contact contactname contactperson patient patientname author assignee reviewer approver approvedby
        requestedby reportedby createdby requester reporter oncall oncallengineer submitter
        vorname nachname ansprechpartner ansprechpartnerin verantwortlich verantwortlicher inhaber
        kontoinhaber mitarbeiter mitarbeiterin bearbeiter antragsteller
        prenom nomcomplet responsable titulaire interlocuteur demandeur
        apellido apellidos nombrecompleto contacto solicitante
        cognome referente responsabile titolare richiedente
        sobrenome nomecompleto responsavel contato
        imie nazwisko wlasciciel odpowiedzialny kontakt
        voornaam achternaam eigenaar contactpersoon aanvrager verantwoordelijke""",
    # keys that often hold a person's name but as often a thing's ("name": "Steel Blueprint Infographic"):
    # what follows must also look like a name
    WEAK_PERSON: """name displayname customer client manager sponsor primary secondary backup person
        kunde kundin nom nombre nome naam klient klant cliente""",
    "PHONE_NUMBER": """phone phonenumber phoneno tel telephone mobile mobilephone mobileno cell cellphone msisdn
        pager oncallphone contactphone fax whatsapp telefon telefonnummer handy handynummer mobilnummer
        rufnummer portable numerodetelephone telefono movil celular cellulare telefone telemovel komorka
        numertelefonu telefoonnummer mobiel gsm""",
    "DATE_OF_BIRTH": """dob dateofbirth birthdate birthday bday userdob geburtsdatum geburtstag
        datedenaissance naissance fechadenacimiento fechanacimiento nacimiento datadinascita datanascita
        datadenascimento datanascimento dataurodzenia geboortedatum""",
    "STREET_ADDRESS": """address homeaddress streetaddress postaladdress mailingaddress billingaddress
        shippingaddress street addressline addresslineone addressline anschrift wohnadresse adresse
        strasse direccion domicilio indirizzo endereco morada adres""",
    "NATIONAL_ID": """ssn socialsecuritynumber sin tin taxid taxnumber taxpayerid tfn nationalid
        nationalidnumber nationalidentifier idnumber idcard personalid personalnumber passport
        passportnumber passportno driverslicense driverslicence licensenumber nino ninumber
        nationalinsurancenumber steuerid steueridentifikationsnummer steuernummer personalausweis
        ausweisnummer nir insee numerodesecuritesociale nss dni nie nif codicefiscale bsn
        burgerservicenummer pesel aadhaar aadhaarno aadhaarnumber pan pannumber cpf curp rfc medicare
        nhsnumber mrn medicalrecordnumber patientid memberid personnummer hetu henkilotunnus ahv ahvnr""",
    "BANK_ACCOUNT": """accountnumber bankaccount bankaccountnumber sortcode routingnumber kontonummer blz
        numerodecompte numerodecuenta numerodiconto rekeningnummer numerkonta""",
    "MEDICAL_CONDITION": """diagnosis medicalcondition healthcondition illness disease allergies allergy
        medication medications diagnose diagnostico diagnosi diagnoza krankheit erkrankung ziekte""",
}.items():
    for _key in _keys.split():
        FIELD_KINDS[_key] = _kind

_SEPARATOR = re.compile(r"[:=]")
_KEY_BEFORE = re.compile(r"[\"']?([^\W\d](?:[\w'’\- ]{0,40}[^\W\d])?)[\"']?[ \t]{0,16}$")
_TABLE_SPLIT = {
    "|": re.compile(r"\|"),
    ",": re.compile(r","),
    "\t": re.compile(r"\t"),
    ";": re.compile(r";"),
}
MAX_TABLE_ROWS = 500


def normalise_key(key: str) -> str:
    """``Full Name``, ``full_name``, ``fullName``, ``"full-name"`` -> ``fullname``; accents dropped."""
    if not key.isascii():
        key = "".join(
            c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c)
        ).replace("ł", "l")
    return "".join(c for c in key.lower() if c.isalpha())


def _kind_of(key: str) -> str | None:
    """The kind the last one to four words of ``key`` name ("Reported by" -> PERSON; "IP address" -> None)."""
    words = key.replace("_", " ").replace("-", " ").split()
    for size in range(min(4, len(words)), 0, -1):
        kind = FIELD_KINDS.get(normalise_key("".join(words[-size:])))
        if kind is not None:
            # a longer key that is not personal ("IP address", "email address") wins over its last word
            longer = normalise_key("".join(words[-size - 1 :])) if size < len(words) else ""
            if longer and longer.endswith(
                ("ipaddress", "macaddress", "emailaddress", "webaddress")
            ):
                return None
            return kind
    return None


def _value_span(text: str, start: int, quoted_key: bool, separator: str) -> tuple[int, int] | None:
    i = start
    while i < len(text) and text[i] in " \t":
        i += 1
    if i < len(text) and text[i] in "\"'":
        quote = text[i]
        end = text.find(quote, i + 1, i + 122)
        return (i + 1, end) if end > i + 1 else None
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    end = i
    stops = ",;}|" if quoted_key else ";}|"
    while end < line_end and end - i < 120:
        ch = text[end]
        if ch in stops or (separator == "=" and ch in " \t"):
            break
        end += 1
    return (i, end) if end > i else None


def _key_values(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _SEPARATOR.finditer(text):
        at = m.start()
        after = text[at + 1 : at + 3]
        if after.startswith(("//", "=", ":")) or text[at - 1 : at] in (":", "=", "!", "<", ">"):
            continue  # URLs, ==, :=, ::, ARNs' "::", comparisons
        line_start = text.rfind("\n", 0, at) + 1
        window = text[max(line_start, at - 48) : at]
        key = _KEY_BEFORE.search(window)
        if key is None:
            continue
        kind = _kind_of(key.group(1))
        if kind is None:
            continue
        quoted = window.rstrip()[-1:] in "\"'"
        span = _value_span(text, at + 1, quoted, m.group())
        if span is not None:
            yield kind, span[0], span[1]


def _table_columns(text: str) -> Iterator[tuple[str, int, int]]:
    """Cells under a header that names a personal field, in CSV, TSV, semicolon and Markdown tables."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    i = 0
    while i < len(lines) - 1:
        start, header = lines[i]
        sep = next(
            (s for s in ("|", "\t", ";", ",") if header.count(s) >= (2 if s == "|" else 1)), None
        )
        kinds = _header_kinds(header, sep) if sep else None
        if not kinds:
            i += 1
            continue
        splitter = _TABLE_SPLIT[sep]  # type: ignore[index]
        j = i + 1
        while j < len(lines) and j - i <= MAX_TABLE_ROWS:
            row_start, row = lines[j]
            if sep not in row:  # type: ignore[operator]
                break
            if not re.fullmatch(r"[\s|:\-]*", row):  # a Markdown rule |---|---|
                bounds = [0, *(c.end() for c in splitter.finditer(row))]
                for index, kind in kinds.items():
                    if index < len(bounds):
                        a = bounds[index]
                        b = bounds[index + 1] - 1 if index + 1 < len(bounds) else len(row)
                        yield kind, row_start + a, row_start + b
            j += 1
        i = j


def _header_kinds(header: str, sep: str) -> dict[int, str]:
    cells = header.split(sep)
    if len(cells) > 40 or any(
        len(c.split()) > 3 or len(c.strip()) > 40 or any(ch.isdigit() for ch in c) for c in cells
    ):
        return {}
    kinds: dict[int, str] = {}
    for index, cell in enumerate(cells):
        kind = FIELD_KINDS.get(normalise_key(cell))
        if kind is not None:
            kinds[index] = kind
    return kinds


def field_values(text: str) -> Iterator[tuple[str, int, int]]:
    """``(kind, start, end)`` of each value a personal-field key or table header names (unchecked)."""
    if ":" in text or "=" in text:
        yield from _key_values(text)
    if "\n" in text and ("," in text or "|" in text or "\t" in text or ";" in text):
        yield from _table_columns(text)


_PHONE_VALUE = re.compile(r"\+?\(?\d[\d ().\-/]{5,22}\d")
_ID_VALUE = re.compile(r"[A-Z0-9](?:[A-Z0-9]|[ \-./](?=[A-Z0-9])){4,24}(?![\w\-])")
_ACCOUNT_VALUE = re.compile(r"\d[\d \-]{4,32}\d(?!\d)")
_TEXT_VALUE = re.compile(r"[^\W\d][^,;\n\"'{}()\[\]]{2,78}")
_WORD3 = re.compile(r"[^\W\d_]{3}")


def _checked(kind: str, text: str, start: int, end: int) -> Found | None:
    """The value of a personal field, when it has the shape of its kind."""
    while start < end and text[start] in " \t":
        start += 1
    value = text[start:end].rstrip()
    if not value or "@" in value or "://" in value:
        return None
    if kind == "PHONE_NUMBER":
        m = _PHONE_VALUE.match(text, start, end)
        if m and 7 <= sum(c.isdigit() for c in m.group()) <= 15:
            return kind, m.start(), m.end(), 0.8
    elif kind == "DATE_OF_BIRTH":
        span = date_at(text, start, end)
        if span:
            return kind, span[0], span[1], 0.9
    elif kind == "STREET_ADDRESS":
        if any(c.isdigit() for c in value) and " " in value and _WORD3.search(value):
            return kind, start, start + len(value), 0.75
    elif kind == "NATIONAL_ID":
        m = _ID_VALUE.match(text, start, end)
        if m and sum(c.isdigit() for c in m.group()) >= 4:
            return kind, m.start(), m.end(), 0.9 if id_checksum_ok(m.group()) else 0.8
    elif kind == "BANK_ACCOUNT":
        m = _ACCOUNT_VALUE.match(text, start, end)
        if m:
            return kind, m.start(), m.end(), 0.8
    elif kind == "MEDICAL_CONDITION":
        m = _TEXT_VALUE.match(text, start, end)
        if m:
            return kind, m.start(), m.start() + len(m.group().rstrip(" .")), 0.7
    return None


def record_findings(text: str) -> tuple[list[Found], list[Span], list[Span]]:
    """Checked values of personal fields, and the spans of fields that name a person, by key strength
    (for ``pii_names``)."""
    found: list[Found] = []
    people: list[Span] = []
    maybe_people: list[Span] = []
    for kind, start, end in field_values(text):
        if kind == "PERSON":
            people.append((start, end))
            continue
        if kind == WEAK_PERSON:
            maybe_people.append((start, end))
            continue
        checked = _checked(kind, text, start, end)
        if checked is not None:
            found.append(checked)
    return found, people, maybe_people
