"""National id check digits, against the examples the issuing authorities publish, and one wrong digit each."""

from __future__ import annotations

import pytest

from palisade.guard.scanners import pii_checksums as c

VALID = [
    pytest.param(c.steuer_id_ok, "86095742719", id="de-steuer-id"),
    pytest.param(c.steuer_id_ok, "65 929 970 489", id="de-steuer-id-spaced"),
    pytest.param(c.bsn_ok, "111222333", id="nl-bsn"),
    pytest.param(c.pesel_ok, "44051401359", id="pl-pesel"),
    pytest.param(c.pesel_ok, "02070803628", id="pl-pesel-2000s"),
    pytest.param(c.aadhaar_ok, "2341 2341 2346", id="in-aadhaar"),
    pytest.param(c.sin_ok, "130 692 544", id="ca-sin"),
    pytest.param(c.tfn_ok, "123 456 782", id="au-tfn"),
    pytest.param(c.nhs_ok, "943 476 5919", id="uk-nhs"),
    pytest.param(c.ahv_ok, "756.9217.0769.85", id="ch-ahv"),
    pytest.param(c.hetu_ok, "131052-308T", id="fi-hetu"),
    pytest.param(c.personnummer_ok, "811228-9874", id="se-personnummer"),
]


@pytest.mark.parametrize(("check", "value"), VALID)
def test_published_examples_pass(check: object, value: str) -> None:
    assert check(value)  # type: ignore[operator]


@pytest.mark.parametrize(("check", "value"), VALID)
def test_one_wrong_digit_fails(check: object, value: str) -> None:
    last = value[-1]
    wrong = str((int(last) + 1) % 10) if last.isdigit() else ("A" if last != "A" else "B")
    assert not check(value[:-1] + wrong)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("check", "value"),
    [
        pytest.param(c.sin_ok, "046 454 286", id="sin-not-issued-with-0"),
        pytest.param(c.aadhaar_ok, "134123412346", id="aadhaar-starts-with-1"),
        pytest.param(c.steuer_id_ok, "12345678903", id="steuer-id-no-repeated-digit"),
        pytest.param(c.pesel_ok, "44135401359", id="pesel-month-13"),
        pytest.param(c.bsn_ok, "000000000", id="bsn-zeros"),
        pytest.param(c.hetu_ok, "321352-308T", id="hetu-day-32"),
    ],
)
def test_impossible_values_fail(check: object, value: str) -> None:
    assert not check(value)  # type: ignore[operator]


def test_any_checksum() -> None:
    assert c.id_checksum_ok("111222333")
    assert not c.id_checksum_ok("111222334")
