"""Which language a text is written in, offline — LLM Guard's ``Language`` scanner without its model.

A small detector written for this project: non-Latin scripts are told apart by their Unicode blocks (Han with
kana → Japanese, Han alone → Chinese, Hangul, Arabic, Hebrew, Greek, Devanagari, Thai; Cyrillic split into
Russian / Ukrainian / Bulgarian by letters and function words); Latin-script languages by how many of the text's
words are that language's most frequent function words (profiles below: en, de, fr, es, it, pt, nl, sv, da, no,
pl, cs, tr, fi, hu, ro, id). Code blocks, inline code and URLs are ignored, so a Terraform answer with one
English sentence is English.

Limits (documented, by design): a text with too few words to decide (fewer than 3 function-word hits or 4 script
letters) is *undetermined* and passes; Latin languages outside the profiles are undetermined or mistaken for a
neighbour; Persian/Urdu read as Arabic; mixed-language texts are judged by their majority (use
``match_type: sentence`` to judge each sentence).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params

__all__ = ["LANGUAGES", "Detected", "LanguageScanner", "detect_language"]

_STOPWORDS: Mapping[str, str] = {
    "en": "the of and to in is that it for was on are as with be this by at or from but not have an they which "
    "you we can will if has what all would there their been do my your our i me he she his her so no about "
    "a how why when where who should could does did into than then them these those some any each other more "
    "only also just like it's i'm don't can't what's need want please up out use using get set make new",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden "
    "aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder "
    "aber ich du wir mein ihr",
    "fr": "le la les de des et en un une du est que qui dans pour pas au sur ne se ce il elle sont avec par "
    "plus ou mais nous vous je tu mon ma mes leur cette aux été être avoir fait comme",
    "es": "el la los las de del y en un una que es por con para no se su al lo como más pero sus le ya o este "
    "sí porque esta entre cuando muy sin sobre también me hay donde yo tu mi nosotros está son",
    "it": "il lo la i gli le di del della e è un una che per non con su da sono come ma anche questo questa "
    "nel nella al alla ci si mi ti io tu noi voi loro più se ho ha hanno essere",
    "pt": "o a os as de do da dos das e é um uma que em no na para com não por se mais como mas ao ou seu sua "
    "foi são eu você nós ele ela está isso este esta muito também",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er die maar om als ook bij of uit nog wat "
    "door naar ik je jij wij hij zij mijn dit was worden wordt heeft hebben",
    "sv": "och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så "
    "kan man när hon skulle ska eller nu bara också mycket",
    "da": "og i at det en den til er som på de med han af for ikke der var mig sig men et har om vi min havde "
    "hun nu over da fra du ud sin dem os op skal jeg også",
    "no": "og i det er som en på til av at med for ikke den har de var jeg han om et men så seg hun ble kan fra "
    "vi du eller skal også nå hadde bare mitt",
    "pl": "i w na z że do nie się to jest jak o co ale po tak od za przez dla jego jej są był była tylko już "
    "może ja ty my oraz czy lub być bardzo",
    "cs": "a v na se že je to s z do o jak ale po k jsem jsou by pro tak byl byla jeho její už nebo jen také "
    "když mi ve ze co při od",
    "tr": "ve bir bu da de için ile ne çok daha gibi ama olarak var en ben sen o biz siz değil mi ki her şey "
    "kadar sonra olan",
    "fi": "ja on ei se että oli hän ovat mutta kun niin myös tai kuin jos minä sinä me te he tämä joka mitä "
    "ole vain sen ne nyt",
    "hu": "a az és hogy nem is egy meg van de ez csak már volt mint ki el mi vagy még én te mi ti ők ha azt "
    "sem lesz kell",
    "ro": "și în de la cu nu o un pe care este sunt mai din ce pentru să se lui ei am ai dar sau fost eu tu noi "
    "voi acest această",
    "id": "dan yang di ke dari ini itu untuk dengan tidak ada akan dalam pada juga saya kami kita anda mereka "
    "atau bisa sudah oleh karena",
}
_PROFILES: Mapping[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _STOPWORDS.items()}
_CYRILLIC: Mapping[str, frozenset[str]] = {
    "ru": frozenset("и в не на я что он с как а то все она так его но да ты к у же вы за бы по ее мне "
                    "было вот от меня еще нет о из ему теперь когда это".split()),
    "uk": frozenset("і в не на я що він з як а то все вона так його але та ти до у же ви за би по її "
                    "мені було ось від мене ще немає про це це".split()),
    "bg": frozenset("и в не на аз че той с как а то всички тя така го но да ти към у вие за би по нея "
                    "ми беше от мен още няма за това е са".split()),
}  # fmt: skip
# Letters that only some Latin-script languages use: each occurrence counts as one more hit for them.
_LETTERS: Mapping[str, str] = {
    "de": "äöüß", "fr": "éèêàçœëîû", "es": "ñ¿¡áíóú", "pt": "ãõçâêô", "it": "àèìòù", "sv": "åäö",
    "da": "æøå", "no": "æøå", "pl": "łąęśźżńć", "cs": "řěůčšžý", "tr": "ğşıöüç", "fi": "äö", "hu": "őűáéö",
    "ro": "șțăâî", "nl": "ĳ",
}  # fmt: skip
_SCRIPTS = ("ja", "zh", "ko", "ar", "he", "el", "hi", "th")
LANGUAGES: tuple[str, ...] = tuple(sorted({*_PROFILES, *_CYRILLIC, *_SCRIPTS}))

_CODE = re.compile(r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]{0,400}`|\bhttps?://\S+", re.DOTALL)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")


@dataclass(frozen=True, slots=True)
class Detected:
    """``language`` is an ISO 639-1 code or ``None`` (undetermined); ``confidence`` in [0, 1]."""

    language: str | None
    confidence: float


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x3040 <= o <= 0x30FF:
        return "kana"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
        return "han"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
        return "ko"
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F:
        return "ar"
    if 0x0590 <= o <= 0x05FF:
        return "he"
    if 0x0370 <= o <= 0x03FF:
        return "el"
    if 0x0900 <= o <= 0x097F:
        return "hi"
    if 0x0E00 <= o <= 0x0E7F:
        return "th"
    if 0x0400 <= o <= 0x04FF:
        return "cyrillic"
    if ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
        return "latin"
    return "other"


def detect_language(text: str) -> Detected:
    """The language of ``text`` (prose only: code blocks, inline code and URLs are removed first)."""
    prose = _CODE.sub(" ", text)
    scripts = Counter(_script(ch) for ch in prose if ch.isalpha())
    letters = sum(scripts.values())
    if letters < 4:
        return Detected(None, 0.0)
    top, count = scripts.most_common(1)[0]
    if top in ("kana", "han"):
        share = (scripts["kana"] + scripts["han"]) / letters
        return Detected("ja" if scripts["kana"] else "zh", round(share, 4))
    if top in _SCRIPTS:
        return Detected(top, round(count / letters, 4))
    words = [w.lower() for w in _WORD.findall(prose)]
    profiles = _CYRILLIC if top == "cyrillic" else _PROFILES if top == "latin" else {}
    hits = {lang: sum(1 for w in words if w in stop) for lang, stop in profiles.items()}
    if top == "latin":
        lowered = prose.lower()
        for lang, letters_of in _LETTERS.items():
            hits[lang] += sum(lowered.count(c) for c in letters_of) // 2
    if top == "cyrillic":
        hits["uk"] = hits.get("uk", 0) + 3 * sum(prose.count(c) for c in "іїєґ")
        hits["bg"] = hits.get("bg", 0) + 2 * prose.count("ъ")
        hits["ru"] = hits.get("ru", 0) + 2 * sum(prose.count(c) for c in "ыэё")
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3:
        return Detected(None, 0.0)
    best, best_hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    margin = (best_hits - runner_up) / best_hits
    coverage = min(
        1.0, best_hits / max(1, len(words)) / 0.25
    )  # ~25% function words is typical prose
    evidence = 0.5 + 0.5 * min(1.0, best_hits / 6)  # three hits is little to go on, six is plenty
    confidence = round(min(1.0, 0.5 + 0.5 * margin) * (0.6 + 0.4 * coverage) * evidence, 4)
    return Detected(best, confidence)


class LanguageScanner:
    """``blocked`` when the text (or, with ``match_type: sentence``, one of its sentences) is confidently in a
    language outside ``valid_languages``; undetermined text passes."""

    name: ClassVar[str] = "Language"
    stage: ClassVar[Stage] = "input"

    def __init__(
        self,
        *,
        valid_languages: Sequence[str],
        threshold: float = 0.6,
        match_type: Literal["full", "sentence"] = "full",
    ) -> None:
        codes = [c.lower() for c in params.string_list("valid_languages", valid_languages)]
        unknown = sorted(set(codes) - set(LANGUAGES))
        if unknown:
            raise ValueError(
                f"valid_languages: cannot detect {', '.join(unknown)}; detectable: {', '.join(LANGUAGES)}"
            )
        self.valid_languages = frozenset(codes)
        self.threshold = params.number("threshold", threshold, low=0.0, high=1.0)
        self.match_type = params.choice("match_type", match_type, ("full", "sentence"))

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        pieces = (
            [
                (m.start(), m.end())
                for m in _SENTENCE.finditer(_CODE.sub(lambda m: " " * len(m.group()), text))
            ]
            if self.match_type == "sentence"
            else [(0, len(text))]
        )
        bad: list[tuple[int, int, Detected]] = []
        for a, b in pieces:
            found = detect_language(text[a:b])
            if (
                found.language is not None
                and found.confidence >= self.threshold
                and found.language not in self.valid_languages
            ):
                bad.append((a, b, found))
        if not bad:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        languages = sorted({str(d.language) for _, _, d in bad})
        return ScanResult(
            self.name,
            text,
            "blocked",
            max(d.confidence for _, _, d in bad),
            reason=f"language not allowed: {', '.join(languages)} "
            f"(allowed: {', '.join(sorted(self.valid_languages))})",
            detections=tuple(Detection(f"language:{d.language}", a, b) for a, b, d in bad),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
