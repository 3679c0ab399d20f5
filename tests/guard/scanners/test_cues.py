"""The cue gates must never be closed where the pattern behind them matches: written samples for every
branch of every gated pattern (in upper case, with tabs, with Turkish and long-s letters), then the shared
data sets, checked pattern by pattern."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import pytest

from palisade.guard.scanners import pii, pii_health, pii_names, pii_records, secrets
from palisade.guard.scanners.cues import Gate, folded
from tests.helpers import shared_data_dir

DATA = shared_data_dir()

Search = Callable[[str], object]


def _on_lower(pattern: re.Pattern[str]) -> Search:
    return lambda text: pattern.search(text.lower())


def _birth_gate(text: str) -> bool:
    return pii_records._BIRTH_GATE.open(text) or folded(text).rstrip(" ").endswith("b.")


# One spelling of every branch of pii_health._TERMS.
_HEALTH_SAMPLES = (
    "type 1 diabetes|diabetes|diabetic|breast cancer|cancer|leukemia|leukaemia|lymphoma|tumor|tumour|chemo|"
    "chemotherapy|radiotherapy|dialysis|epilepsy|epileptic|seizure|seizures|asthma|hiv|hiv-positive|hepatitis|"
    "hepatitis b|tuberculosis|multiple sclerosis|parkinson's|alzheimers|dementia|heart attack|heart condition|"
    "heart failure|heart surgery|cardiac arrest|stroke|depression|depressive|anxiety disorder|panic attacks|"
    "panic disorder|bipolar|schizophrenia|ptsd|adhd|autism|autistic|eating disorder|anorexia|bulimia|burnout|"
    "burn-out|long covid|pregnant|pregnancy|pregnancy complications|miscarriage|chronic pain|chronic fatigue|"
    "chronic illness|fibromyalgia|crohn's|colitis|coeliac|celiac|migraine|migraines|insulin|antidepressants|"
    "addiction|alcoholism|back surgery|knee surgery|surgery|broken leg|broken pelvis|fracture|hip injury|"
    "knee replacement|disability|kidney failure|kidney disease|sick leave|medical leave|chemotherapie|"
    "depressionen|schwanger|schwangerschaft|bandscheibenvorfall|herzinfarkt|schlaganfall|epilepsie|demenz|"
    "krankgeschrieben|krankschreibung|behinderung|krebserkrankung|hat krebs|an krebs|chimiothérapie|"
    "chimiotherapie|dialyse|diabète|diabete|dépression|depression|enceinte|grossesse|fausse couche|épilepsie|"
    "asthme|arrêt maladie|arret maladie|handicap|infarctus|cancer du sein|cáncer|cancer|quimioterapia|diálisis|"
    "dialisis|depresión|depresion|embarazada|embarazo|epilepsia|asma|baja médica|baja medica|discapacidad|"
    "infarto|ictus|cancro|tumore|chemioterapia|dialisi|diabete|depressione|incinta|gravidanza|epilessia|"
    "disabilità|disabilita|diálise|dialise|depressão|depressao|grávida|gravida|gravidez|licença médica|"
    "licenca medica|deficiência|deficiencia|nowotwór|nowotwor|chemioterapię|dializa|cukrzycę|depresja|w ciąży|"
    "ciąża|padaczka|zwolnienie lekarskie|niepełnosprawny|zawał|zawale|udar|kanker|depressie|zwanger|"
    "zwangerschap|astma|ziekteverlof|hartaanval|beroerte"
).split("|")

# gate, what the recognizer searches, samples (each one must match)
CASES: list[tuple[str, Callable[[str], bool], Search, list[str]]] = [
    (
        "obfuscated e-mail",
        pii._BRACKET_AT_GATE.open,
        pii._EMAIL_OBFUSCATED.search,
        ["jane.doe [at] corp [dot] io", "jane(AT)corp.io", "jane { at } corp . io", "j <at> c.io"],
    ),
    (
        "introductions",
        pii_names._INTRO_GATE.open,
        pii_names._INTRO.search,
        [
            "my name is anna",
            "My name's Anna",
            "the name is Anna",
            "I am called Anna",
            "I'm called Anna",
            "call me Anna",
            "first name: Anna",
            "Surname Kowalski",
            "lastname: K",
            "full name is Anna",
            "given name Anna",
            "family name: K",
            "middle name: B",
            "maiden name: X",
            "name: Anna",
            "Name ? Anna",
            "name on the card: Anna",
            "signed: Anna",
            "signed , Anna",
            "Sincerely, Anna",
            "regards, Anna",
            "thanks, Anna",
            "thank you, Anna",
            "cheers, Anna",
            "best, Anna",
            "From: Anna",
            "from : Anna",
            "attn Anna",
            "attn.: Anna",
            "attention: Anna",
            "account holder: Anna",
            "under my name",
            "under the customer's name",
            "beneficiary: Anna",
        ],
    ),  # fmt: skip
    (
        "birth words",
        _birth_gate,
        _on_lower(pii_records._BIRTH),
        [
            "born 1990",
            "birthday",
            "DOB: 1.2.1990",
            "user_dob=1990-01-02",
            "d.o.b 1990",
            "Anna Kowalska, b.",
            "geboren am",
            "geb. 1980",
            "Geburtsdatum",
            "Geburtstag",
            "né le 3 mai",
            "née Dupont",
            "ne le 3",
            "date de naissance",
            "nacido",
            "nacida",
            "nacimiento",
            "nato il",
            "nata il",
            "nascita",
            "nascido",
            "nascida",
            "geboortedatum",
            "urodzony",
            "data urodzenia",
            "født",
            "född",
            "fødselsdato",
            "födelsedatum",
            "syntynyt",
            "syntymäaika",
            "doğum",
            "生年月日",
            "出生",
        ],
    ),  # fmt: skip
    (
        "continental streets",
        pii_records._CONTINENTAL_GATE.open,
        pii_records._CONTINENTAL_SUFFIX.search,
        [
            "Hauptstraße 12",
            "Hauptstrasse 12",
            "Hauptstr. 12",
            "Birkenweg 3",
            "Domgasse 5",
            "Marktplatz 1",
            "Lindenallee 7",
            "Berlinerchaussee 4",
            "Keizersgracht 12",
            "Dorpslaan 5",
            "Kerkstraat 3",
            "Stationsplein 1",
            "Strandvej 5",
            "Storgatan 3",
            "Kungsvägen 2",
            "Storgata 4",
            "Aleksanterinkatu 5",
            "Kossuthutca 3",
            "Nowaulica 5",
        ],
    ),  # fmt: skip
    (
        "lead words",
        pii_records._LEAD_GATE.open,
        pii_records._LEAD_FIRST.search,
        [
            "12 rue de la Paix",
            "rue Victor Hugo 3",
            "3 avenue Foch",
            "av. Paulista 1000",
            "boulevard Haussmann 5",
            "bd Voltaire 4",
            "chemin Vert 3",
            "impasse Rose 2",
            "allée Verte 1",
            "quai Branly 2",
            "Calle Mayor 3",
            "c/ Mayor 3",
            "avenida Paulista 100",
            "avda. Diagonal 12",
            "paseo Gracia 5",
            "camino Real 3",
            "carrer Balmes 4",
            "via Roma 10",
            "viale Monza 5",
            "piazza Navona 3",
            "corso Como 2",
            "largo Augusto 1",
            "vicolo Stretto 4",
            "rua Augusta 3",
            "travessa Nova 2",
            "praça Sé 1",
            "ul. Długa 5",
            "al. Jerozolimskie 3",
            "aleja Róż 2",
            "ulica Długa 5",
            "(via Roma 10)",
        ],
    ),  # fmt: skip
    (
        "flats",
        pii_records._UNIT_GATE.open,
        pii_records._UNIT.search,
        ["Apt 4", "Apt. #12", "Apartment 5", "Suite 100", "Unit 3", "Flat 2", "apt 7", "Apt4"],
    ),
    (
        "PO boxes",
        pii_records._PO_BOX_GATE.open,
        pii_records._PO_BOX.search,
        [
            "P.O. Box 123",
            "PO Box 5",
            "p o box 7",
            "Post Office Box 9",
            "Postfach 12",
            "Apartado 3",
            "Apartado de Correos 5",
            "boîte postale 4",
            "PSC 1234, Box 56",
        ],
    ),  # fmt: skip
    (
        "address words",
        pii_records._ADDRESS_CONTEXT_GATE.open,
        pii_records._ADDRESS_CONTEXT.search,
        [
            "home address: 12",
            "postal address is",
            "mailing address",
            "street address",
            "new address",
            "residential address",
            "billing address",
            "shipping address",
            "delivery address",
            "private address",
            "current address",
            "lives at",
            "living at",
            "resides at",
            "reside at",
            "ship to",
            "deliver to",
            "send it to",
            "Anschrift:",
            "Wohnadresse",
            "wohnt in",
            "Adresse postale",
            "domicile",
            "dirección",
            "direccion",
            "domicilio",
            "indirizzo",
            "morada",
            "endereço",
            "endereco",
            "adres zamieszkania",
        ],
    ),  # fmt: skip
    (
        "identity documents",
        pii_records._ID_GATE.open,
        pii_records._ID_CONTEXT.search,
        [
            "passport",
            "national id",
            "national identity",
            "national_id",
            "nationalId",
            "identity card",
            "identity_number",
            "id card",
            "id number",
            "id_card",
            "identification number",
            "tax id",
            "tax_id",
            "taxId",
            "tax number",
            "tax file number",
            "taxpayer",
            "my tin",
            "tfn",
            "vat id",
            "vat_id",
            "steuer-id",
            "steuerid",
            "steuer_id",
            "steuernummer",
            "steueridentifikationsnummer",
            "sozialversicherungsnummer",
            "ahv",
            "avs",
            "personalausweis",
            "ausweisnummer",
            "reisepass",
            "codice fiscale",
            "carta d'identità",
            "carta d'identita",
            "bsn",
            "burgerservicenummer",
            "pesel",
            "personnummer",
            "personal number",
            "personal_id",
            "personal code",
            "cpr",
            "henkilötunnus",
            "hetu",
            "aadhar",
            "aadhaar",
            "aadhaar_no",
            "pan",
            "pan card",
            "sin",
            "social insurance",
            "social_insurance",
            "nric",
            "hkid",
            "cpf",
            "curp",
            "rfc",
            "pps",
            "insee",
            "nir",
            "sécurité sociale",
            "securite sociale",
            "numéro de sécu",
            "numero de secu",
            "numéro fiscal",
            "numéro d'identification",
            "carte d'identité",
            "pièce d'identité",
            "cédula",
            "dni",
            "nie",
            "nif",
            "nss",
            "cnp",
            "oib",
            "jmbg",
            "rodné číslo",
            "driver's license",
            "driver_license",
            "driverslicense",
            "drivers licence",
            "drivers' license",
            "driving licence",
            "license number",
            "licence no",
            "nhs number",
            "nhs no",
            "nhs",
            "medicare",
            "insurance number",
            "insurance_no",
            "insurance no",
            "policy number",
            "policy_number",
            "policy no",
            "member id",
            "member_id",
            "memberId",
            "patient id",
            "patientId",
            "mrn",
            "medical record",
            "medical_record",
        ],
    ),  # fmt: skip
    (
        "sort codes",
        pii_records._SORT_CODE_GATE.open,
        pii_records._SORT_CODE.search,
        ["sort code: 12-34-56", "sortcode 12 34 56"],
    ),
    (
        "routing numbers",
        pii_records._ROUTING_GATE.open,
        pii_records._ROUTING.search,
        ["routing number: 021000021", "ABA 021000021", "aba no. 021000021", "ABA021000021"],
    ),
    (
        "account numbers",
        pii_records._ACCOUNT_GATE.open,
        pii_records._ACCOUNT.search,
        [
            "account number: 12345678",
            "Account No. 12345678",
            "account nr 12345678",
            "account # 12345678",
            "acct 12345678",
            "acct. no 12345678",
            "kontonummer 12345678",
            "konto-nr 12345678",
            "kontonr. 1234567",
            "numéro de compte 123456",
            "n° de compte 123456",
            "número de cuenta 123456",
            "numero di conto 123456",
            "rekeningnummer 123456",
            "numer konta 123456",
            "checking account 1234567890",
            "savings account no. 1234567",
            "current account # 1234567",
            "bank account number 1234567",
            "deposit account 1234567",
            "girokonto 1234567",
            "conto corrente 123456",
        ],
    ),  # fmt: skip
    (
        "bank codes",
        pii_records._BLZ_GATE.open,
        pii_records._BLZ.search,
        ["BLZ 370 400 44", "blz: 37040044", "Bankleitzahl 37040044"],
    ),
    (
        "health conditions",
        pii_health._GATE.open,
        pii_health._CONDITION.search,
        list(_HEALTH_SAMPLES),
    ),
]


def _variants(text: str) -> Iterator[str]:
    """The sample and spellings a case-insensitive pattern still matches."""
    yield text
    yield text.upper()
    yield text.title()
    yield text.replace(" ", "\t")
    yield text.replace(" ", "\n")
    yield text.replace(" ", "\u00a0")
    yield text.replace("i", "\u0131").replace("I", "\u0130")
    yield text.upper().replace("I", "\u0130")
    yield text.replace("s", "\u017f")


@pytest.mark.parametrize(
    ("gate", "search", "samples"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_every_branch_opens_its_gate(
    gate: Callable[[str], bool], search: Search, samples: list[str]
) -> None:
    for sample in samples:
        texts = [
            t for t in (f"Details follow. {sample} and more.", f"Details: {sample}") if search(t)
        ]
        assert texts, f"the sample {sample!r} does not exercise the pattern"
        for variant in (v for t in texts for v in _variants(t)):
            if search(variant):
                assert gate(variant), variant


def test_spoken_email_gate() -> None:
    for text in ("jane at corp dot io", "jane\tat\tcorp\tdot\tio", "JANE  AT  CORP  DOT  IO"):
        assert pii._EMAIL_SPOKEN.search(text)
        assert any(e.type == "EMAIL_ADDRESS" for e in pii.PiiDetector(["EMAIL_ADDRESS"]).find(text))


def test_gates_stay_closed_on_ordinary_prose() -> None:
    text = (
        "Please create a private bucket for the payments team with versioning, route the logs via the "
        "central account and keep the routing table unchanged. Rotate the key every year."
    )
    opened = {name for name, gate, _, _ in CASES if gate(text)}
    assert opened == {"lead words", "routing numbers"}  # "via", "routing": cheap false alarms


def _rows() -> Iterator[str]:
    for name in ("pii", "requests", "secrets"):
        path = DATA / name / "dev.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text")
            if isinstance(text, str):
                yield text


def test_gates_hold_on_the_shared_data() -> None:
    rows = list(_rows())
    if not rows:
        pytest.skip("the shared data sets are not available")
    for text in rows:
        for variant in (text, text.upper()):
            for name, gate, search, _ in CASES:
                if search(variant):
                    assert gate(variant), (name, variant[:200])


def test_secret_rule_needles_hold_on_the_shared_data() -> None:
    rows = list(_rows())
    if not rows:
        pytest.skip("the shared data sets are not available")
    gated = [rule for rule in secrets._SHAPED if rule.needles]
    assert {"vendor-token", "gitlab-token"} <= {rule.kind for rule in gated}
    for text in rows:
        for rule in gated:
            m = rule.pattern.search(text)
            if m is not None:
                assert any(n in text.lower() for n in rule.needles), (rule.kind, m.group())


def test_folded_text() -> None:
    assert folded("NATIONAL\tID") == "national id"
    assert folded("NATİONAL\u00a0ıD \n ſ") == " national id s "
    assert Gate.of(words=["tin"]).open("my TIN: 1234")
    assert not Gate.of(words=["tin"]).open("the setting and routing")
    assert Gate.of(words=["al."]).open("al. Jerozolimskie") and not Gate.of(words=["al."]).open(
        "total."
    )


def test_starts_needles_are_looked_up_by_word_prefix() -> None:
    gate = Gate.of(starts=["national id", "tax_id", "passport"])
    assert gate.open("my NATIONAL\tID is") and gate.open("tax_id=1") and gate.open("Passports here")
    assert not gate.open(
        "the international idea"
    )  # the needle occurs, but not at the start of a word
    with pytest.raises(ValueError, match="words="):
        Gate.of(starts=["tin"])  # a prefix of "tinder" too: a short word belongs in words=
    # words split at underscores as well, which only ever opens a gate more often
    assert Gate.of(words=["dob"]).open("user_dob=1990-01-02")
