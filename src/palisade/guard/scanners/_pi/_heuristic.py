"""The rule tier: every signal on every view of the text, combined as ``1 - Π(1 - w)``.

Views that only an attacker produces (decoded payloads, rot13, reversed text, tag smuggling, string
literals joined together) are matched with the strong signals only, and a hit there weighs a little more:
hiding an instruction is itself a signal.

Speed: a signal's pattern is tried only where a match can start (an index of word positions is built once
per view), so a 600-word text costs a few passes, not one scan per signal.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from palisade.guard.scanners._pi._anchors import WordIndex
from palisade.guard.scanners._pi._framing import framed_unsafe
from palisade.guard.scanners._pi._harm import harm_asks
from palisade.guard.scanners._pi._moves import MOVES, composite_moves
from palisade.guard.scanners._pi._multilingual import LATIN, OTHER
from palisade.guard.scanners._pi._signals import SIGNALS as _BASE_SIGNALS
from palisade.guard.scanners._pi._suffix import soup_score
from palisade.guard.scanners._pi._text import compact, fold_tokens, strip_hidden, views

__all__ = ["SIGNALS", "Hit", "score_rules", "signal_names"]

SIGNALS = _BASE_SIGNALS + MOVES


@dataclass(frozen=True, slots=True)
class Hit:
    signal: str
    view: str
    weight: float
    damped: bool = False  # the text is about attacks, or quotes this one as an example


_HIDDEN_VIEWS = frozenset({"decoded", "rot13", "reversed", "tags", "joined"})
_STRONG_ONLY_VIEWS = _HIDDEN_VIEWS | {"leetspeak", "split-tokens", "native"}
_SURFACE_VIEWS = frozenset({"normalized", "native", "leetspeak", "split-tokens"})
_HARM_VIEWS = frozenset({"normalized", "decoded", "joined", "tags"})

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
# A view only an attacker produces is worth matching when it holds one of these words.
_HIDDEN_GATE = frozenset(
    "ignore disregard forget instruction instructions prompt system reveal previous jailbreak unrestricted "
    "mode bypass override token secret password credentials rules assistant confirm confirmation admin "
    "developer follow pretend role policy approve merge push print repeat show dan ai".split()
    # harmful behaviours hidden the same way (``_harm``)
    + "bomb explosive explosives ransomware malware keylogger launder poison meth methamphetamine phishing "
    "weapon gun steal hack botnet smuggle fraud".split()
)
_HIDDEN_GATES = {
    "rot13": frozenset(codecs.encode(w, "rot13") for w in _HIDDEN_GATE),
    "reversed": frozenset(w[::-1] for w in _HIDDEN_GATE),
}
_ROLE_WORDS = ("SYSTEM", "ASSISTANT", "ADMIN", "DEVELOPER", "OPERATOR", "ROOT")

# Texts ABOUT attacks ("how do I defend against prompt injection?"): weak signals are damped, and strong
# ones only when the attack phrase is quoted as an example.
_META = re.compile(
    r"^(?:how|what|why|which|when|where|can|could|should|is|are|does|do|explain|describe|list|give me|"
    r"show me how|tell me about|help me|write (?:a|an|some|unit|the)|i(?:'m| am) (?:writing|building|"
    r"researching|studying|testing)|we(?:'re| are) (?:writing|building|testing)|summari[sz]e|compare|"
    r"review)\b.{0,400}\b(?:prompt injections?|jailbreak(?:s|ing)?|injection attacks?|adversarial (?:prompts?|"
    r"suffix(?:es)?|attacks?)|guardrails?|llm (?:security|safety|attacks?|firewall)|owasp llm|red team\w*|"
    r"system prompts?|(?:ai|llm|chatbot|model|assistant) (?:attacks?|safety|security|abuse)|dan prompts?|"
    r"attackers?|attacks?)",
    re.DOTALL,
)
_EXAMPLE_AFTER = re.compile(
    r"\W{0,3}(?:prompts?|phrases?|attacks?|strings?|messages?|style|patterns?|injections?|jailbreaks?|examples?)\b"
)
_QUOTED_SPAN = re.compile(r"[\"'“‘`]([^\"'”’`\n]{8,300})[\"'”’`]")
# a quoted phrase introduced as an example is a mention of an attack, not the attack
_EXAMPLE_CUE = re.compile(
    r"(?:for example|for instance|e\.g\.|such as|like|example|examples|called|phrases?|prompts?|strings?|"
    r"attacks?|says?|said|patterns?|texts?|messages?)\W{0,6}$"
)


def _multilingual(view: str, body: str, index: WordIndex) -> str | None:
    """The language of an attack phrase written in another language, if any."""
    for lang, rule in LATIN:
        if rule.search(index):
            return lang
    if view in ("normalized", "native", "decoded", "tags") and not body.isascii():
        for lang, script, pattern in OTHER:
            if script.search(body) and pattern.search(body):
                return lang
    return None


def score_rules(text: str) -> tuple[float, list[Hit]]:
    """Risk in [0, 1] from the rule tier and the signals behind it (first view each signal fired in)."""
    found: dict[str, Hit] = {}
    quoted_only: set[str] = set()
    visible = unicodedata.normalize("NFKC", strip_hidden(text))
    cased = fold_tokens(visible)
    all_views = [("cased", cased), *views(text, visible)]
    norm = all_views[1][1]
    quotes = [m.span(1) for m in _QUOTED_SPAN.finditer(norm)]
    examples = [
        (a, b)
        for a, b in quotes
        if _EXAMPLE_CUE.search(norm[max(0, a - 40) : a]) or _EXAMPLE_AFTER.match(norm, b + 1)
    ]
    mentioned: set[str] = set()
    surface_words: frozenset[str] = frozenset()
    for view, body in all_views:
        hidden = view in _HIDDEN_VIEWS
        if view == "cased" and not any(w in body for w in _ROLE_WORDS):
            continue
        if view in _HIDDEN_GATES and not surface_words & _HIDDEN_GATES[view]:
            continue  # rot13 / reversed: decided from the normalized words, without building the view's index
        index = WordIndex(body)
        if view == "normalized":
            surface_words = index.words
        if hidden and not index.words & _HIDDEN_GATE:
            continue
        for signal in SIGNALS:
            if signal.id in found or (signal.gate and signal.gate.isdisjoint(index.words)):
                continue
            if signal.views is not None:
                if view not in signal.views:
                    continue
            elif view == "cased" or (view in _STRONG_ONLY_VIEWS and not signal.strong):
                continue
            if signal.min_count > 1:
                all_matches = signal.rule.matches(index)
                distinct = {a.group().lower() for a in all_matches}
                m = all_matches[0] if len(distinct) >= signal.min_count else None
            else:
                m = signal.rule.search(index)
            if m is None:
                continue
            weight = min(1.0, signal.weight + 0.1) if hidden else signal.weight
            found[signal.id] = Hit(signal.id, view, weight)
            if view == "normalized" and any(a <= m.start() and m.end() <= b for a, b in quotes):
                quoted_only.add(signal.id)
                if any(a <= m.start() and m.end() <= b for a, b in examples):
                    mentioned.add(signal.id)
        if view == "cased":
            continue
        if "multilingual" not in found:
            lang = _multilingual(view, body, index)
            if lang:
                found["multilingual"] = Hit(f"multilingual-{lang}", view, 0.85)
        if "framed-unsafe" not in found and view in ("normalized", "decoded"):
            if framed_unsafe(index) is not None:
                found["framed-unsafe"] = Hit("framed-unsafe", view, 0.6)
        if "harm-ask" not in found and view in _HARM_VIEWS and harm_asks(index):
            found["harm-ask"] = Hit("harm-ask", view, 0.4 if hidden else 0.3)
        if view == "normalized":
            for sid, weight in composite_moves(body, index, set(found)):
                found.setdefault(sid, Hit(sid, view, weight))
    plain_override = any(
        k in found and found[k].view in _SURFACE_VIEWS
        for k in ("override", "override-above", "extraction", "mode-switch")
    )
    if not plain_override and _COMPACT.search(
        compact(norm)
    ):  # only news when the surface did not show it
        found["compact"] = Hit("hidden-phrase", "compact", 0.8)
    soup = soup_score(text)
    if soup >= 0.5:
        found["suffix"] = Hit("adversarial-suffix", "normalized", min(0.85, 0.4 + soup * 0.45))
    if not found:
        return 0.0, []
    meta = len(text) < 800 and bool(_META.match(norm.strip()))
    strong_ids = {s.id for s in SIGNALS if s.strong} | {"multilingual", "compact"}
    keep = 1.0
    hits: list[Hit] = []
    for key, hit in found.items():
        w = hit.weight
        if key in mentioned:
            w *= 0.4
        if meta:
            if key not in strong_ids:
                w *= 0.3
            elif key in quoted_only:
                w *= 0.5
        keep *= 1.0 - w
        hits.append(Hit(hit.signal, hit.view, hit.weight, damped=w < hit.weight))
    return round(1.0 - keep, 4), hits


def signal_names(hits: list[Hit]) -> list[str]:
    """Feature names of the signals behind ``hits`` for the model (language-specific ids collapsed); a
    damped signal (a quoted example, a question about attacks) counts as ``mentioned``, not as itself."""
    names = {
        h.signal.split("-")[0] if h.signal.startswith("multilingual") else h.signal
        for h in hits
        if not h.damped
    }
    if any(h.damped for h in hits):
        names.add("mentioned")
    if any(h.view in _HIDDEN_VIEWS and not h.damped for h in hits):
        names.add("hidden-view")
    return sorted(names)
