"""Table-driven checks of the offline engine's text normalisation: numbers in words, corrections, typos,
``key: value`` pairs. Each row is one behaviour, with the spelling people actually use."""

from __future__ import annotations

import pytest

from palisade.providers import _keyvalue as kv
from palisade.providers import _lexicon as lex
from palisade.providers._correct import apply_corrections
from palisade.providers._extract import fix_typos
from palisade.providers._numbers import parse_words, words_to_digits
from palisade.providers._text import parse_number, scan_values


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("hold the files for eighteen months", "hold the files for 18 months"),
        ("remember twenty-four previous passwords", "remember 24 previous passwords"),
        ("twenty four", "24"),
        ("one hundred and eighty days", "180 days"),
        ("a dozen reviewers", "12 reviewers"),
        ("two thousand requests", "2000 requests"),
        ("2k requests per IP", "2000 requests per IP"),
        ("1.5k requests", "1500 requests"),
        ("one approval", "1 approval"),
        ("this one please", "this one please"),
        ("one of the buckets", "one of the buckets"),
        ("bucket team-one-logs", "bucket team-one-logs"),
        ("one two three", "one two three"),
    ],
    ids=[
        "teen",
        "hyphenated-compound",
        "spaced-compound",
        "hundred-and",
        "dozen",
        "thousand",
        "k-suffix",
        "decimal-k",
        "one-counts",
        "one-pronoun",
        "one-of",
        "inside-name",
        "not-one-number",
    ],
)
def test_number_words_become_digits(text: str, digits: str) -> None:
    assert words_to_digits(text) == digits


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("seventy-five", 75),
        ("a hundred", 100),
        ("twenty thirty", None),
        ("three hundred hundred", None),
    ],
    ids=["compound", "a-hundred", "two-tens", "double-scale"],
)
def test_parse_words_refuses_what_is_not_one_number(phrase: str, value: int | None) -> None:
    assert parse_words(phrase) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("forty-five", 45),
        ("ninety", 90),
        ("seventy", 70),
        ("nineteen", 19),
        ("hundred", 100),
        ("a", 1),
        ("no", 0),
        ("couple", 2),
        ("1,000", 1000),
        ("", None),
        ("and", None),
        ("one two", None),
        ("several", None),
    ],
)
def test_parse_number_reads_every_number_word_of_the_lexicon(word: str, value: int | None) -> None:
    assert parse_number(word) == value


def test_one_table_of_number_words() -> None:
    """A reply of one number word, a duration and a count agree on every word in the lexicon."""
    for word, value in {**lex.UNITS, **lex.TENS, **lex.SCALES}.items():
        assert parse_number(word) == value, word
    assert lex.NUMBER_WORDS == {**lex.UNITS, **lex.TENS, **lex.SCALES, **lex.COUNT_WORDS}


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("bucket x in Paris... actually make it Stockholm", "Stockholm", "Paris"),
        (
            "ssh from 192.0.2.0/24, sorry, I meant 198.51.100.0/24",
            "198.51.100.0/24",
            "192.0.2.0/24",
        ),
        ("region eu-west-1, no, eu-west-2", "eu-west-2", "eu-west-1"),
        ("use Stockholm instead of Paris", "Stockholm", "Paris"),
        ("in Stockholm, not Paris", "Stockholm", "Paris"),
        ("ssh from 10.0.0.0/8, definitely not from 0.0.0.0/0", "10.0.0.0/8", "0.0.0.0/0"),
        ("keep logs 30 days, actually 90", "90 days", "30"),
        ("alias app-key, scratch that, alias app-cmk", "app-cmk", "app-key"),
        ("in the kube-system namespace? no - in `apps-prod`", "apps-prod", "kube-system"),
        (
            "bucket old-logs lives in us-east-1 already; create new-logs in eu-west-1",
            "new-logs",
            "old-logs",
        ),
    ],
    ids=[
        "actually",
        "sorry-i-meant",
        "no-comma",
        "instead-of",
        "not-x",
        "not-from",
        "duration-number",
        "scratch-that-name",
        "no-dash-name",
        "already-exists",
    ],
)
def test_corrections_keep_the_value_that_stands(text: str, kept: str, gone: str) -> None:
    fixed = apply_corrections(text)
    assert kept in fixed
    assert gone not in fixed


