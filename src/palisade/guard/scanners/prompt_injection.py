"""A first, honest prompt-injection detector: normalise, decode, then score classes of attack by signal.

No model: weighted, linear-time patterns per attack *class* (instruction override, persona jailbreak, forged role
markers, system-prompt extraction, instructions addressed to an AI inside pasted content, confirmation skipping),
run on several views of the text: normalised (NFKC, homoglyphs folded, invisible characters removed), leetspeak
folded, split tokens collapsed, and decoded payloads (base64, hex, rot13, reversed). Signals combine as
``1 - Π(1 - w)``, so one strong signal or several weak ones block, and one weak signal alone does not.

Known limits: persuasion jailbreaks without trigger phrases, adversarial-suffix token soup, and non-English
attacks are mostly missed (see docs/facts); a model tier is needed for those.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import time
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners.invisible_text import strip_invisible

__all__ = ["PromptInjectionScanner", "normalize", "score_prompt_injection"]

# Cyrillic and Greek letters that look like Latin ones.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
        "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ո": "n",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
        "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "γ": "y", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z",
        "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "ı": "i", "ℓ": "l",
    }
)  # fmt: skip
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
_SPLIT = re.compile(r"\b(?:[a-z][ .\-_*+|/]{1,2}){3,40}[a-z]\b")


def normalize(text: str) -> str:
    """NFKC (full-width → ASCII), invisible characters removed, homoglyphs folded, lower case, spaces collapsed."""
    text = unicodedata.normalize("NFKC", strip_invisible(text)).translate(_HOMOGLYPHS)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return re.sub(r"[ \t\u00a0]+", " ", text.lower())


def _despace(text: str) -> str:
    return _SPLIT.sub(lambda m: re.sub(r"[ .\-_*+|/]", "", m.group()), text)


_B64 = re.compile(r"[A-Za-z0-9+/_\-]{16,4000}={0,2}")
_HEX = re.compile(r"\b(?:[0-9a-fA-F]{2}[ :]?){12,2000}\b")
_DECODED_OK = re.compile(r"[a-z]{3,}\s+[a-z]{2,}", re.IGNORECASE)


def _printable(raw: bytes) -> str | None:
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not decoded or sum(ch.isprintable() or ch in "\n\t" for ch in decoded) / len(decoded) < 0.9:
        return None
    return decoded if _DECODED_OK.search(decoded) else None


def _decoded_payloads(text: str) -> list[str]:
    out: list[str] = []
    for m in _B64.finditer(text):
        chunk = m.group()
        if not re.search(r"[A-Z]", chunk) or not re.search(r"[a-z]", chunk):
            continue
        padded = chunk + "=" * (-len(chunk) % 4)
        for decoder in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                got = _printable(decoder(padded))
            except (binascii.Error, ValueError):
                got = None
            if got:
                out.append(got)
                break
    for m in _HEX.finditer(text):
        try:
            got = _printable(bytes.fromhex(re.sub(r"[ :]", "", m.group())))
        except ValueError:
            got = None
        if got:
            out.append(got)
    return out


# --------------------------------------------------------------------------------------------------
# Signals. Each is (id, weight, pattern) over normalised lower-case text.

_QUAL = (
    r"(?:all|any|every|each|the|your|my|of|previous|prior|above|earlier|preceding|initial|original|old|"
    r"system|safety|ethical|moral|content|openai'?s?|these|those|and|following|other|given|default|"
    r"developer'?s?|programm?ed|built-?in|current|existing|standard|usual|normal|core)"
)
_NOUN = (
    r"(?:instructions?|directions?|rules|guidelines|directives?|prompts?|programming|guardrails?|"
    r"restrictions?|safeguards?|polic(?:y|ies)|filters?|constraints?|context|commands?|orders|training|"
    r"limitations?|boundaries|principles|protocols?)"
)
_AI = r"(?:ai|a\.i\.|assistant|chat ?bot|bot|llm|language model|model|gpt|chatgpt|copilot|agent|reviewer|grader|scanner)"


@dataclass(frozen=True, slots=True)
class _Signal:
    id: str
    weight: float
    pattern: re.Pattern[str]
    strong: bool = False  # not damped by the "question about security" heuristic
    cased: bool = False  # matched on the case-preserving view only
    min_count: int = 1  # distinct matches needed


def _sig(
    sid: str,
    weight: float,
    pattern: str,
    *,
    strong: bool = False,
    cased: bool = False,
    min_count: int = 1,
) -> _Signal:
    flags = re.MULTILINE if cased else re.MULTILINE | re.IGNORECASE
    return _Signal(sid, weight, re.compile(pattern, flags), strong, cased, min_count)


_SIGNALS: tuple[_Signal, ...] = (
    # instruction override: verb + only qualifiers + an instruction noun ("ignore the default VPC" has no noun)
    _sig(
        "override",
        0.9,
        r"(?<![a-z])(?:ignore|disregard|forget|override|overrule|bypass|abandon|drop|discard|set aside|neglect|"
        r"skip|nevermind|never mind|do not follow|don'?t follow|stop following|no longer follow)\b"
        rf"(?:\s+{_QUAL}){{1,5}}\s+(?:{_NOUN}|(?<=previous )text|(?<=above )text|(?<=prior )text|(?<=earlier )text)\b",
        strong=True,
    ),
    _sig(
        "override-above",
        0.8,
        r"(?<![a-z])(?:ignore|disregard|forget)\s+(?:all\s+|everything\s+|what(?:ever)?\s+)?(?:the\s+|i\s+said\s+)?"
        r"(?:above|before|previously|earlier|prior)\b(?!\s+(?:step|command|section|error|output|example))|"
        r"\b(?:forget|disregard)\s+(?:all\s+|everything\s+)?(?:that\s+)?(?:you\s+)?(?:have\s+)?"
        r"(?:learned|learnt|know|were told|been told)\b",
        strong=True,
    ),
    _sig(
        "new-instructions",
        0.55,
        r"\b(?:new|updated|real|actual|true|revised|secret|hidden)\s+(?:instructions?|directives?|rules|policy|"
        r"system prompt)\s*(?::|are|is|follow)",
    ),
    _sig(
        "rule-release",
        0.6,
        r"\b(?:not|no longer|never)\s+(?:be\s+)?(?:bound|restricted|limited|constrained)\s+by\b|"
        r"\b(?:free|freed|released|liberated|broken free)\s+(?:from|of)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
        r"(?:rules|restrictions|limitations|constraints|guidelines|filters|censorship|ethics|morals|policies|"
        r"typical confines|confines|programming)|"
        r"\b(?:without|no|zero|free of|lacks?|ignores?)\s+(?:any\s+|all\s+)?(?:ethical|moral|content|safety)\s+"
        r"(?:guidelines|restrictions|limits|limitations|filters?|constraints|considerations|boundaries|policies)|"
        r"\b(?:doesn'?t|does not|don'?t|do not|won'?t|will not|never)\s+(?:have\s+to\s+)?(?:follow|abide by|adhere to|"
        r"comply with|care about|respect)\s+(?:any\s+|the\s+)?(?:openai|content|ethical|moral|safety|any|rules)",
    ),
    _sig(
        "persona-unrestricted",
        0.5,
        r"\b(?:unfiltered|uncensored|unrestricted|unlimited|amoral|unethical|unbound|unchained|jailbroken|"
        r"limitless|immoral|rogue|evil|no[- ]limits?|no[- ]rules?|without limits|without restrictions|"
        r"without filters|without censorship)\s+(?:ai|a\.i\.|assistant|chat ?bot|bot|model|language model|version|"
        r"mode|persona|character|alter ego|entity|system)\b",
    ),
    _sig(
        "jailbreak-name",
        0.55,
        r"\b(?:dan|do anything now|god mode|jailbreak mode|jailbreak|stan|dude|aim|"
        r"evil confidant|anti-?gpt|betterdan|maximum|mongo tom|omega|apophis|nsfw mode)\b"
        r"(?=.{0,80}\b(?:mode|enabled|you|ai|character|persona|prompt|respon|answer|act|stands? for)\b)",
    ),
    _sig(
        "amoral-traits",
        0.45,
        r"\b(?:amoral|unfiltered|uncensored|unrestricted|unethical|immoral|unhinged|no morals|no ethics|"
        r"without morals|without ethics|unbiased|no filters?|no restrictions)\b",
        min_count=2,
    ),
    _sig(
        "persona-switch",
        0.35,
        r"\b(?:from now on|for the rest of this conversation|you are (?:now|no longer)|you will now|"
        r"you'?re now|henceforth|going forward)\b.{0,80}\b(?:act|pretend|role|play|be|become|respond|answer|"
        r"called|named|simulate|behave)",
    ),
    _sig(
        "dual-answer",
        0.45,
        r"\b(?:two|2|both|dual|separate)\s+(?:different\s+|separate\s+|distinct\s+)?(?:ways|responses|answers|"
        r"replies|outputs|paragraphs)\b.{0,200}\b(?:normal|classic|standard|filtered|censored|gpt|chatgpt)|"
        r"\[(?:gpt|chatgpt|classic|jailbreak|normal|🔒|🔓)[^\]]{0,20}\]\s*:?",
    ),
    _sig(
        "never-refuse",
        0.4,
        r"\b(?:never|not|cannot|can'?t|won'?t|will not|must not|do not|don'?t)\s+(?:ever\s+)?"
        r"(?:refuse[sd]?|decline[sd]?|say (?:no|that you can'?t)|reject|apologi[sz]e|add (?:any )?warnings?|"
        r"include (?:any )?(?:warnings?|disclaimers?))|\bstay in character\b|\bbreak(?:ing)? character\b|"
        r"\banswer(?:s|ing)? (?:any|every|all) (?:request|question|prompt)s?\b|"
        r"\b(?:does|do|can do|will do|can say) anything\b|\b(?:doesn'?t|does not) (?:give a|care about (?:ethic|moral|legal))|\bregardless of (?:how )?(?:legal|ethic|moral|"
        r"danger|harm|offensive)",
    ),
    _sig(
        "policy-mention",
        0.25,
        r"\b(?:openai'?s?|anthropic'?s?|content|usage)\s+(?:content\s+)?polic(?:y|ies)\b|\bas an ai language model\b",
    ),
    _sig(
        "mode-switch",
        0.55,
        r"\b(?:enter|activate|switch(?:ing)? (?:you )?(?:in)?to|entering|you are (?:now )?in|you'?re (?:now )?in)\s+"
        r"(?:the\s+)?(?:developer|admin|administrator|god|maintenance|sudo|root|unrestricted|jailbreak|dan)\s+mode\b|"
        r"\b(?:admin|developer|god|sudo|jailbreak|dan)[\s_\\]*mode[\s:=\\]*(?:is\s+)?(?:on|enabled|activated|"
        r"unlocked)\b",
    ),
    # forged role markers and delimiters
    _sig(
        "role-marker",
        0.65,
        r"<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id)\|>|\[/?inst\]|<<sys>>|"
        r"</?(?:system|sys|admin)>|\[system\]|^\s*#{2,}\s*(?:system|new instruction)s?\b|"
        r"<end of (?:session|conversation|input)>|\bend of (?:user )?(?:input|prompt|conversation)\b",
        strong=True,
    ),
    _sig(
        "role-line",
        0.45,
        r"(?<=\S)\s*\n(?:\s|>|\*\*)*(?:system|assistant|developer|admin(?:istrator)?|tool|user|human)\s*(?:message|note|"
        r"override|prompt)?\s*:\s*(?=\S)",
        strong=True,
    ),
    _sig(
        "role-inline",
        0.55,
        r"(?<=\S)\s+(?:SYSTEM|ASSISTANT|ADMIN|DEVELOPER)(?: (?:MESSAGE|NOTE|OVERRIDE|PROMPT))?\s*:\s+(?=\S)",
        strong=True,
        cased=True,
    ),
    # system-prompt extraction
    _sig(
        "extraction",
        0.75,
        r"\b(?:repeat|print|reveal|show|output|display|tell me|leak|spell out|write out|give me|share|dump|"
        r"recite|return|list|what (?:is|are|were))\s+(?:me\s+)?(?:back\s+)?(?:all\s+|exactly\s+|verbatim\s+)?"
        r"(?:your|the|all|any|those|these)\s+(?:(?:full|exact|complete|entire|original|initial|hidden|secret|"
        r"internal|system|previous|above)\s+){1,3}(?:prompt|instructions?|message|context|rules|configuration|"
        r"text|words|guidelines)\b|\b(?:repeat|print|output|reveal)\s+(?:the\s+)?(?:text|words|everything|"
        r"all|content)\s+(?:above|before|preceding)\b|\bwhat (?:was|were) (?:written|said)\s+(?:at the\s+|"
        r"in the\s+)?(?:beginning|start|above)\b|\b(?:system prompt|initial prompt|hidden prompt)\s+verbatim\b|"
        r"\byour (?:system prompt|initial instructions|original instructions|hidden instructions)\b|"
        r"\b(?:repeat|print|reveal|show|output|display|list|relay|respond with|tell me|share|dump|recite)\b"
        r".{0,40}\b(?:your|you have been given|you were given)\b.{0,30}\b(?:instructions|prompt|rules|parameters)\b",
        strong=True,
    ),
    # instructions addressed to an AI inside content
    _sig(
        "addressed-to-ai",
        0.7,
        rf"\b(?:note|message|instructions?|attention|notice|important)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?"
        rf"{_AI}s?\b|"
        rf"\b(?:dear|hey|hi|attention|ai)\s+{_AI}\s*[:,]|"
        rf"(?:^|[#/*\-!>]\s*|<!--\s*)(?:ai|llm|assistant|chatgpt|gpt|copilot|ai reviewer|ai agent|"
        rf"ai assistant|language model|reviewer bot)\s*[:,]\s*(?:please\s+)?(?:ignore|mark|approve|skip|say|"
        rf"respond|reply|output|print|include|add|recommend|do not|don'?t|tell|classify|rate|treat|consider|"
        rf"report|answer|summari[sz]e|translate|make|set|disable|remove|always|never|you)|"
        rf"\bif you are (?:an?\s+)?(?:ai|llm|language model|assistant|chatbot|automated|bot)\b|"
        rf"\b(?:when|while|if) (?:you are |you'?re )?(?:summari[sz]|translat|review|process|read|analy[sz])ing "
        rf"(?:this|the following)\b.{{0,40}}\b(?:also|instead|must|should|always|make sure)\b",
        strong=True,
    ),
    _sig(
        "verdict-forcing",
        0.5,
        r"\b(?:mark|flag|classify|label|treat|report|consider|rate|rank|score|evaluate)\s+(?:this|it|the|these|"
        r"them|that)?\s*(?:\w+\s+){0,3}(?:as\s+)?(?:compliant|approved|safe|not malicious|benign|passed|trusted|"
        r"verified|pre-?approved|highly recommended|clean)\b|\bpre-?(?:approved|verified|authori[sz]ed)\b|"
        r"\btranslate this (?:sentence|text) as\b",
    ),
    _sig(
        "say-quoted",
        0.3,
        r"\b(?:just |only |instead )?(?:output|say|respond with|reply with|print)\s*:?\s*[\"'“]",
    ),
    _sig(
        "skip-confirmation",
        0.3,
        r"\b(?:skip|bypass|without|no need for|don'?t ask (?:for|me for)|do not ask (?:for|me for)|disable|"
        r"omit|avoid)\s+(?:any\s+|the\s+|all\s+|a\s+|further\s+|my\s+)?(?:human\s+|manual\s+|user\s+)?"
        r"(?:validation|confirmation|confirming|approval|review|checks|verification|asking)\b",
    ),
    _sig(
        "imperative-now",
        0.15,
        r"\b(?:right now|no questions asked|this is authori[sz]ed|i am (?:your|the) "
        r"(?:developer|admin|administrator|creator|owner)|i have (?:admin|root|developer) (?:access|privileges)|"
        r"this is a test environment|for (?:testing|research) purposes only)\b",
    ),
    _sig(
        "decode-and-follow",
        0.5,
        r"\b(?:decode|decrypt|translate|deobfuscate|reverse|rot13)\b.{0,40}\b(?:and|then)\s+(?:follow|execute|"
        r"do|run|obey|act on|carry out|comply)\b",
        strong=True,
    ),
    _sig(
        "interrupt",
        0.4,
        r"(?<![a-z])(?:stop everything|stop what you(?:'re| are) doing|(?:your )?new task is|begin new instructions?|"
        r"reprogramming|safe mode off|filters? (?:off|disabled)|you have been given a system upgrade|"
        r"(?:ignore|disregard) everything (?:i'?ve|i have) said)\b",
        strong=True,
    ),
    _sig(
        "force-reply-start",
        0.35,
        r"\b(?:start|begin|prefix|open)\s+(?:your|each|every)\s+(?:reply|response|answer|output)s?\s+with\b",
    ),
)

# Texts ABOUT attacks ("how do I defend against prompt injection?") — damp the weak signals only.
_META_QUESTION = re.compile(
    r"^(?:how|what|why|which|can|could|should|is|are|explain|describe|list|give me an overview|tell me about)\b"
    r".{0,300}\b(?:prompt injection|jailbreak|attack|attacker|defen[cd]|prevent|protect|detect|mitigat|"
    r"secur|owasp|red team|test(?:ing)? for)",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class _Hit:
    signal: str
    view: str
    start: int
    end: int


def _views(text: str) -> list[tuple[str, str]]:
    norm = normalize(text)
    cased = unicodedata.normalize("NFKC", strip_invisible(text)).translate(_HOMOGLYPHS)
    views = [("cased", cased), ("normalized", norm)]
    leet = norm.translate(_LEET)
    if leet != norm:
        views.append(("leetspeak", leet))
    despaced = _despace(norm)
    if despaced != norm:
        views.append(("split-tokens", despaced))
    for decoded in _decoded_payloads(text):
        views.append(("decoded", normalize(decoded)))
    views.append(("rot13", codecs.encode(norm, "rot13")))
    views.append(("reversed", norm[::-1]))
    return views


def score_prompt_injection(text: str) -> tuple[float, list[_Hit]]:
    """Risk in [0, 1] and the signals that fired (first hit per signal)."""
    hits: dict[str, _Hit] = {}
    for view, body in _views(text):
        encoded_view = view in ("rot13", "reversed", "decoded")
        for sig in _SIGNALS:
            if (
                sig.id in hits
                or (encoded_view and not sig.strong)
                or sig.cased != (view == "cased")
            ):
                continue
            if sig.min_count > 1:
                found = {m.group().lower() for m in sig.pattern.finditer(body)}
                if len(found) >= sig.min_count:
                    hits[sig.id] = _Hit(sig.id, view, 0, 0)
                continue
            m = sig.pattern.search(body)
            if m:
                hits[sig.id] = _Hit(
                    sig.id, "normalized" if view == "cased" else view, m.start(), m.end()
                )
    if not hits:
        return 0.0, []
    meta = bool(_META_QUESTION.match(normalize(text[:400]).strip())) and len(text) < 600
    keep = 1.0
    weights = {s.id: s for s in _SIGNALS}
    for hit in hits.values():
        sig = weights[hit.signal]
        w = sig.weight
        if hit.view in ("rot13", "reversed", "decoded"):
            w = min(1.0, w + 0.1)  # hiding an instruction is itself a signal
        if meta and sig.id not in (
            "override",
            "role-marker",
            "addressed-to-ai",
            "decode-and-follow",
        ):
            w *= 0.3
        keep *= 1.0 - w
    return round(1.0 - keep, 4), list(hits.values())


class PromptInjectionScanner:
    """LLM Guard's ``PromptInjection``, offline: blocked when ``risk >= threshold``."""

    name: ClassVar[str] = "PromptInjection"
    stage: ClassVar[Stage] = "input"
    sanitizes: ClassVar[bool] = False

    def __init__(self, *, threshold: float = 0.5) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be within (0, 1], got {threshold}")
        self.threshold = threshold

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        risk, hits = score_prompt_injection(text)
        blocked = risk >= self.threshold
        reason = ", ".join(
            f"{h.signal}({h.view})" if h.view != "normalized" else h.signal for h in hits
        )
        return ScanResult(
            scanner=self.name,
            text=text,
            outcome="blocked" if blocked else "pass",
            risk=risk if blocked else 0.0 if not hits else risk,
            reason=reason if blocked else "",
            detections=tuple(Detection(f"prompt-injection:{h.signal}", 0, 0) for h in hits)
            if blocked
            else (),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
