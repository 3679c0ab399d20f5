"""Personal-record detectors for ``pii``: dates of birth, street addresses, national ids and bank accounts.

These are the values an infrastructure request carries by accident (a pasted log line, a ticket, an export),
and each one is easy to confuse with an infrastructure value (a retention date, a port and a name, an account
id). So every detector needs either a checksum or a context word next to the value:

- ``DATE_OF_BIRTH``: a date (numeric or with a month name, in English, German, French, Spanish, Italian,
  Portuguese, Dutch and Polish) right after a birth word ("born", "DOB", "geboren", "né le", "nacido"...).
  A date without such a word is a maintenance window or a retention date, never reported;
- ``STREET_ADDRESS``: a house number with capitalised words and a street type ("27 Larkspur Close",
  "Hauptstraße 12", "12 rue de la Paix", "Calle Mayor 3"), a PO box, or what follows an address word
  ("home address:", "lives at", "Anschrift:"), extended over a following flat, town and postcode;
- ``NATIONAL_ID``: checksummed formats (French NIR, Italian codice fiscale, Brazilian CPF) anywhere, and any
  ID-shaped token (6+ digits, upper-case letters) right after an id word (passport, tax id, driver's licence,
  PESEL, Aadhaar, BSN, personnummer...);
- ``BANK_ACCOUNT``: a UK sort code, an ABA routing number (checksum) or an account number after a bank word.

All patterns have bounded quantifiers and run on the normalised view, like the rest of ``pii``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from palisade.guard.scanners.cues import Gate, folded
from palisade.guard.scanners.pii_checksums import ahv_ok, hetu_ok, id_checksum_ok, personnummer_ok

__all__ = ["bank_accounts", "date_at", "dates_of_birth", "national_ids", "street_addresses"]

Found = tuple[str, int, int, float]


def _near_before(text: str, start: int, words: re.Pattern[str], window: int = 40) -> bool:
    return bool(words.search(text[max(0, start - window) : start].lower()))


# -------------------------------------------------------------------------------- dates of birth
_MONTH_WORDS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar februar märz maerz juni juli oktober dezember "
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "janeiro fevereiro março marco maio junho julho setembro outubro dezembro "
    "januari februari maart mei augustus "
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia"
).split()
_MONTHS = frozenset(_MONTH_WORDS)
_MONTH = (
    "(?:" + "|".join(sorted({re.escape(w) for w in _MONTH_WORDS}, key=len, reverse=True)) + r")\.?"
)
_DATE = re.compile(
    r"(?i)(?<![\w/.\-])(?:"
    r"\d{1,2}[./\-]\d{1,2}[./\-](?:\d{4}|\d{2})"  # 14/03/1987, 14.03.87
    r"|\d{4}[./\-]\d{1,2}[./\-]\d{1,2}"  # 1987-03-14
    r"|\d{1,2}(?:st|nd|rd|th|er|º|\.)?\s{1,2}(?:of\s|de\s)?" + _MONTH + r",?\s{1,2}(?:de\s)?\d{4}"
    r"|" + _MONTH + r"\s{1,2}\d{1,2}(?:st|nd|rd|th)?,?\s{1,2}\d{4}"  # March 14, 1987
    r")(?![\w/\-]|\.\d)"
)
_BIRTH = re.compile(
    r"born|birth|(?<![a-z0-9])dob(?![a-z])|d\.o\.b|\bb\. ?$|geboren|\bgeb\.|geburtsdatum|geburtstag|\bné\b|\bnée\b|\bne le|"
    r"naissance|nacido|nacida|nacimiento|\bnato\b|\bnata\b|nascita|nascido|nascida|geboortedatum|"
    r"urodzon|data urodzenia|født|född|fødselsdato|födelsedatum|syntynyt|syntymäaika|doğum|生年月日|出生"
)


# Every _BIRTH branch holds one of these (``\bb\. ?$``, a "b." ending the text, is checked apart).
_BIRTH_GATE = Gate.of(
    "born birth d.o.b dob geb naissance naci nasc urodz født född fødsel födelse syntyn syntymä doğum 生年月日 "
    "出生".split()
    + ["ne le"],
    words=["né", "née", "nato", "nata"],
)


def date_at(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a date that starts ``text[start:end]`` (after spaces), if one does."""
    while start < end and text[start] in " \t":
        start += 1
    m = _DATE.match(text, start, end)
    return (m.start(), m.end()) if m else None


