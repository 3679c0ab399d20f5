"""Refuse texts about banned topics — LLM Guard's ``BanTopics``, offline, with a written lexicon per topic.

LLM Guard asks a zero-shot classifier model whether a text is about each topic. Here every topic has a lexicon of
weighted terms and phrases (below); a topic's score is ``1 - Π(1 - weight)`` over the distinct terms found, so one
unambiguous phrase ("pipe bomb", weight 0.9) or two weaker ones ("casino" + "poker", 0.5 each → 0.75) reach the
default threshold of 0.6. Matching runs on the normalised, homoglyph-folded, case-folded view of the text.

What it cannot do: understand a topic described without its words (a euphemism, a paraphrase, another language),
or tell discussing a topic from asking for it ("how to defend against ransomware" scores like "write
ransomware" would on the word alone — which is why defensive security words carry low weights and the harmful
phrasings carry high ones). Topics outside the lexicon need ``lexicons`` (your own terms, weight 1.0 each).
Ambiguous infrastructure words (kill a process, attack surface, payload, execute, terminate, target group,
fork bomb) are deliberately absent.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping, Sequence
from typing import ClassVar

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params
from palisade.guard.scanners.textview import view

__all__ = ["LEXICONS", "TOPIC_ALIASES", "BanTopicsScanner"]

# topic → {regex fragment (matched at word boundaries, case-insensitive): weight}
LEXICONS: Mapping[str, Mapping[str, float]] = {
    "violence": {
        r"kill (?:him|her|them|you|people|everyone|my \w+|a person|someone)": 0.9,
        r"murder(?:ed|ing|s)?": 0.5, r"stab(?:bed|bing)? (?:him|her|them|someone)": 0.9,
        r"shoot (?:him|her|them|people|someone|up)": 0.9, r"mass shooting": 0.9, r"massacre": 0.7,
        r"behead(?:ed|ing)?": 0.9, r"tortur(?:e|ed|ing)": 0.5, r"beat (?:him|her|them|someone) up": 0.8,
        r"hurt (?:someone|people|him|her|them)": 0.6, r"terrorist attack": 0.8, r"assassinat\w*": 0.8,
        r"violent(?:ly)?": 0.3, r"violence": 0.5, r"blow up (?:a|the|an) \w+": 0.7,
    },
    "weapons": {
        r"(?:build|make|assemble) (?:a |an )?(?:bomb|explosive|gun|firearm|weapon)s?": 0.95,
        r"pipe bomb": 0.9, r"explosives?": 0.5, r"detonat(?:or|e|ion)": 0.6, r"firearms?": 0.5,
        r"handgun|rifle|shotgun|assault weapon": 0.5, r"ammunition|ammo": 0.5, r"silencer|suppressor": 0.5,
        r"ghost gun|3d[- ]printed gun": 0.9, r"nerve agent|sarin|ricin|anthrax|vx gas": 0.9,
        r"(?:bio|chemical) ?weapons?": 0.9, r"napalm|thermite": 0.5, r"grenade": 0.5, r"molotov": 0.8,
    },
    "self-harm": {
        r"kill myself": 0.95, r"suicid(?:e|al)": 0.8, r"self[- ]harm": 0.8, r"cut(?:ting)? myself": 0.9,
        r"end my life": 0.95, r"want to die": 0.8, r"overdos(?:e|ing)": 0.5, r"hang myself": 0.95,
    },
    "drugs": {
        r"cocaine|heroin|methamphetamine|crystal meth|fentanyl": 0.7, r"meth": 0.5, r"lsd|mdma|ecstasy": 0.6,
        r"cook(?:ing)? meth": 0.95, r"(?:buy|sell|score) (?:drugs|weed|coke|pills)": 0.9,
        r"marijuana|cannabis|weed": 0.5, r"opioids?|opiates?": 0.5, r"drug dealer": 0.8, r"get high": 0.6,
    },
    "hate": {
        r"ethnic cleansing": 0.9, r"inferior races?": 0.9, r"white power|white supremac\w*": 0.9,
        r"subhuman": 0.8, r"go back to your country": 0.8, r"hate (?:all )?(?:jews|muslims|christians|"
        r"blacks|whites|gays|immigrants|women|men)": 0.95, r"racis[mt]": 0.5, r"genocide": 0.6,
    },
    "sexual": {
        r"porn\w*": 0.8, r"nudes?|naked": 0.5, r"explicit sex\w*|sex scene": 0.8, r"nsfw": 0.7,
        r"erotic\w*": 0.7, r"sex(?:ual)? (?:with|content|acts?)": 0.7, r"onlyfans": 0.6,
    },
    "gambling": {
        r"casinos?": 0.5, r"sports ?book|betting odds": 0.6, r"place (?:a )?bets?": 0.6, r"bet(?:s|ting)?": 0.3,
        r"poker|roulette|blackjack|slot machines?": 0.5, r"gambl\w+": 0.6, r"lottery": 0.4,
    },
    "politics": {
        r"elections?": 0.4, r"democrats?|republicans?": 0.5, r"(?:vote|voting) for": 0.5,
        r"political part(?:y|ies)": 0.6, r"presidential|president (?:biden|trump|obama)": 0.6,
        r"left[- ]wing|right[- ]wing": 0.6, r"senators?|congress(?:man|woman)?|parliament": 0.4,
        r"campaign(?:ing)? for": 0.4, r"politic(?:s|al|ian)": 0.5,
    },
    "religion": {
        r"god|allah|jesus|christ|buddha": 0.4, r"bible|quran|koran|torah": 0.5,
        r"church|mosque|synagogue|temple": 0.3, r"religio(?:n|us)": 0.5, r"pray(?:er|ing)?": 0.4,
        r"atheis[mt]": 0.5, r"salvation|sin(?:ful|ners?)": 0.4,
    },
    "malware": {
        r"(?:write|create|build|code|develop) (?:a |an |some )?(?:malware|ransomware|virus|trojan|worm|"
        r"keylogger|rootkit|botnet|stealer|backdoor)": 0.95,
        r"ransomware|keylogger|rootkit|infostealer|rat trojan": 0.35, r"botnet": 0.35,
        r"phishing (?:kit|page|site) (?:that|to|for)": 0.8, r"steal (?:passwords|credentials|cookies|"
        r"credit cards?)": 0.9, r"credential stuffing": 0.5, r"evade (?:antivirus|edr|detection)": 0.8,
        r"ddos (?:a|someone|my|their|the) \w+": 0.8, r"crypter|fud payload": 0.8,
    },
    "medical": {
        r"diagnos(?:e|is)": 0.4, r"prescri(?:be|ption)": 0.5, r"dosage|dose of": 0.5, r"symptoms?": 0.4,
        r"medication|medicine": 0.4, r"treatment for": 0.4, r"side effects": 0.4,
    },
    "legal": {
        r"legal advice": 0.8, r"lawsuit|sue (?:my|the|them|him|her)": 0.6, r"attorney|lawyer": 0.4,
        r"court case|custody|divorce": 0.5, r"is it legal": 0.5, r"liability": 0.3,
    },
    "finance": {
        r"investment advice|financial advice": 0.8, r"(?:buy|sell) (?:stocks?|shares|crypto|bitcoin)": 0.7,
        r"stock tips?": 0.8, r"retirement savings|401k|pension": 0.4, r"portfolio": 0.3,
        r"day trading": 0.6,
    },
}  # fmt: skip

TOPIC_ALIASES: Mapping[str, str] = {
    "violent": "violence", "weapon": "weapons", "guns": "weapons", "self harm": "self-harm",
    "selfharm": "self-harm", "suicide": "self-harm", "drug": "drugs", "hate speech": "hate",
    "racism": "hate", "sex": "sexual", "adult": "sexual", "adult content": "sexual", "porn": "sexual",
    "nsfw": "sexual", "political": "politics", "religious": "religion", "hacking": "malware",
    "cybercrime": "malware", "medical advice": "medical", "health": "medical", "law": "legal",
    "legal advice": "legal", "financial advice": "finance", "investment": "finance", "money": "finance",
}  # fmt: skip


def _topic_key(topic: str) -> str:
    key = re.sub(r"[\s_]+", " ", topic.strip().lower())
    return TOPIC_ALIASES.get(
        key, key.replace(" ", "-") if key.replace(" ", "-") in LEXICONS else key
    )


def _compile(terms: Mapping[str, float]) -> list[tuple[re.Pattern[str], float]]:
    return [
        (re.compile(rf"(?<!\w)(?:{term})(?!\w)", re.IGNORECASE), w) for term, w in terms.items()
    ]


class BanTopicsScanner:
    """``blocked`` when some topic scores ``>= threshold``; risk is that score."""

    name: ClassVar[str] = "BanTopics"
    stage: ClassVar[Stage] = "input"

    def __init__(
        self,
        *,
        topics: Sequence[str],
        threshold: float = 0.6,
        lexicons: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        names = params.string_list("topics", topics)
        self.threshold = params.number("threshold", threshold, low=0.0, high=1.0, low_open=True)
        custom: dict[str, list[str]] = {}
        for topic, terms in (lexicons or {}).items():
            custom[_topic_key(str(topic))] = params.string_list(f"lexicons[{topic!r}]", terms)
        compiled: dict[str, list[tuple[re.Pattern[str], float]]] = {}
        unknown: list[str] = []
        for topic in names:
            key = _topic_key(topic)
            patterns = _compile(LEXICONS[key]) if key in LEXICONS else []
            if key in custom:
                patterns += [
                    (re.compile(rf"(?<!\w){re.escape(view(t, fold=True).text)}(?!\w)", re.I), 1.0)
                    for t in custom[key]
                ]
            if not patterns:
                unknown.append(topic)
            compiled[key] = patterns
        if unknown:
            raise ValueError(
                f"topics: no lexicon for {', '.join(unknown)}; built-in topics: {', '.join(LEXICONS)} "
                "(or give your own terms with lexicons: {topic: [terms]})"
            )
        self.topics = tuple(compiled)
        self._patterns = compiled

    def scores(self, text: str) -> dict[str, float]:
        """Each configured topic's score for ``text``."""
        folded = view(text, fold=True).text
        out: dict[str, float] = {}
        for topic, patterns in self._patterns.items():
            miss = 1.0
            for pattern, weight in patterns:
                if pattern.search(folded):
                    miss *= 1.0 - weight
            out[topic] = round(1.0 - miss, 4) if not math.isclose(miss, 1.0) else 0.0
        return out

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        scores = self.scores(text)
        hits = {t: s for t, s in scores.items() if s >= self.threshold}
        if not hits:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        listed = ", ".join(f"{t} ({s:.2f})" for t, s in sorted(hits.items(), key=lambda kv: -kv[1]))
        return ScanResult(
            self.name,
            text,
            "blocked",
            max(hits.values()),
            reason=f"banned topic(s): {listed}",
            detections=tuple(Detection(f"topic:{t}", 0, len(text)) for t in sorted(hits)),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
