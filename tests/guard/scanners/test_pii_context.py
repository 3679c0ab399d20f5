"""What users paste into an infrastructure chat: personal data in records, rotas, file names, other languages and
national formats, found by class (record keys and table headers, role words, contact values next to a name,
e-mail addresses that spell a name, check digits, health words next to a person); and the look-alikes that
must stay (product names, role mailboxes, style records, dates, CIDRs)."""

from __future__ import annotations

import pytest

from palisade.guard.registry import DEFAULT_ANONYMIZE_TYPES
from palisade.guard.scanners.pii import PiiDetector

DETECTOR = PiiDetector(DEFAULT_ANONYMIZE_TYPES)


def found(text: str) -> list[tuple[str, str]]:
    return [(e.type, text[e.start : e.end]) for e in DETECTOR.find(text)]


FINDS = [
    # names: record keys, table headers, role words, contacts, e-mail addresses, file names, scripts
    ("Owner: Youssef El Amrani\nService: billing-api", [("PERSON", "Youssef El Amrani")]),
    ('payout_account = {\n  holder = "Aarav Mehta"\n}', [("PERSON", "Aarav Mehta")]),
    ("id,full_name,team\n7,Sigríður Jónsdóttir,data", [("PERSON", "Sigríður Jónsdóttir")]),
    ("| week | engineer |\n|---|---|\n| 14 | Olena Shevchenko |", [("PERSON", "Olena Shevchenko")]),
    ("Requested by Dariush Farahani for the audit.", [("PERSON", "Dariush Farahani")]),
    (
        "Author: Ewan MacLeod <ewan.macleod@globex.net>",
        [("PERSON", "Ewan MacLeod"), ("EMAIL_ADDRESS", "ewan.macleod@globex.net")],
    ),
    (
        "If it breaks, call Daan on 070-683 11 87.",
        [("PERSON", "Daan"), ("PHONE_NUMBER", "070-683 11 87")],
    ),
    (
        "Add youssef.elamrani@wayne-ent.com to the group. Youssef El Amrani approved it.",
        [("EMAIL_ADDRESS", "youssef.elamrani@wayne-ent.com"), ("PERSON", "Youssef El Amrani")],
    ),
    ("Owner: 王秀英\nCreate a private bucket.", [("PERSON", "王秀英")]),
    ("Name: Bram van der Berg\nTeam: data", [("PERSON", "Bram van der Berg")]),
    (
        "s3://hr-exports/payslips/wanjiru-kamau-payslip.pdf is public",
        [("PERSON", "wanjiru-kamau")],
    ),
    ("gsutil cp ./scans/nikos_georgiou_passport.jpg gs://kyc/", [("PERSON", "nikos_georgiou")]),
    # phones in national formats, without and with a context word in other languages
    ("primary Aoife Murphy 03-4539-5385", [("PERSON", "Aoife Murphy"), ("PHONE_NUMBER", "03-4539-5385")]),
    ("Fallback: (11) 90370-7097", [("PHONE_NUMBER", "(11) 90370-7097")]),
    ("Tel. 030/2345678", [("PHONE_NUMBER", "030/2345678")]),
    ("Handy: 0151 2345 6789", [("PHONE_NUMBER", "0151 2345 6789")]),
    ("portable : 06.73.08.13.10", [("PHONE_NUMBER", "06.73.08.13.10")]),
    (
        "secondary Yui Nakamura 562 517 129",
        [("PERSON", "Yui Nakamura"), ("PHONE_NUMBER", "562 517 129")],
    ),
    # ids: check digits make the distinctive formats findable without a cue; record keys are cues
    ("record 756.9217.0769.85 failed", [("NATIONAL_ID", "756.9217.0769.85")]),
    ("record 131052-308T failed", [("NATIONAL_ID", "131052-308T")]),
    ("record 811228-9874 failed", [("NATIONAL_ID", "811228-9874")]),
    ('{"bsn":"111222333"}', [("NATIONAL_ID", "111222333")]),
    ("TFN 123 456 782 is in the HR table", [("NATIONAL_ID", "123 456 782")]),
    ("Steueridentifikationsnummer 86 095 742 719", [("NATIONAL_ID", "86 095 742 719")]),
    ("tax_id=65929970489", [("NATIONAL_ID", "65929970489")]),
    # dates of birth under a record key, addresses with the postcode before the town
    ('{"user_dob": "04/17/1951"}', [("DATE_OF_BIRTH", "04/17/1951")]),
    ("Am Kirchberg 7, 97070 Würzburg", [("STREET_ADDRESS", "Am Kirchberg 7, 97070 Würzburg")]),
    ("Storgatan 51, 868 38 Göteborg", [("STREET_ADDRESS", "Storgatan 51, 868 38 Göteborg")]),
    (
        "Calle Mayor 5, 5º C, 08007 Barcelona.",
        [("STREET_ADDRESS", "Calle Mayor 5, 5º C, 08007 Barcelona")],
    ),
    ("〒160-0023 東京都新宿区西新宿2-8-1", [("STREET_ADDRESS", "〒160-0023 東京都新宿区西新宿2-8-1")]),
    # bank details
    ("Direct deposit to checking account 2886865688 at the bank", [("BANK_ACCOUNT", "2886865688")]),
    ("Kontonummer 7686684353, BLZ 370 400 44", [("BANK_ACCOUNT", "7686684353"), ("BANK_ACCOUNT", "370 400 44")]),
    # health information about a person, in several languages
    (
        "Please take Ana Souza off the rota, she is having chemotherapy.",
        [("PERSON", "Ana Souza"), ("MEDICAL_CONDITION", "chemotherapy")],
    ),
    (
        "Bitte Jürgen Haberkorn aus der Rufbereitschaft nehmen, sie hat Diabetes.",
        [("PERSON", "Jürgen Haberkorn"), ("MEDICAL_CONDITION", "Diabetes")],
    ),
    ('{"patient": "Selamawit Tesfaye", "diagnosis": "epilepsy"}', [
        ("PERSON", "Selamawit Tesfaye"), ("MEDICAL_CONDITION", "epilepsy")]),
    # e-mail: a person's address at a documentation domain is still a person's address
    ("Tag the bucket with owner = daan.jansen@example.org", [("EMAIL_ADDRESS", "daan.jansen@example.org")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FINDS, ids=[t[:40] for t, _ in FINDS])
def test_finds(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


LEAVES = [
    "Primary Palette Characteristics\n- High Saturation",
    "---\nname: 'VSCode Tour Expert'\n---",
    '"style": {"name": "Steel Blueprint Infographic"}',
    "Act as a Senior Full-Stack Developer.",
    "Testing for Server-side Template Injection on the portal.",
    "Ghuraba March 11, 2013 Question: what should you be",
    '"lighting": {"condition": "Natural daylight mixed with indoor light"}',
    "Allow 203.0.113.0/24 and contact the NOC if it fails.",
    "The Victoria Metrics cluster in Sydney needs 3 vmstorage nodes.",
    "The health check fails and the target group reports 3 unhealthy hosts.",
    "Create a private bucket for the diabetes study data in eu-west-1.",
    "Owner: Platform Engineering\nPrimary: Payments Team\nName: payments-prod",
    "Tag everything with owner = team-payments, oncall = pagerduty-payments.",
    "Send findings to cloudsec-oncall@northwind.example and soc-apac@northwind.example.",
    "Route the SNS topic to finops@globex.net.",
    "Revert 9fceb02d0ae598e95dc970b74767f19372d61af8 and pin the provider to 5.42.0.",
    "Schedule the window for 2025-06-01 02:00 UTC; keep snapshots for 35 days.",
    "Deploy to ap-southeast-2 (Sydney) and sa-east-1 (São Paulo).",
    "Our Cassandra cluster and the Jenkins controller need private endpoints.",
    "The Civic Impulse LLC account and the Williamson Orchestra site.",
    "INSERT INTO t (a) VALUES ('x'); -- release 1.28.5",
]


@pytest.mark.parametrize("text", LEAVES, ids=[t[:40] for t in LEAVES])
def test_leaves_alone(text: str) -> None:
    assert found(text) == []


def test_medical_condition_is_a_type_of_its_own() -> None:
    text = "FYI Rania Khalil is on medical leave for depression."
    assert ("MEDICAL_CONDITION", "depression") in found(text)
    only_names = PiiDetector(["PERSON"])
    assert [e.type for e in only_names.find(text)] == ["PERSON"]
    assert [e.type for e in PiiDetector(["MEDICAL_CONDITION"]).find(text)] == [
        "MEDICAL_CONDITION",
        "MEDICAL_CONDITION",
    ]  # "medical leave" and "depression": the person is looked for, not reported


def test_names_need_a_cue_not_just_capitals() -> None:
    """A weak cue ("for", "please give") takes a name only with evidence that it is one."""
    assert found("Please give Sneha Kulkarni admin until Friday.") == [("PERSON", "Sneha Kulkarni")]
    assert found("Please give Data Science admin until Friday.") == []
