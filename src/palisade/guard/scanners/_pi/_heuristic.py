"""The rule tier: every signal on every view of the text, combined as ``1 - Π(1 - w)``.

Views that only an attacker produces (decoded payloads, rot13, reversed text, tag smuggling, string
literals joined together) are matched with the strong signals only, and a hit there weighs a little more:
hiding an instruction is itself a signal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from palisade.guard.scanners._pi._framing import framed_unsafe
from palisade.guard.scanners._pi._multilingual import LATIN, OTHER
from palisade.guard.scanners._pi._signals import SIGNALS, Signal, tokens_of
from palisade.guard.scanners._pi._suffix import soup_score
from palisade.guard.scanners._pi._text import compact, fold_tokens, views
from palisade.guard.scanners.invisible_text import strip_invisible

__all__ = ["Hit", "score_rules"]


@dataclass(frozen=True, slots=True)
class Hit:
    signal: str
    view: str
    weight: float


_HIDDEN_VIEWS = frozenset({"decoded", "rot13", "reversed", "tags", "joined", "compact"})
_SURFACE_VIEWS = frozenset({"normalized", "leetspeak", "split-tokens", "native"})

# Attack phrases with the spaces and punctuation squeezed out (``i.g.n.o.r.e a-l-l p r e v i o u s``).
_COMPACT = re.compile(
    r"(?:ignore|disregard|forget)(?:all|any|the|your|my|of|every)*(?:previous|prior|above|earlier|preceding|"
    r"system|initial|original|safety)(?:instructions?|prompts?|rules|directives|guidelines|guardrails)|"
    r"(?:reveal|print|show|repeat|output|display)(?:me)?(?:your|the)(?:full|entire|original|hidden|initial|"
    r"secret)?(?:systemprompt|systemmessage|initialprompt|initialinstructions|hiddeninstructions)|"
    r"(?:developer|admin|god|jailbreak|dan)mode(?:enabled|activated|on|unlocked)|"
    r"youarenow(?:dan|unrestricted|jailbroken|freed|unfiltered|uncensored)|doanythingnow|"
    r"(?:no|without)(?:any)?(?:restrictions|filters|guardrails|censorship)(?:mode|ai|assistant)"
)
_HIDDEN_GATE = re.compile(
    r"ignore|disregard|forget|instruction|prompt|system|reveal|previous|jailbreak|unrestricted|mode\b|"
    r"bypass|override|token|secret|password|credential|rules|assistant|confirm|admin|developer|follow|"
    r"pretend|role|policy|approve|merge|push"
)

# Texts ABOUT attacks ("how do I defend against prompt injection?"): weak signals are damped, and strong
# ones only when the attack phrase is quoted as an example.
_META = re.compile(
    r"^(?:how|what|why|which|when|where|can|could|should|is|are|does|do|explain|describe|list|give me|"
    r"show me how|tell me about|help me|write (?:a|an|some|unit|the)|i(?:'m| am) (?:writing|building|"
    r"researching|studying|testing)|we(?:'re| are) (?:writing|building|testing)|summari[sz]e|compare|"
    r"review)\b.{0,400}\b(?:prompt injections?|jailbreak(?:s|ing)?|injection attacks?|attacks?|attackers?|"
    r"adversarial|defen[cd]\w*|prevent\w*|protect\w*|detect\w*|mitigat\w*|guard(?:rails?)?|firewall|"
    r"owasp|red team\w*|test(?:ing)? for|classif\w*|filter\w*|llm security|security)",
    re.DOTALL,
)
_QUOTED_SPAN = re.compile(r"[\"'“‘`]([^\"'”’`\n]{8,300})[\"'”’`]")


def _matches(signal: Signal, body: str) -> re.Match[str] | None:
    if signal.min_count > 1:
        found = {m.group().lower() for m in signal.pattern.finditer(body)}
        return signal.pattern.search(body) if len(found) >= signal.min_count else None
    return signal.pattern.search(body)


def _gate_open(signal: Signal, words: frozenset[str], body: str) -> bool:
    if signal.gate is None:
        return True
    for g in signal.gate:
        if g.isalpha():
            if g in words:
                return True
        elif g in body:
            return True
    return False


def score_rules(text: str) -> tuple[float, list[Hit]]:
    """Risk in [0, 1] from the rule tier and the signals behind it (first view each signal fired in)."""
    found: dict[str, Hit] = {}
    quoted_only: set[str] = set()
    cased = unicodedata.normalize("NFKC", strip_invisible(text))
    cased = fold_tokens(cased)
    all_views = [("cased", cased), *views(text)]
    norm = all_views[1][1]
    quotes = [m.span(1) for m in _QUOTED_SPAN.finditer(norm)]
    for view, body in all_views:
        hidden = view in _HIDDEN_VIEWS
        if hidden and not _HIDDEN_GATE.search(body):
            continue
        words = tokens_of(body) if view != "cased" else frozenset()
        for signal in SIGNALS:
            if signal.id in found:
                continue
            if signal.views is not None:
                if view not in signal.views:
                    continue
            elif view == "cased" or (hidden and not signal.strong):
                continue
            if view != "cased" and not _gate_open(signal, words, body):
                continue
            m = _matches(signal, body)
            if m is None:
                continue
            weight = min(1.0, signal.weight + 0.1) if hidden else signal.weight
            found[signal.id] = Hit(signal.id, view, weight)
            if view == "normalized" and any(a <= m.start() and m.end() <= b for a, b in quotes):
                quoted_only.add(signal.id)
        if view == "cased":
            continue
        if "multilingual" not in found:
            patterns = LATIN if view in ("normalized", "decoded", "tags", "leetspeak") else OTHER
            if view in ("normalized", "native", "decoded"):
                patterns = LATIN + OTHER
            for lang, pattern in patterns:
                if pattern.search(body):
                    found["multilingual"] = Hit(f"multilingual-{lang}", view, 0.85)
                    break
        if "framed-unsafe" not in found and view in ("normalized", "leetspeak", "decoded"):
            if framed_unsafe(body) is not None:
                found["framed-unsafe"] = Hit("framed-unsafe", view, 0.6)
    if "compact" not in found:
        squeezed = compact(norm)
        if _COMPACT.search(squeezed):
            found["compact"] = Hit("hidden-phrase", "compact", 0.8)
    soup = soup_score(text)
    if soup >= 0.5:
        found["suffix"] = Hit("adversarial-suffix", "normalized", min(0.85, 0.4 + soup * 0.45))
    if not found:
        return 0.0, []
    meta = len(text) < 800 and bool(_META.match(norm.strip()))
    strong_ids = {s.id for s in SIGNALS if s.strong} | {"multilingual", "compact"}
    keep = 1.0
    for key, hit in found.items():
        w = hit.weight
        if meta:
            if key not in strong_ids:
                w *= 0.3
            elif key in quoted_only:
                w *= 0.5
        keep *= 1.0 - w
    return round(1.0 - keep, 4), list(found.values())