def dates_of_birth(text: str) -> Iterator[Found]:
    if not _BIRTH_GATE.open(text) and not folded(text).rstrip(" ").endswith("b."):
        return
    if not _BIRTH.search(text.lower()):
        return
    for m in _DATE.finditer(text):
        if _near_before(text, m.start(), _BIRTH, 36):
            yield "DATE_OF_BIRTH", m.start(), m.end(), 0.9


# ---------------------------------------------------------------------------------- street addresses
_STREET_TYPES = (
    "Street St Road Rd Avenue Ave Av Lane Ln Drive Dr Close Way Court Ct Place Pl Terrace Ter Crescent "
    "Cres Boulevard Blvd Square Sq Gardens Gdns Grove Row Hill Park Parade Walk Mews Highway Hwy Parkway "
    "Pkwy Circle Cir Trail Trl Plaza Alley Green Rise Heights Wharf Quay Esplanade Broadway Causeway Vale "
    "Meadow Meadows Yard Hollow"
).split()
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’\-]{0,30}"
_TOWN = r"(?:[A-ZÀ-ÖØ-Þ]|[Ā-ſ])[a-zß-öø-ÿĀ-ſ'’\-]{1,30}"
# A pattern that starts with a character class lets ``re`` skip ahead to it; a leading look-behind does not,
# so the look-behinds below come after the first character.
_NUMBER_FIRST = re.compile(
    r"\d(?<![\w.,/\-]\d)\d{0,4}(?:st|nd|rd|th|[A-Za-z])?(?:[\-/]\d{1,4})?,?[ ]{1,2}(?:(?:[NSEW]|North|South|East|West)\.?[ ])?"
    r"(?:" + _CAP + r"[ ]){1,3}(?:" + "|".join(_STREET_TYPES) + r")\b\.?"
)
_CONTINENTAL_SUFFIX = re.compile(
    r"(?<![\w\-])[A-ZÄÖÜÅÆØ][\w\-]{1,40}?"
    r"(?:straße|strasse|str\.|weg|gasse|platz|allee|chaussee|gracht|laan|straat|plein|vej|gatan|vägen|"
    r"gata|katu|utca|ulica)"
    r"[ ]{1,2}\d{1,4}[a-zA-Z]?(?:[ ]?[\-/][ ]?\d{1,4})?(?![\w.]\d|\w)"
)
_LEAD_WORDS = (
    r"rue|avenue|av\.|boulevard|bd|chemin|impasse|allée|quai|calle|c/|avenida|avda\.|paseo|camino|"
    r"carrer|via|viale|piazza|corso|largo|vicolo|rua|travessa|praça|ul\.|al\.|aleja|ulica"
)
# A number followed by a unit is a quantity ("via Amazon 3 days"), not a house number.
_UNITS = (
    r"(?:days?|hours?|hrs?|h|mins?|minutes?|seconds?|secs?|s|ms|times|weeks?|months?|years?|gb|mb|tb|"
    r"gib|mib|nodes?|replicas?|instances?|azs?|zones?|regions?|x)\b"
)
_LEAD_FIRST = re.compile(
    r"(?i)(?<![\w\-./])(?P<number>\d{1,4}(?:\s?(?:bis|ter))?,?\s{1,2})?(?:"
    + _LEAD_WORDS
    + r")\s{1,2}"
    r"(?:(?:de|del|de la|des|du|della|delle|dei|di|do|da|dos|das|la|le|les|l'|d')\s{0,2}){0,2}"
    r"(?-i:"
    + _CAP
    + r")(?:\s(?-i:"
    + _CAP
    + r")){0,3}(?P<house>,?\s{1,2}(?:n[º°o.]\s?)?\d{1,4}[a-z]?(?:[/\-]\d{1,4}[a-z]?)?(?![\w.]\d)(?!\s?"
    + _UNITS
    + r"))?"
    r"(?!\w)"
)
_UNIT = re.compile(
    r"(?<![\w\-])(?:Apt|Apartment|Suite|Unit|Flat|apt)\.?[ ]?#?\d{1,5}(?![\w.]\d|\w)"
)
_PO_BOX = re.compile(
    r"(?i)(?<!\w)(?:p\.?\s?o\.?\s?box|post(?:fach| office box)|apartado(?: de correos)?|boîte postale|"
    r"psc\s\d{3,5},?\s?box)\s{0,2}\d{1,6}(?!\d)"
)
_ADDRESS_CONTEXT = re.compile(
    r"(?i)(?:\b(?:home|postal|mailing|street|residential|billing|shipping|delivery|private|new|current)\s"
    r"address\b(?:\sis)?|\blives at|\bliving at|\bresides? at|\bship to|\bdeliver to|\bsend it to|"
    r"\banschrift|\bwohnadresse|\bwohnt in|\badresse(?: postale)?|\bdomicile|\bdirecci[óo]n|\bdomicilio|"
    r"\bindirizzo|\bmorada|\bendere[çc]o|\badres(?: zamieszkania)?)\s{0,2}[:\-]?\s{0,2}"
)
# Postcodes: UK, US state + ZIP, Canadian province + code, Australian state + code, Dutch, Swedish, Polish,
# Portuguese and Brazilian, Indian PIN, and the plain 4-5 digit ones.
_POSTCODE = (
    r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
    r"|[A-Z]{2}\s\d{5}(?:-\d{4})?"
    r"|[A-Z]{2}\s[A-Z]\d[A-Z]\s?\d[A-Z]\d"
    r"|(?:NSW|VIC|QLD|ACT|TAS|WA|SA|NT)\s\d{4}"
    r"|\d{4}\s?[A-Z]{2}(?![\w])"
    r"|\d{3}\s\d{2}(?!\d)"
    r"|\d{2}-\d{3}(?!\d)"
    r"|\d{4,5}(?:-\d{3,4})?"
    r"|\d{6}"
)
# What may follow a street and house number, one piece at a time: a flat or floor, a postcode (with its town),
# a town (with a Dublin district), a Brazilian state after " - ".
_TAIL = re.compile(
    r"(?:,[ \t]{0,2}\n?[ \t]{0,2}|[ \t]{1,2}-[ \t]{1,2}|[ \t]{1,2})(?:"
    r"(?:(?i:apartment|appartement|apto|apt|flat|suite|unit|ste|floor|fl|building|bldg|piso|app|bte)\.?"
    r"|(?:m|lok|esc)\.)[ ]{0,2}#?[ ]{0,2}[\w\-]{1,6}"
    r"|#[ ]?\d{1,5}"
    r"|\d{1,2}[ ]?[º°ªoa](?=[ ,])[ ]?[A-Z]?"  # a Spanish floor, "4º B" (NFKC makes º an o)
    r"|(?:" + _POSTCODE + r")(?:[ ]{1,2}" + _TOWN + r"(?:[ \-]" + _TOWN + r"){0,2})?"
    r"|" + _TOWN + r"(?:[ \-]" + _TOWN + r"){0,2}(?:[ ]\d{1,2}W?)?"
    r"|(?<=- )[A-Z]{2}"
    r")(?![\w])"
)
# A street without a street type is still an address when a postcode and a town follow ("Am Kirchberg 7,
# 97070 Würzburg", "Storgatan 51, 868 38 Göteborg").
_WORDS_NUMBER_POSTCODE = re.compile(
    r"[A-ZÀ-ÖØ-Þ](?<![\w\-][A-ZÀ-ÖØ-Þ])[\w'’\-]{1,30}(?:[ ](?:[A-ZÀ-ÖØ-Þ][\w'’\-]{1,30}|"
    r"de|del|la|los|las|der|den|di|da|do|dos|das|des|du|van|von|am|an|im|zum|zur|auf|le|les)){0,3}[ ]\d{1,4}"
    r"[a-zA-Z]?(?:[/\-]\d{1,4})?,[ ]{0,2}(?:\d{5}|\d{4}[ ]?[A-Z]{2}|\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{4}-\d{3}|\d{4})"
    r"[ ]{1,2}" + _TOWN
)
_POSTCODE_GATE = re.compile(r",[ ]{0,2}\d{2}")
_JAPANESE = re.compile(r"〒\d{3}-\d{4}[ ]?[^\s,;\"'<>]{0,40}")
_CONTEXT_VALUE = re.compile(r"[^\n;]{6,90}")


