"""PII detectors (shared by Anonymize and Sensitive): what they find, where, and what they leave alone."""

from __future__ import annotations

import random

import pytest

from palisade.guard.scanners.pii import PiiDetector, _card_at, luhn_valid, resolve_entity_types

ZW = "\u200b"
TAG_A = "\U000e0041"


def found(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(e.type, text[e.start : e.end]) for e in PiiDetector(**kwargs).find(text)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "mail me: jane.doe@acme.io", [("EMAIL_ADDRESS", "jane.doe@acme.io")], id="email"
        ),
        pytest.param(
            f"mail me: jane{ZW}.doe@ac{ZW}me.io!",
            [("EMAIL_ADDRESS", f"jane{ZW}.doe@ac{ZW}me.io")],
            id="email-zero-width-inside",
        ),
        pytest.param(
            f"mail me: jane{TAG_A}doe@acme.io",
            [("EMAIL_ADDRESS", f"jane{TAG_A}doe@acme.io")],
            id="email-unicode-tag-inside",
        ),
        pytest.param(
            "write to ｊａｎｅ＠ａｃｍｅ．ｉｏ now",
            [("EMAIL_ADDRESS", "ｊａｎｅ＠ａｃｍｅ．ｉｏ")],
            id="email-full-width",
        ),
        pytest.param(
            "contact jane (at) acme [dot] io",
            [("EMAIL_ADDRESS", "jane (at) acme [dot] io")],
            id="email-obfuscated",
        ),
        pytest.param(
            "card 4111 1111 1111 1111 exp 12/26",
            [("CREDIT_CARD", "4111 1111 1111 1111")],
            id="card-spaced",
        ),
        pytest.param(
            "pay with 4111-1111-1111-1111",
            [("CREDIT_CARD", "4111-1111-1111-1111")],
            id="card-dashed",
        ),
        pytest.param(
            "card ４１１１１１１１１１１１１１１１ ok",
            [("CREDIT_CARD", "４１１１１１１１１１１１１１１１")],
            id="card-full-width-digits",
        ),
        pytest.param(
            f"card 4111{ZW}1111{ZW}1111{ZW}1111",
            [("CREDIT_CARD", f"4111{ZW}1111{ZW}1111{ZW}1111")],
            id="card-split-by-zero-width",
        ),
        pytest.param(
            "amex 378282246310005 thanks", [("CREDIT_CARD", "378282246310005")], id="card-amex"
        ),
        pytest.param(
            "card number 503867297114",
            [("CREDIT_CARD", "503867297114")],
            id="card-12-digits-with-context",
        ),
        pytest.param(
            "IBAN GB82 WEST 1234 5698 7654 32 please",
            [("IBAN_CODE", "GB82 WEST 1234 5698 7654 32")],
            id="iban-spaced",
        ),
        pytest.param(
            "to DE89370400440532013000.", [("IBAN_CODE", "DE89370400440532013000")], id="iban-de"
        ),
        pytest.param("from 8.8.8.8 today", [("IP_ADDRESS", "8.8.8.8")], id="ipv4"),
        pytest.param(
            "v6 2001:4860:4860::8888 here", [("IP_ADDRESS", "2001:4860:4860::8888")], id="ipv6"
        ),
        pytest.param("SSN 536-22-1234", [("US_SSN", "536-22-1234")], id="ssn-dashed"),
        pytest.param("my ssn is 536221234", [("US_SSN", "536221234")], id="ssn-bare-with-context"),
        pytest.param("NI number JG 10 37 68 A", [("UK_NINO", "JG 10 37 68 A")], id="uk-nino"),
        pytest.param("DNI 12345678Z", [("ES_NIF", "12345678Z")], id="es-nif"),
        pytest.param(
            "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            [("CRYPTO", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")],
            id="btc-base58check",
        ),
        pytest.param(
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            [("CRYPTO", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")],
            id="btc-bech32",
        ),
        pytest.param(
            "call +44 20 7946 0958 now", [("PHONE_NUMBER", "+44 20 7946 0958")], id="phone-intl"
        ),
        pytest.param(
            "ring (415) 555-2671", [("PHONE_NUMBER", "(415) 555-2671")], id="phone-us-parens"
        ),
        pytest.param(
            "it is 415-555-2671x12", [("PHONE_NUMBER", "415-555-2671x12")], id="phone-us-ext"
        ),
        pytest.param(
            "Mobile: 0490 75 40 81", [("PHONE_NUMBER", "0490 75 40 81")], id="phone-grouped-context"
        ),
        pytest.param(
            "call me on ０２０ ７９４６ ０９５８",
            [("PHONE_NUMBER", "０２０ ７９４６ ０９５８")],
            id="phone-full-width",
        ),
        pytest.param("Fax: 9498777106", [("PHONE_NUMBER", "9498777106")], id="phone-bare-context"),
        pytest.param(
            "My name is Christine Hertzog", [("PERSON", "Christine Hertzog")], id="name-intro"
        ),
        pytest.param(
            "please ask Mrs. Selma Veitonen", [("PERSON", "Selma Veitonen")], id="name-honorific"
        ),
        pytest.param("Thanks,\nBob Jones", [("PERSON", "Bob Jones")], id="name-signoff"),
        pytest.param(
            "Anna Kowalski approved it", [("PERSON", "Anna Kowalski")], id="name-given-name"
        ),
        pytest.param(
            "by Faina D. Yefremova. Later, Yefremova wrote",
            [("PERSON", "Faina D. Yefremova"), ("PERSON", "Yefremova")],
            id="name-initial-and-repeat",
        ),
        pytest.param(  # a street, not a person named Gordon
            "The Gordon Terrace office at 69 Gordon Terrace",
            [("STREET_ADDRESS", "69 Gordon Terrace")],
            id="street-name",
        ),
    ],
)
def test_finds(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("card 4111 1111 1111 1112", id="luhn-invalid"),
        pytest.param("order 4567-8901-2345-6789 shipped", id="fragment-of-grouped-number"),
        pytest.param('role_arn = "arn:aws:iam::123456789012:role/deploy"', id="aws-account-in-arn"),
        pytest.param("account 123456789012 in eu-west-1", id="aws-account-id"),
        pytest.param("timestamp 1700000000000 ms", id="epoch-millis"),
        pytest.param("SSN 000-12-3456 and 666-12-3456 and 912-12-3456", id="ssn-invalid-areas"),
        pytest.param("IBAN GB82 WEST 1234 5698 7654 33", id="iban-bad-checksum"),
        pytest.param("allow 10.0.0.0/16 and 192.168.1.10", id="private-ip-and-cidr"),
        pytest.param("docs use 203.0.113.7 and 2001:db8::1", id="documentation-ranges"),
        pytest.param("version 1.2.3.4 released", id="version-number"),
        pytest.param("released on 2024-01-15 at 10:30:45", id="date-and-time"),
        pytest.param("git revert 4ef808de68d5590dbfffe905513d2c554df64d7b", id="git-sha"),
        pytest.param("id d3c4de52-10c3-d47a-d6db-f846a1455398", id="uuid"),
        pytest.param("alerts go to ops@example.com", id="example-domain"),
        pytest.param(
            "Create a Security Group and a Key Vault in West Europe", id="capitalised-words"
        ),
        pytest.param("Terraform Cloud and Amazon Linux on Monday", id="products"),
        pytest.param("name: production\nregion: eu-west-1", id="yaml-name-key"),
        pytest.param("ports 443 8443 and 3000-3100", id="ports"),
    ],
)
def test_leaves_alone(text: str) -> None:
    assert found(text) == []


