"""Stream a model's text to the user progressively, but only in pieces the output guard has passed.

Deltas are buffered and released at line ends. A piece is held back while it is inside an open code fence
(```` ``` ```` / ``~~~``) or a PEM block (``-----BEGIN ... -----END``), so a secret or a code block is scanned
whole, never shown half-scanned. Each released piece goes through the output guard: a redacted piece is
released redacted, a blocked piece is replaced by a marker. The whole reply is scanned once more at the end
by the engine (``raw_text``), which catches what only shows across pieces.
"""

from __future__ import annotations

import re

from palisade.guard.base import GuardLike, Verdict

__all__ = ["WITHHELD_PIECE", "GuardedRelease"]

WITHHELD_PIECE = "[part of the answer was withheld by the output guard]\n"
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]+-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]+-----")


class GuardedRelease:
    """Feed it raw deltas; it returns the guarded pieces that may be shown now."""

    def __init__(self, guard: GuardLike, *, max_hold_chars: int = 16_000) -> None:
        self.guard = guard
        self.max_hold_chars = max_hold_chars
        self._pending = ""  # fed, not yet released: always the tail of what was fed
        self._raw: list[str] = []  # the raw pieces that were released
        self._released: list[str] = []  # the same pieces as shown (after the guard)
        self.verdicts: list[Verdict] = []
        self._started = False
        self._separate = False

    # ------------------------------------------------------------------------------ reading
    @property
    def raw_text(self) -> str:
        """Everything fed so far, before the guard (for the final whole-reply scan)."""
        return "".join(self._raw) + self._pending

    @property
    def released_text(self) -> str:
        return "".join(self._released)

    @property
    def redacted(self) -> bool:
        return any(v.sanitized_changed for v in self.verdicts)

    @property
    def blocked(self) -> bool:
        return any(v.blocked for v in self.verdicts)

    # ------------------------------------------------------------------------------ feeding
    def separate(self) -> None:
        """The next text starts a new paragraph (a new model round, or Palisade's own summary)."""
        if self._started:
            self._separate = True

    def feed(self, text: str) -> list[str]:
        if not text:
            return []
        if not self._started:
            text = text.lstrip()
            if not text:
                return []
            self._started = True
        elif self._separate:
            current = self.released_text + self._pending
            gap = "" if current.endswith("\n\n") else ("\n" if current.endswith("\n") else "\n\n")
            text = gap + text
        self._separate = False
        self._pending += text
        return self._drain(final=False)

    def flush(self) -> list[str]:
        """Release whatever is held (end of the reply)."""
        return self._drain(final=True)

    def discard(self) -> None:
        """Drop held text that will not be completed (its model call failed)."""
        self._pending = ""

    # ------------------------------------------------------------------------------ inside
    def _cut(self) -> int:
        """Where the releasable prefix of the pending text ends (0: nothing can go yet)."""
        cut = 0
        position = 0
        in_fence = False
        in_pem = False
        for line in self._pending.splitlines(keepends=True):
            position += len(line)
            if not line.endswith("\n"):
                break  # an unfinished line waits for the rest
            if _FENCE.match(line):
                in_fence = not in_fence
            elif not in_fence and _PEM_BEGIN.search(line) and not _PEM_END.search(line):
                in_pem = True
            elif in_pem and _PEM_END.search(line):
                in_pem = False
            if not in_fence and not in_pem:
                cut = position
        if cut == 0 and len(self._pending) > self.max_hold_chars:
            # Too long to hold (an unclosed block): release up to the last line end, scanned as usual.
            cut = self._pending.rfind("\n") + 1
        return cut

    def _drain(self, *, final: bool) -> list[str]:
        cut = len(self._pending) if final else self._cut()
        if cut <= 0:
            return []
        piece, self._pending = self._pending[:cut], self._pending[cut:]
        self._raw.append(piece)
        return [self._guarded(piece)]

    def _guarded(self, piece: str) -> str:
        verdict = self.guard.scan(piece)
        self.verdicts.append(verdict)
        if verdict.blocked:
            shown = WITHHELD_PIECE
        else:
            shown = verdict.sanitized
        self._released.append(shown)
        return shown