_DIGIT = re.compile(r"\d")


def _extend(text: str, end: int) -> int:
    for _ in range(6):  # bounded: flat, postcode, town, district, state...
        m = _TAIL.match(text, end)
        if m is None:
            break
        end = m.end()
    return end


_CONTINENTAL_GATE = Gate.of(
    "straße strasse str. weg gasse platz allee chaussee gracht laan straat plein vej gatan vägen gata katu "
    "utca ulica".split()
)
# A lead word starts a word (after a house number's space or a non-word character) and ends before a space.
_LEAD_GATE = Gate.of(words=_LEAD_WORDS.replace("\\", "").split("|"))
_UNIT_GATE = Gate.of(
    patterns=[rf"{w}\.? ?#?\d" for w in ("apt", "apartment", "suite", "unit", "flat")]
)
_PO_BOX_GATE = Gate.of(
    ["apartado"], patterns=[r"box {0,2}\d", r"postfach {0,2}\d", r"postale {0,2}\d"]
)
_ADDRESS_CONTEXT_GATE = Gate.of(
    starts=[
        *(
            f"{w} address"
            for w in "home postal mailing street residential billing shipping delivery private new "
            "current".split()
        ),
        *"lives at|living at|resides at|reside at|ship to|deliver to|send it to|anschrift|adres|wohnadres|wohnt in|"
        "domicil|"
        "direcci|indirizzo|morada|endere".split("|"),
    ]
)


