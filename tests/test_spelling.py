"""osa_distance: the one edit distance of the offline engine's typo fixes and the guard's look-alike hosts."""

from __future__ import annotations

import pytest

from palisade.spelling import osa_distance


@pytest.mark.parametrize(
    ("a", "b", "limit", "distance"),
    [
        ("cloudtrail", "cloudtrail", 1, 0),
        ("cloudtrial", "cloudtrail", 1, 1),  # an adjacent swap is one edit
        ("limt", "limit", 1, 1),
        ("paypa1", "paypal", 2, 1),
        ("gooogle", "google", 2, 1),
        ("micros0ft", "microsoft", 2, 1),
        ("amazon", "amazno", 2, 1),
        ("abcdef", "badcfe", 2, 3),  # three swaps: above the limit
        ("bucket", "policy", 2, 3),
        ("short", "a much longer word", 3, 4),  # lengths alone say it is too far
    ],
)
def test_distance_up_to_the_limit_and_limit_plus_one_beyond(
    a: str, b: str, limit: int, distance: int
) -> None:
    assert osa_distance(a, b, limit) == distance
    assert osa_distance(b, a, limit) == distance
