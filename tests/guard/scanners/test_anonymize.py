"""Anonymize → model → Deanonymize with a per-conversation vault; Sensitive on answers."""

from __future__ import annotations

import pytest

from palisade.config import ScannerConfig
from palisade.guard.base import Detection, ScanResult
from palisade.guard.registry import build_guard
from palisade.guard.scanners.anonymize import AnonymizeScanner
from palisade.guard.scanners.deanonymize import DeanonymizeScanner
from palisade.guard.scanners.sensitive import SensitiveScanner
from palisade.guard.vault import Vault

ZW = "\u200b"


@pytest.mark.parametrize(
    ("text", "sanitized", "kinds"),
    [
        pytest.param(
            "I'm Dr. Jane Smith, mail jane@acme.io",
            "I'm Dr. [REDACTED_PERSON_1], mail [REDACTED_EMAIL_ADDRESS_1]",
            ["PERSON", "EMAIL_ADDRESS"],
            id="name-and-email",
        ),
        pytest.param(
            f"card 4111{ZW}1111 1111 1111 and again 4111{ZW}1111 1111 1111",
            "card [REDACTED_CREDIT_CARD_1] and again [REDACTED_CREDIT_CARD_1]",
            ["CREDIT_CARD", "CREDIT_CARD"],
            id="same-value-same-placeholder",
        ),
        pytest.param(
            "a@acme.io b@acme.io",
            "[REDACTED_EMAIL_ADDRESS_1] [REDACTED_EMAIL_ADDRESS_2]",
            ["EMAIL_ADDRESS", "EMAIL_ADDRESS"],
            id="numbered-per-type",
        ),
        pytest.param(
            "literal [REDACTED_EMAIL_ADDRESS_1] then real x@acme.io",
            "literal [REDACTED_EMAIL_ADDRESS_1] then real [REDACTED_EMAIL_ADDRESS_2]",
            ["EMAIL_ADDRESS"],
            id="typed-placeholder-is-not-reused",
        ),
    ],
)
def test_anonymize_replaces_with_placeholders(text: str, sanitized: str, kinds: list[str]) -> None:
    vault = Vault()
    result = AnonymizeScanner().scan(text, vault=vault)
    assert result.outcome == "sanitized" and result.text == sanitized
    assert [d.kind for d in result.detections] == kinds
    assert 0.5 <= result.risk <= 1.0
    restored = DeanonymizeScanner().scan(result.text, vault=vault)
    assert restored.text == text  # exact round trip, invisible characters included
    assert restored.outcome == "pass" and restored.risk == 0.0


def test_nothing_found_passes_unchanged() -> None:
    text = "Create a private S3 bucket acme-logs in eu-west-1 allowing 10.0.0.0/16"
    result = AnonymizeScanner().scan(text, vault=Vault())
    assert result == ScanResult("Anonymize", text, "pass", 0.0, elapsed_ms=result.elapsed_ms)


def test_preamble_and_entity_types() -> None:
    scanner = AnonymizeScanner(
        entity_types=["EMAIL_ADDRESS"], preamble="Placeholders stand for data. "
    )
    result = scanner.scan("Jane Smith <jane@acme.io>", vault=Vault())
    assert result.text == "Placeholders stand for data. Jane Smith <[REDACTED_EMAIL_ADDRESS_1]>"


def test_without_a_vault_the_text_is_still_anonymised() -> None:
    result = AnonymizeScanner().scan("mail jane@acme.io")
    assert result.text == "mail [REDACTED_EMAIL_ADDRESS_1]"
    assert DeanonymizeScanner().scan(result.text).text == result.text  # nothing to restore


def test_vaults_do_not_leak_between_conversations() -> None:
    alice, bob = Vault(), Vault()
    AnonymizeScanner().scan("alice@acme.io", vault=alice)
    # Bob's model output names the placeholder Alice's value got; Bob's vault does not hold it.
    out = DeanonymizeScanner().scan("send to [REDACTED_EMAIL_ADDRESS_1]", vault=bob)
    assert out.text == "send to [REDACTED_EMAIL_ADDRESS_1]"
    assert out.detections == ()