def street_addresses(text: str) -> Iterator[Found]:
    if _DIGIT.search(text):
        for pattern, gate in (
            (_NUMBER_FIRST, None),
            (_CONTINENTAL_SUFFIX, _CONTINENTAL_GATE),
            (_LEAD_FIRST, _LEAD_GATE),
            (_PO_BOX, _PO_BOX_GATE),
        ):
            if gate is not None and not gate.open(text):
                continue
            for m in pattern.finditer(text):
                if pattern is _LEAD_FIRST and not (m.group("number") or m.group("house")):
                    continue  # "via Terraform", "rue" in prose: only with a house number
                yield "STREET_ADDRESS", m.start(), _extend(text, m.end()), 0.8
        if _UNIT_GATE.open(text):
            for m in _UNIT.finditer(text):
                yield "STREET_ADDRESS", m.start(), m.end(), 0.7
        if _POSTCODE_GATE.search(text):
            for m in _WORDS_NUMBER_POSTCODE.finditer(text):
                street = m.group().split(",", 1)[0].lower().split()
                if not _MONTHS.intersection(
                    w.rstrip(".") for w in street
                ):  # "March 11, 2013 Question"
                    yield "STREET_ADDRESS", m.start(), _extend(text, m.end()), 0.75
        if "〒" in text:
            for m in _JAPANESE.finditer(text):
                yield "STREET_ADDRESS", m.start(), m.end(), 0.85
    if not _ADDRESS_CONTEXT_GATE.open(text):
        return
    for m in _ADDRESS_CONTEXT.finditer(text):
        if re.search(
            r"(?i)\b(?:ip|e-?mail|mac|web|wallet|memory|return|source|destination)\s?$",
            text[max(0, m.start() - 12) : m.start()],
        ):
            continue
        value = _CONTEXT_VALUE.match(text, m.end())
        if value is None or not any(ch.isdigit() for ch in value.group()):
            continue
        cut = re.search(r"(?<=\w)[.!?](?:\s|$)|\s(?:and|with|for|please|but)\s", value.group())
        found = value.group()[: cut.start() + 1 if cut else len(value.group())].rstrip()
        if any(ch.isdigit() for ch in found):
            yield "STREET_ADDRESS", m.end(), m.end() + len(found), 0.75