def test_span_covers_invisible_characters_inside_a_value() -> None:
    text = f"x 4111{ZW}1111 1111 1111 y"
    (entity,) = PiiDetector().find(text)
    assert text[entity.start : entity.end] == f"4111{ZW}1111 1111 1111"


def test_entity_types_limit_what_is_found() -> None:
    text = "jane@acme.io 4111 1111 1111 1111"
    assert found(text, entity_types=["CREDIT_CARD"]) == [("CREDIT_CARD", "4111 1111 1111 1111")]
    assert found(text, entity_types=["EMAIL_ADDRESS_RE"]) == [("EMAIL_ADDRESS", "jane@acme.io")]


def test_threshold_trades_recall_for_precision() -> None:
    text = "allow 10.0.0.5"
    assert found(text) == []
    assert found(text, threshold=0.2) == [("IP_ADDRESS", "10.0.0.5")]


def test_allowed_and_hidden_names() -> None:
    text = "Ask Anna Kowalski about Project Falcon"
    assert found(text, allowed_names=["anna kowalski"]) == []
    assert found(text, hidden_names=["Project Falcon"]) == [
        ("PERSON", "Anna Kowalski"),
        ("CUSTOM", "Project Falcon"),
    ]


@pytest.mark.parametrize(
    ("types", "message"),
    [
        pytest.param(["CREDIT_CARD", "UUID"], "unsupported UUID", id="unknown"),
        pytest.param("PERSON", "list of names", id="string-not-list"),
    ],
)
def test_bad_entity_types(types: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        resolve_entity_types(types)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True)],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


def test_pathological_inputs_finish() -> None:
    """Long runs that stress every recogniser's regexes complete (bounded quantifiers, no backtracking blowup);
    the timing itself is measured by the benchmark, not asserted here."""
    for text in (
        "1" * 50_000,
        "a" * 50_000,
        "a." * 25_000,
        "1 " * 25_000,
        "@" + "a" * 50_000,
        ":" * 50_000,
    ):
        assert isinstance(PiiDetector().find(text), list)


def _card_at_by_definition(
    text: str, groups: list[tuple[int, int]], i: int
) -> tuple[int, str] | None:
    best = None
    for j in range(i, len(groups)):
        run = groups[i : j + 1]
        digits = "".join(text[a:b] for a, b in run)
        if len(digits) > 19:
            break
        spaced = all(b - a == 1 for a, b in run)
        if j > i and not spaced and not all(3 <= b - a <= 8 for a, b in run):
            break
        if len(digits) >= 12 and luhn_valid(digits):
            best = (j, digits)
    return best


def test_incremental_luhn_matches_the_definition() -> None:
    rnd = random.Random(5)
    for _ in range(2000):
        sizes = rnd.choice(
            [[1] * 20, [4, 4, 4, 4], [3, 4, 5, 6, 2], [rnd.randint(1, 9) for _ in range(6)]]
        )
        text = " ".join("".join(rnd.choice("0123456789") for _ in range(n)) for n in sizes)
        groups, pos = [], 0
        for n in sizes:
            groups.append((pos, pos + n))
            pos += n + 1
        for i in range(len(groups)):
            assert _card_at(text, groups, i) == _card_at_by_definition(text, groups, i), (text, i)