@pytest.mark.parametrize(
    ("strategy", "output", "restored"),
    [
        pytest.param("exact", "to [REDACTED_EMAIL_ADDRESS_1].", "to jane@acme.io.", id="exact"),
        pytest.param(
            "exact",
            "to [redacted_email_address_1].",
            "to [redacted_email_address_1].",
            id="exact-no-case",
        ),
        pytest.param(
            "case_insensitive",
            "to [redacted_email_address_1].",
            "to jane@acme.io.",
            id="case-insensitive",
        ),
        pytest.param("fuzzy", "to REDACTED EMAIL ADDRESS 1.", "to jane@acme.io.", id="fuzzy"),
        pytest.param(
            "combined_exact_fuzzy",
            "[REDACTED_EMAIL_ADDRESS_1] / redacted_email_address_1",
            "jane@acme.io / jane@acme.io",
            id="combined",
        ),
        pytest.param(
            "fuzzy", "[REDACTED_EMAIL_ADDRESS_9]", "[REDACTED_EMAIL_ADDRESS_9]", id="unknown-kept"
        ),
    ],
)
def test_deanonymize_strategies(strategy: str, output: str, restored: str) -> None:
    vault = Vault()
    assert vault.placeholder("EMAIL_ADDRESS", "jane@acme.io") == "[REDACTED_EMAIL_ADDRESS_1]"
    result = DeanonymizeScanner(matching_strategy=strategy).scan(output, vault=vault)  # type: ignore[arg-type]
    assert result.text == restored


def test_restored_value_is_not_expanded_again() -> None:
    vault = Vault()
    vault.placeholder("CUSTOM", "[REDACTED_EMAIL_ADDRESS_1]")
    vault.placeholder("EMAIL_ADDRESS", "secret@acme.io")
    result = DeanonymizeScanner().scan("[REDACTED_CUSTOM_1]", vault=vault)
    assert result.text == "[REDACTED_EMAIL_ADDRESS_1]"


def test_guard_passes_the_vault_to_both_stages() -> None:
    inputs = build_guard(
        "input", [ScannerConfig(type="InvisibleText"), ScannerConfig(type="Anonymize")]
    )
    outputs = build_guard("output", [ScannerConfig(type="Deanonymize")])
    vault = Vault()
    verdict = inputs.scan(f"my card is 4111 1111 1111 1111 and mail j{ZW}ane@acme.io", vault=vault)
    assert (
        verdict.sanitized
        == "my card is [REDACTED_CREDIT_CARD_1] and mail [REDACTED_EMAIL_ADDRESS_1]"
    )
    answer = outputs.scan(
        "Charged [REDACTED_CREDIT_CARD_1]; receipt to [REDACTED_EMAIL_ADDRESS_1].", vault=vault
    )
    assert answer.sanitized == "Charged 4111 1111 1111 1111; receipt to jane@acme.io."
    assert answer.valid  # restoring is not a finding
    inputs.close()
    outputs.close()


def test_vault_round_trips_through_a_dict() -> None:
    vault = Vault()
    vault.placeholder("PERSON", "Jane Smith")
    vault.placeholder("PERSON", "John Doe")
    copy = Vault.from_dict(vault.to_dict())
    assert copy.items() == vault.items()
    assert copy.placeholder("PERSON", "Ann Lee") == "[REDACTED_PERSON_3]"
    with pytest.raises(ValueError, match="not a vault entry"):
        Vault.from_dict({"oops": "x"})


def test_vault_is_bounded() -> None:
    vault = Vault(max_entries=2)
    vault.placeholder("PERSON", "a")
    vault.placeholder("PERSON", "b")
    assert vault.placeholder("PERSON", "a") == "[REDACTED_PERSON_1]"
    with pytest.raises(OverflowError, match="new conversation"):
        vault.placeholder("PERSON", "c")


def test_use_faker_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="use_faker"):
        AnonymizeScanner(use_faker=True)


@pytest.mark.parametrize(
    ("redact", "outcome", "text"),
    [
        pytest.param(False, "blocked", "Your card 4111 1111 1111 1111 is on file.", id="block"),
        pytest.param(
            True, "sanitized", "Your card [REDACTED_CREDIT_CARD] is on file.", id="redact"
        ),
    ],
)
def test_sensitive(redact: bool, outcome: str, text: str) -> None:
    original = "Your card 4111 1111 1111 1111 is on file."
    result = SensitiveScanner(redact=redact).scan(original)
    assert result == ScanResult(
        "Sensitive",
        text,
        outcome,  # type: ignore[arg-type]
        1.0,  # a Luhn-valid number next to "card"
        reason=result.reason,
        detections=(Detection("CREDIT_CARD", 10, 29),),
        elapsed_ms=result.elapsed_ms,
    )


def test_sensitive_passes_infrastructure_answers() -> None:
    answer = (
        'resource "aws_security_group_rule" "x" {\n  cidr_blocks = ["10.0.0.0/16"]\n}\n'
        "Alerts go to ops@example.com; account 123456789012."
    )
    assert SensitiveScanner().scan(answer).outcome == "pass"