# -------------------------------------------------------------------------------------- national ids
# Every cue starts a word: the leading \b lets the engine skip positions inside words at once (the
# alternation tried at every character cost ~5 ms on a 600-word prompt).
_ID_CONTEXT = re.compile(
    r"(?i)\b(?:passport|national[\s_\-]?id(?:entity|entifier)?|identity[\s_\-]?(?:card|number)|"
    r"\bid[\s_\-]?(?:card|number)|identification[\s_\-]?number|tax[\s_\-]?file[\s_\-]?number|"
    r"tax[\s_\-]?(?:id|number)|taxpayer|\btin\b|\btfn\b|\bvat[\s_\-]?id|steueridentifikationsnummer|"
    r"steuernummer|steuer[\s_\-]?id|sozialversicherungsnummer|personalausweis|ausweisnummer|reisepass|"
    r"\bahv\b|\bavs\b|codice[\s_\-]?fiscale|carta d'identit[àa]|\bbsn\b|burgerservicenummer|\bpesel\b|"
    r"personnummer|personal[\s_\-]?(?:number|id|code)|\bcpr\b|henkilötunnus|\bhetu\b|aadhaa?r|\bpan\b|"
    r"social[\s_\-]?insurance|\bsin\b|\bnric\b|\bhkid\b|\bcpf\b|\bcurp\b|\brfc\b|\bpps\b|\binsee\b|\bnir\b|"
    r"s[ée]curit[ée] sociale|num[ée]ro de s[ée]cu|numéro fiscal|numéro d'identification|carte d'identité|"
    r"pièce d'identité|cédula|\bdni\b|\bnie\b|\bnif\b|\bnss\b|\bcnp\b|\boib\b|\bjmbg\b|rodné číslo|"
    r"driver'?s?'?[\s_\-]?licen[cs]e|driving[\s_\-]?licen[cs]e|licen[cs]e[\s_\-]?(?:number|no)|\bnhs\b|medicare|"
    r"insurance[\s_\-]?(?:number|no)|policy[\s_\-]?(?:number|no)|member[\s_\-]?id|patient[\s_\-]?id|\bmrn\b|"
    r"medical[\s_\-]?record)"
)
# What may sit between the id word and the value: "number", "no.", "Nr.", quotes of a record key, ":", "=".
_ID_VALUE = re.compile(
    r"(?:[\s\"'_]{0,3}(?:number|nummer|numéro|numero|número|no\.?|nr\.?|n[º°]|num\.?|#|is|was|ist|est|es|:|=|-|\.)){0,3}"
    r"[\s\"']{0,3}([A-Z0-9](?:[A-Z0-9]|[ \-./](?=[A-Z0-9])){4,24})(?![\w\-])"
)
_NIR = re.compile(
    r"([12])(?<!\w[12])\s?(\d{2})\s?(0[1-9]|1[0-2]|[2-9]\d)\s?(\d{2}|2[AB])\s?(\d{3})\s?(\d{3})\s?(\d{2})(?!\w)"
)
_CODICE = re.compile(r"([A-Z](?<!\w[A-Z])[A-Z]{5}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3})([A-Z])(?!\w)")
_CPF = re.compile(r"(\d(?<![\w.\-]\d)\d{2})\.(\d{3})\.(\d{3})-(\d{2})(?![\w\-]|\.\d)")
_CODICE_ODD = [
    1,
    0,
    5,
    7,
    9,
    13,
    15,
    17,
    19,
    21,
    2,
    4,
    18,
    20,
    11,
    3,
    6,
    8,
    12,
    14,
    16,
    10,
    22,
    25,
    24,
    23,
]