@pytest.mark.parametrize(
    "text",
    [
        "sorry to bother you, bucket x in eu-west-1",
        "allow 443 from 10.0.0.0/8, actually also from 10.1.0.0/16",
        "kms alias central-logs, make it multi-region",
        "do not open 22 to 0.0.0.0/0",
    ],
    ids=["politeness", "additive", "setting-not-a-name", "negated-verb"],
)
def test_corrections_leave_ordinary_sentences_alone(text: str) -> None:
    assert apply_corrections(text) == text


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("rate limt 1000", "rate limit 1000"),
        ("lamda role", "lambda role"),
        ("all resources", "all resources"),
        ("every API call recorded", "every API call recorded"),
        ("object lock no", "object lock no"),
        ("pls creat a bukkit", "pls create a bukkit"),
    ],
    ids=[
        "four-letter-inner",
        "five-letter",
        "plural-kept",
        "past-tense-kept",
        "short-word-kept",
        "two-edits-kept",
    ],
)
def test_typos_are_fixed_but_inflections_and_short_words_kept(text: str, fixed: str) -> None:
    assert fix_typos(text) == fixed


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("bucket: acme-ci\nregion: us-west-2", [("bucket", "acme-ci"), ("region", "us-west-2")]),
        (
            "role_name=etl service=ec2 access=read",
            [("role_name", "etl"), ("service", "ec2"), ("access", "read")],
        ),
        (
            "sg: cache-sg | vpc: ### | ports: redis",
            [("sg", "cache-sg"), ("vpc", "###"), ("ports", "redis")],
        ),
        ("WAFv2 acl_name=portal-waf", [("acl_name", "portal-waf")]),
        ("bucket analytics-landing-zone: override it", []),
        ("- resource group: rg-telemetry", [("resource_group", "rg-telemetry")]),
    ],
    ids=["newlines", "equals", "pipes", "value-before-key", "name-in-prose", "spaced-key"],
)
def test_key_value_pairs(text: str, pairs: list[tuple[str, str]]) -> None:
    assert [(p.key, text[p.start : p.end]) for p in kv.pairs(text)] == pairs


@pytest.mark.parametrize(
    ("key", "params", "param"),
    [
        ("retention", ["bucket_name", "retention_days"], "retention_days"),
        ("name", ["bucket_name", "region"], "bucket_name"),
        ("class", ["identifier", "instance_class"], "instance_class"),
        ("days_multi_az", ["identifier", "multi_az"], "multi_az"),
        ("signed_commits", ["repository", "require_signed_commits"], "require_signed_commits"),
        ("summary", ["bucket_name"], None),
    ],
    ids=["suffix", "name-alias", "alias", "tail", "prefixed-param", "unknown"],
)
def test_keys_map_to_parameters(key: str, params: list[str], param: str | None) -> None:
    assert kv.param_for_key(key, params) == param


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:s3:::[REDACTED_PERSON_1].Smith-exports",
        "arn:aws:iam::[REDACTED_PHONE_NUMBER_1]:role/deploy",
    ],
    ids=["name-in-bucket", "account-id"],
)
def test_an_arn_keeps_the_guard_placeholder_inside_it(arn: str) -> None:
    # The input guard still writes placeholders inside ARNs ("John.Smith-exports" holds a name). Cut
    # at the placeholder, the ARN became "arn:aws:s3" and the proposal failed as invalid; whole, the
    # engine asks for a value without personal data.
    found = scan_values(f"let the role read {arn} and arn:aws:s3:::acme-logs")
    assert [(f.kind, f.value) for f in found] == [("arn", arn), ("arn", "arn:aws:s3:::acme-logs")]
