"""How far apart two spellings are: typos of the offline engine's vocabulary, look-alike host names.

It sits at the top level because the two users are middle packages (providers, guard), which may not
import one another; it imports nothing of Palisade.
"""

from __future__ import annotations

__all__ = ["osa_distance"]


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (edits plus adjacent swaps), or ``limit + 1`` above ``limit``.

    Stops as soon as a whole row of the table is above ``limit``: no later row can come back under it.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[len(b)], limit + 1)