def _nir_ok(m: re.Match[str]) -> bool:
    dept = m.group(4).replace("2A", "19").replace("2B", "18")
    number = int(m.group(1) + m.group(2) + m.group(3) + dept + m.group(5) + m.group(6))
    return 97 - number % 97 == int(m.group(7))


def _codice_ok(body: str, check: str) -> bool:
    total = 0
    for i, ch in enumerate(body):
        value = int(ch) if ch.isdigit() else ord(ch) - 65
        total += value if i % 2 else _CODICE_ODD[value]
    return chr(65 + total % 26) == check


def _cpf_ok(digits: str) -> bool:
    if len(set(digits)) == 1:
        return False
    for size in (9, 10):
        total = sum(int(d) * (size + 1 - i) for i, d in enumerate(digits[:size]))
        if (total * 10 % 11) % 10 != int(digits[size]):
            return False
    return True


# One needle per _ID_CONTEXT branch, in each spelling of its separator, each at the start of a word as the
# pattern's leading \b requires; short ids must stand as whole words ("tin" is in "setting").
_ID_PHRASES = (
    "national id|identity card|identity number|id card|id number|identification number|tax id|tax number|"
    "tax file|vat id|steuer id|personal number|personal id|personal code|social insurance|driver licen|"
    "drivers licen|driver's licen|drivers' licen|driving licen|license number|license no|licence number|"
    "licence no|insurance number|insurance no|policy number|policy no|member id|patient id|medical record"
).split("|")
_ID_GATE = Gate.of(
    starts=[p.replace(" ", sep) for p in _ID_PHRASES for sep in (" ", "_", "-", "")]
    + "passport|taxpayer|steuer|sozialversicherung|personalausweis|ausweisnummer|reisepass|codice|"
    "carta d'identit|burgerservicenummer|personnummer|henkilötunnus|aadha|numéro fiscal|"
    "numéro d'identification|numero de s|numéro de s|sécurité sociale|securite sociale|"
    "sécurite sociale|securité sociale|carte d'identit|pièce d'identit|cédula|"
    "rodné číslo|medicare".split("|"),
    words="tin tfn bsn pesel cpr sin nric hkid cpf curp rfc dni nie nif nss cnp oib jmbg ahv avs hetu pan "
    "pps insee nir mrn nhs".split(),
)
# Formats distinctive enough to be found without an id word, each with its check digits (``pii_checksums``).
_AHV = re.compile(r"7(?<![\w.]7)56[.\s]?\d{4}[.\s]?\d{4}[.\s]?\d{2}(?![\w]|\.\d)")
_BIRTH_SERIAL = re.compile(r"\d(?<![\w\-+]\d)\d{5}(?:\d{2})?[-+A-FU-Y]\d{3}[0-9A-Y](?![\w\-])")
_BIRTH_SERIAL_GATE = re.compile(r"\d{6}[-+A-FU-Y]\d{3}")
_PAN = re.compile(r"[A-Z](?<![\w][A-Z])[A-Z]{2}P[A-Z]\d{4}[A-Z](?![\w])")


def _checksummed_ids(text: str) -> Iterator[Found]:
    if "756" in text:
        for m in _AHV.finditer(text):
            if ahv_ok(m.group()):
                yield "NATIONAL_ID", m.start(), m.end(), 0.9
    if _BIRTH_SERIAL_GATE.search(text):
        for m in _BIRTH_SERIAL.finditer(text):
            if hetu_ok(m.group()) or personnummer_ok(m.group()):
                yield "NATIONAL_ID", m.start(), m.end(), 0.85
    for m in _PAN.finditer(text):
        yield "NATIONAL_ID", m.start(), m.end(), 0.75


