"""The conversation vaults on their own: streaming restore at every cut, LRU and idle expiry, numbering."""

from __future__ import annotations

import pytest

from palisade.engine.vaults import ConversationVault, Restorer, VaultStore, restore
from palisade.guard.vault import Vault

JANE = "jane.doe@brightlane.io"
TEXT = (
    "Alerts go to [REDACTED_EMAIL_ADDRESS_1]; the payout account [REDACTED_IBAN_CODE_1] stays.\n"
    "Unknown: [REDACTED_PERSON_7]. A link: [docs](https://example.com) and [REDACTED_EMAIL_ADDRESS_1]"
)


@pytest.fixture
def vault() -> Vault:
    v = Vault()
    assert v.placeholder("EMAIL_ADDRESS", JANE) == "[REDACTED_EMAIL_ADDRESS_1]"
    assert v.placeholder("IBAN_CODE", "GB82WEST12345698765432") == "[REDACTED_IBAN_CODE_1]"
    return v


def stream(restorer: Restorer, pieces: list[str]) -> list[str]:
    return [restorer.feed(p) for p in pieces] + [restorer.flush()]


def test_restore_puts_back_only_this_vaults_values(vault: Vault) -> None:
    restored = restore(TEXT, vault)
    assert restored.count(JANE) == 2 and "GB82WEST12345698765432" in restored
    assert "[REDACTED_PERSON_7]" in restored and "[docs](https://example.com)" in restored
    assert restore(TEXT, None) == TEXT and restore(TEXT, Vault()) == TEXT


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 13])
def test_streamed_pieces_never_show_a_placeholder_half_replaced(vault: Vault, size: int) -> None:
    pieces = [TEXT[i : i + size] for i in range(0, len(TEXT), size)]
    shown = stream(Restorer(vault), pieces)
    assert "".join(shown) == restore(TEXT, vault)
    assert not [s for s in shown if "[REDACTED_EMAIL" in s or "[REDACTED_IBAN" in s]


def test_every_single_cut_gives_the_whole_restore(vault: Vault) -> None:
    expected = restore(TEXT, vault)
    for cut in range(len(TEXT) + 1):
        shown = stream(Restorer(vault), [TEXT[:cut], TEXT[cut:]])
        assert "".join(shown) == expected, cut


def test_a_bracket_that_cannot_become_a_placeholder_is_not_held(vault: Vault) -> None:
    restorer = Restorer(vault)
    assert restorer.feed("see [docs") == "see [docs"
    assert restorer.feed(" and [REDACT") == " and "
    assert restorer.feed("ED_EMAIL_ADDRESS_1] ok") == f"{JANE} ok"
    assert restorer.feed("[REDACTED_EMAIL_ADDRESS_1") == ""
    assert restorer.flush() == "[REDACTED_EMAIL_ADDRESS_1"  # never completed: shown as it was


def test_without_a_vault_nothing_is_held() -> None:
    restorer = Restorer(None)
    assert restorer.feed("to [REDACTED_EMAIL") == "to [REDACTED_EMAIL"


def test_the_least_recently_used_conversation_is_dropped_first() -> None:
    store = VaultStore(max_conversations=2)
    a = store.get("a", list)
    store.get("b", list)
    assert store.get("a", list) is a  # a is now the most recent
    store.get("c", list)
    assert "a" in store and "b" not in store and "c" in store and len(store) == 2


def test_an_idle_vault_expires() -> None:
    now = [0.0]
    store = VaultStore(ttl_seconds=60, clock=lambda: now[0])
    a = store.get("a", list)
    now[0] = 59.0
    assert store.get("a", list) is a  # a turn refreshes it
    now[0] = 118.0
    assert "a" in store
    now[0] = 119.5
    assert "a" not in store and store.peek("a") is None
    assert store.get("a", list) is not a


def test_forget_drops_a_vault() -> None:
    store = VaultStore()
    store.get("a", list)
    store.forget("a")
    assert "a" not in store and len(store) == 0


def test_a_new_vault_numbers_past_the_placeholders_the_conversation_holds() -> None:
    store = VaultStore()
    history = [
        "contact [REDACTED_EMAIL_ADDRESS_1]",
        '{"x": "[REDACTED_EMAIL_ADDRESS_3] [REDACTED_PERSON_1]"}',
    ]
    vault = store.get("a", lambda: history)
    assert vault.placeholder("EMAIL_ADDRESS", "new@brightlane.io") == "[REDACTED_EMAIL_ADDRESS_2]"
    assert vault.placeholder("EMAIL_ADDRESS", "other@brightlane.io") == "[REDACTED_EMAIL_ADDRESS_4]"
    assert vault.placeholder("PERSON", "Mary Major") == "[REDACTED_PERSON_2]"
    assert vault.placeholder("EMAIL_ADDRESS", "new@brightlane.io") == "[REDACTED_EMAIL_ADDRESS_2]"


def test_a_vault_is_bounded() -> None:
    vault = ConversationVault(max_entries=2)
    vault.placeholder("PERSON", "A")
    vault.placeholder("PERSON", "B")
    with pytest.raises(OverflowError, match="start a new conversation"):
        vault.placeholder("PERSON", "C")
