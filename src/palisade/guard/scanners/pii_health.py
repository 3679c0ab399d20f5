"""Health information about a person (``MEDICAL_CONDITION``), for ``pii``.

"Take Ana off the on-call rota, she is having chemotherapy" tells the model a colleague's diagnosis. Under
GDPR article 9 that is special-category data, and Presidio has no entity type for it. This detector reports a
condition, diagnosis or treatment from a word list (English, German, French, Spanish, Italian, Portuguese,
Polish and Dutch) when the same sentence is about a person: a name found in the text, a personal pronoun, or
a word for a person (patient, colleague, employee…). Infrastructure vocabulary ("health check", "unhealthy
targets", "the pod keeps dying") is not on the list, and a condition in a sentence about no one ("a bucket for
the diabetes study") is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from palisade.guard.scanners.cues import Gate

__all__ = ["medical_conditions"]

Found = tuple[str, int, int, float]

# Conditions and treatments; a leading word boundary lets ``re`` skip the inside of words.
_TERMS = (
    # English
    r"type [12] diabetes|diabetes|diabetic|(?:breast |lung |skin |prostate |bowel )?cancer|leuka?emia|lymphoma|"
    r"tumou?r|chemo(?:therapy)?|radiotherapy|dialysis|epilepsy|epileptic|seizures?|asthma|hiv(?:[- ]positive)?|"
    r"hepatitis(?: [abc])?|tuberculosis|multiple sclerosis|parkinson'?s|alzheimer'?s|dementia|heart attack|"
    r"heart (?:condition|failure|surgery)|cardiac arrest|stroke|depression|depressive|anxiety disorder|"
    r"panic (?:attacks?|disorder)|bipolar|schizophrenia|ptsd|adhd|autism|autistic|eating disorder|anorexia|"
    r"bulimia|burn-?out|long covid|pregnan(?:t|cy)(?: complications)?|miscarriage|chronic (?:pain|fatigue|illness)|"
    r"fibromyalgia|crohn'?s|colitis|coeliac|celiac|migraines?|insulin|antidepressants?|addiction|alcoholism|"
    r"(?:back|knee|hip|heart|brain) surgery|surgery|broken (?:leg|arm|pelvis|wrist|hip|ankle)|fracture|"
    r"(?:hip|knee) (?:injury|replacement)|disability|kidney (?:failure|disease)|sick leave|medical leave|"
    # German
    r"chemotherapie|depressionen|schwanger(?:schaft)?|bandscheibenvorfall|herzinfarkt|schlaganfall|epilepsie|"
    r"demenz|krankgeschrieben|krankschreibung|behinderung|krebserkrankung|(?<=hat )krebs|(?<=an )krebs|"
    # French
    r"chimioth[ée]rapie|dialyse|diab[èe]te|d[ée]pression|enceinte|grossesse|fausse couche|[ée]pilepsie|asthme|"
    r"arr[êe]t maladie|handicap|infarctus|cancer du sein|"
    # Spanish
    r"c[áa]ncer|quimioterapia|di[áa]lisis|depresi[óo]n|embarazada|embarazo|epilepsia|asma|baja m[ée]dica|"
    r"discapacidad|infarto|ictus|"
    # Italian
    r"cancro|tumore|chemioterapia|dialisi|diabete|depressione|incinta|gravidanza|epilessia|disabilit[àa]|"
    # Portuguese
    r"di[áa]lise|depress[ãa]o|gr[áa]vida|gravidez|licen[çc]a m[ée]dica|defici[êe]ncia|"
    # Polish
    r"nowotw[óo]r|chemioterapi[aęi]|dializ[aęy]|cukrzyc[aęy]|depresj[aęi]|w ciąży|ciąża|padaczk[aęi]|"
    r"zwolnienie lekarskie|niepełnosprawn\w{0,4}|zawa[łl]\w{0,4}|udar\w{0,2}|"
    # Dutch
    r"kanker|depressie|zwanger(?:schap)?|astma|ziekteverlof|hartaanval|beroerte"
)
_CONDITION = re.compile(r"(?i)\b(?:" + _TERMS + r")(?![\w\-])")
# Every branch of _TERMS starts a word with one of these (lower case, as the folded haystack is; spelled out
# where a shorter needle would be an everyday word: "long", "panic", "heart", "broken", "leave").
_GATE = Gate.of(
    starts="diabet|cancer|leukemia|épilep|dialise|leukaemia|lymphoma|tumor|tumour|tumore|chemo|radiotherapy|dialys|epilep|seizure|"
    "asthma|hepatitis|tuberculosis|sclerosis|parkinson|alzheimer|dementia|heart attack|heart condition|"
    "heart failure|heart surgery|cardiac arrest|stroke|depress|depresi|anxiety disorder|panic attack|"
    "panic disorder|bipolar|schizophrenia|autis|eating disorder|anorexia|bulimia|burnout|burn-out|"
    "long covid|pregnan|miscarriage|chronic pain|chronic fatigue|chronic illness|fibromyalgia|crohn|colitis|"
    "coeliac|celiac|migraine|insulin|antidepressant|addiction|alcoholism|surgery|broken leg|broken arm|"
    "broken pelvis|broken wrist|broken hip|broken ankle|fracture|hip injury|hip replacement|knee injury|"
    "knee replacement|disability|kidney failure|kidney disease|sick leave|medical leave|schwanger|"
    "bandscheibenvorfall|herzinfarkt|schlaganfall|demenz|krankgeschrieben|krankschreibung|behinderung|"
    "krebs|chimioth|dialyse|diabète|diabete|dépression|enceinte|grossesse|fausse couche|asthme|"
    "arrêt maladie|arret maladie|handicap|infarctus|cáncer|quimioterapia|diálisis|dialisis|embaraz|"
    "baja médica|baja medica|discapacidad|infarto|cancro|chemioterapia|dialisi|incinta|gravidanza|"
    "epilessia|disabilit|diálise|gravid|grávida|licença médica|licenca medica|licença medica|"
    "licenca médica|deficiência|deficiencia|nowotw|chemioterapi|dializ|cukrzyc|depresj|w ciąży|ciąża|"
    "padaczk|zwolnienie lekarskie|niepełnosprawn|zawał|zawal|kanker|depressie|zwanger|astma|ziekteverlof|"
    "hartaanval|beroerte".split("|"),
    words=["hiv", "ptsd", "adhd", "asma", "ictus", "udar"],
)
# Someone the sentence is about: personal pronouns and words for a person, in the same eight languages.
_PERSONAL = re.compile(
    r"(?i)\b(?:i|i'm|i've|my|me|he|she|his|her|him|he's|she's|patient|employee|colleague|coworker|co-worker|"
    r"teammate|contractor|er|sie|ihr|ihre|sein|seine|ich|mein|meine|kollege|kollegin|mitarbeiter|"
    r"mitarbeiterin|patientin|il|elle|son|ses|je|j'ai|mon|collègue|patiente|él|ella|sus|yo|compañero|"
    r"compañera|paciente|lui|lei|suo|sua|mio|mia|collega|ele|ela|meu|minha|colega|ona|jego|jej|mój|moja|"
    r"kolega|koleżanka|pacjent|pacjentka|hij|zij|zijn|haar|ik|mijn|medewerker)\b"
)
_SENTENCE_END = re.compile(r"[.!?\n](?:\s|$)")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 200), start)]
    after = _SENTENCE_END.search(text, end, end + 200)
    return (before[-1] if before else max(0, start - 200)), (
        after.start() if after else min(len(text), end + 200)
    )


def medical_conditions(text: str, people: Sequence[tuple[int, int]] = ()) -> Iterator[Found]:
    """``people``: spans of names already found in ``text`` (a sentence naming one is about a person)."""
    if not _GATE.open(text):
        return
    for m in _CONDITION.finditer(text):
        a, b = _sentence(text, m.start(), m.end())
        about_someone = any(a <= p < b or a < q <= b for p, q in people) or bool(
            _PERSONAL.search(text, a, b)
        )
        if about_someone:
            yield "MEDICAL_CONDITION", m.start(), m.end(), 0.7