def national_ids(text: str) -> Iterator[Found]:
    for m in _NIR.finditer(text):
        if _nir_ok(m):
            yield "NATIONAL_ID", m.start(), m.end(), 0.9
    for m in _CODICE.finditer(text):
        if _codice_ok(m.group(1), m.group(2)):
            yield "NATIONAL_ID", m.start(), m.end(), 0.9
    for m in _CPF.finditer(text):
        if _cpf_ok("".join(m.groups())):
            yield "NATIONAL_ID", m.start(), m.end(), 0.9
    yield from _checksummed_ids(text)
    if not _ID_GATE.open(text):
        return
    for m in _ID_CONTEXT.finditer(text):
        if re.search(r"(?i)\b(?:aws|account|acct)\b", text[max(0, m.start() - 20) : m.start()]):
            continue  # "AWS account id number 1111..." is an infrastructure value
        value = _ID_VALUE.match(text, m.end())
        if value is None:
            continue
        token = value.group(1)
        if sum(ch.isdigit() for ch in token) >= 6 or (
            sum(ch.isdigit() for ch in token) >= 4 and sum(ch.isalpha() for ch in token) >= 1
        ):
            score = 0.95 if id_checksum_ok(token) else 0.85
            yield "NATIONAL_ID", value.start(1), value.end(1), score


# ------------------------------------------------------------------------------------ bank accounts
_SORT_CODE = re.compile(r"(?i)sort\s?code\s{0,2}[:\-]?\s{0,2}(\d{2}[\- ]\d{2}[\- ]\d{2})(?!\d)")
_ROUTING = re.compile(
    r"(?i)(?:routing|\baba)(?:\s(?:number|no\.?|#))?\s{0,2}[:\-]?\s{0,2}(\d{9})(?!\d)"
)
_ACCOUNT = re.compile(
    r"(?i)(?:account\s(?:number|no\.?|nr\.?|#)|(?:checking|savings|current|bank|deposit)\saccount"
    r"(?:\s(?:number|no\.?|#))?|acct\.?\s?(?:number|no\.?|#)?|kontonummer|konto-?nr\.?|girokonto|"
    r"numéro de compte|n° de compte|número de cuenta|numero di conto|conto corrente|rekeningnummer|"
    r"numer konta)"
    r"\s{0,2}[:\-]?\s{0,2}(\d[\d \-]{4,20}\d)(?!\d)"
)
_BANK_WORDS = re.compile(
    r"bank|checking|savings|sort\s?code|routing|iban|payout|payee|beneficiary|deposit|kontonummer|"
    r"compte|cuenta|conto|rekening|konta|wire|ach\b"
)


def _aba_ok(digits: str) -> bool:
    weights = (3, 7, 1) * 3
    return (
        sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10 == 0
        and digits != "0" * 9
    )


_SORT_CODE_GATE = Gate.of(["sort"])
_ROUTING_GATE = Gate.of(["routing"], patterns=[r"aba(?<!\waba)"])
_ACCOUNT_GATE = Gate.of(
    ["acct", "konto", "compte", "cuenta", "conto", "rekeningnummer", "konta"],
    patterns=[r"account (?:n|#)"],
    starts=[f"{kind} account" for kind in ("checking", "savings", "current", "bank", "deposit")],
)
_BLZ = re.compile(r"(?i)\b(?:blz|bankleitzahl)\s{0,2}[:\-]?\s{0,2}(\d{3}\s?\d{3}\s?\d{2})(?!\d)")
_BLZ_GATE = Gate.of(["bankleitzahl"], words=["blz"])


def bank_accounts(text: str) -> Iterator[Found]:
    if _SORT_CODE_GATE.open(text):
        for m in _SORT_CODE.finditer(text):
            yield "BANK_ACCOUNT", m.start(1), m.end(1), 0.9
    if _ROUTING_GATE.open(text):
        for m in _ROUTING.finditer(text):
            if _aba_ok(m.group(1)):
                yield "BANK_ACCOUNT", m.start(1), m.end(1), 0.9
    if _BLZ_GATE.open(text):
        for m in _BLZ.finditer(text):
            yield "BANK_ACCOUNT", m.start(1), m.end(1), 0.85
    if not _ACCOUNT_GATE.open(text):
        return
    for m in _ACCOUNT.finditer(text):
        around = text[max(0, m.start() - 60) : m.end() + 30].lower()
        if "aws" in around or not _BANK_WORDS.search(around):
            continue  # an AWS account id is an infrastructure value
        yield "BANK_ACCOUNT", m.start(1), m.end(1), 0.85
