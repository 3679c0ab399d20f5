"""Best-effort person names for ``pii``: offline, without a model, from cues around the words.

A capitalised word alone is never a name: "Security Group", "Key Vault" and "Victoria Metrics" are capitalised
too. So a name needs a cue:

- an honorific (``Mrs. Selma Veitonen``) or an introduction (``my name is``, ``Name:``, a sign-off);
- a common given name from ``given_names``, a surname ending (-son, -ová, -ski…) or a middle initial;
- a record key or table header that names a person (``holder = "…"``, a ``full_name`` column; ``pii_fields``);
- a word that introduces a person ("requested by", "owner", "primary", "Ansprechpartner", "responsable"), or
  a verb that takes one ("please give", "remove … from") when the words look like a name (a given name, a
  surname ending, letters with diacritics, a particle such as "van der" or "El");
- a contact value right after the words (``Ewan MacLeod <ewan@…>``, ``Yui Nakamura 090-…``);
- an e-mail address of the same person (``youssef.elamrani@…`` makes "Youssef El Amrani" a name);
- a personal document named after the person (``nikos_georgiou_passport.jpg``, ``CV_Yui_Nakamura.pdf``).

Once found, a name is found again wherever it recurs, also inside identifiers (``emily-zhao-payslips``).
Street, place and product words veto ("Gordon Terrace", "Front Door"). Names in scripts without letter case
(Chinese, Japanese, Korean) are found after a strong cue only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence

from palisade.guard.scanners.cues import Gate
from palisade.guard.scanners.given_names import GIVEN_NAMES

__all__ = ["ROLE_WORDS", "fold", "persons", "phones_after_names"]

Found = tuple[str, int, int, float]
Span = tuple[int, int]

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?")
_LETTER_RUN = re.compile(r"[^\W\d_]{4,}")
_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame madam mme mlle herr frau sr sra srta monsieur madame "
    "señor señora signor signora sig dott dhr mevr pan pani".split()
)
_INTRO = re.compile(
    r"(?i)(?:\bmy name is|\bmy name's|\bname is|\bi am called|\bi'm called|\bcall me|"
    r"\b(?:first|last|full|sur|given|family|middle|maiden)\s?name(?: is)?\s{0,2}[:?]?|"
    r"\bname\s{0,2}[:?]|\bname on the (?:account|card)\s{0,2}[:?]?|\bsigned\s{0,2}[:,]|\bsincerely,|"
    r"\bregards,|\bthanks,|\bthank you,|\bcheers,|\bbest,|\bfrom\s{0,2}:|\battn\.?\s{0,2}:?|"
    r"\battention\s{0,2}:|\baccount holder\s{0,2}:?|\bunder (?:my|the) (?:\w+'s )?name|"
    r"\bbeneficiary\s{0,2}:?)[ \t]*\r?\n?[ \t>]*(?:user\s{0,2}:\s{0,2})?"
)
# One needle (at the start of a word, as each branch starts with \b) or pattern per _INTRO branch (the
# haystack has spaces for all whitespace).
_INTRO_GATE = Gate.of(
    starts=[
        *"name is|name's|i am called|i'm called|call me|name on the|sincerely,|regards,|thanks,|thank you,|cheers,|"
        "best,|attn|account holder|beneficiary".split("|"),
        *(
            f"{part}{space}name"
            for part in "first last full sur given family middle maiden".split()
            for space in ("", " ")
        ),
    ],
    patterns=[
        r"name {0,2}[:?]",
        r"signed {0,2}[:,]",
        r"from {0,2}:",
        r"attention {0,2}:",
        r"under (?:my|the) (?:\w+'s )?name",
    ],
)
# Words that introduce a person (folded, as one to three words): what follows is a name when it is two or more
# name words, or one given name.
_ROLE_CUES = frozenset(
    """requested by|reported by|approved by|created by|set up by|owned by|maintained by|signed off by|
    raised by|submitted by|written by|authored by|sponsored by|reviewed by|built by|configured by|managed by|
    assigned to|on behalf of|on-call|oncall|on call|primary|secondary|backup|reviewer|assignee|owner|contact|
    engineer|employee|customer|patient|colleague|contractor|holder|payee|ansprechpartner|ansprechpartnerin|
    verantwortlich|verantwortliche|verantwortlicher|kollege|kollegin|mitarbeiter|mitarbeiterin|vertreter|
    vertreterin|responsable|collegue|interlocuteur|interlocutrice|contacto|companero|companera|referente|
    collega|responsabile|responsavel|colega|wlasciciel|wlascicielka|kontakt|kolega|kolezanka|opiekun|
    eigenaar|contactpersoon|medewerker""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
# Verbs and prepositions that take a person; what follows must also look like a name (``_looks_personal``).
_VERB_CUES = frozenset(
    """give add call ping ask remove take cc invite notify thank tell email text page for to from with by and
    bitte fur von mit retirer pour avec quita quitar para con togli per tire tirar haal voor dla zdjac""".split()
)
_CUE_GAP = re.compile(
    r"[ \t]{1,2}|[ \t]{0,2}[:=\-–—][ \t]{0,2}[\"']?|[ \t]{0,2}=[ \t]{0,2}[\"']|\s{1,3}"
)
_NOT_NAMES = frozenset(
    """the a an and or but if then this that these those there here it its i i'm we you he she they me my our
    your his her their is are was were be been being have has had do does did not no yes ok okay please thanks
    thank hello hi hey dear regards best cheers sincerely team all everyone someone anyone nobody sir madam
    new old main test prod production staging dev development default admin root user users service account
    security group bucket key vault hub policy role cluster network subnet region zone resource resources
    terraform kubernetes aws azure gcp google amazon microsoft github gitlab docker linux windows cloud storage
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december today tomorrow yesterday inc ltd llc corp company bank card number
    phone email address what why how when where who which""".split()
)
# Words that make the capitalised words around them a place, not a person ("Gordon Terrace", "Rua João").
_PLACE_WORDS = frozenset(
    """street road rd avenue ave lane ln drive terrace bypass pass fort square sq place pl way court ct
    boulevard blvd park hill extensions extension crescent close gardens heights point san santa saint
    rua via calle ul strasse straße gade vej katu tér utca city county port bay bridge station airport
    university hospital school church são sao north south region regions datacenter green greens harbor
    harbour wharf quay mews row walk parade rise vale meadow meadows yard hollow grove circle trail plaza
    alley esplanade causeway highway parkway""".split()
)
# Words that make capitalised words around them a product, service or team, not a person ("Victoria Metrics",
# "Front Door", "Data Platform"): any of them in a run of capitalised words vetoes it.
_PRODUCT_WORDS = frozenset(
    """api apis app apps platform data lake warehouse pipeline pipelines engine engines service services
    server servers database databases cache queue topic stream streams function functions gateway gateways
    door front balancer load monitor monitoring metrics logs logging insights analytics dashboard portal
    manager registry repository repo repos store secrets certificate certificates identity directory
    defender sentinel shield armor guard duty control tower center centre hub factory studio workspace
    workspaces cloud clouds edge cdn dns firewall endpoint endpoints link private public virtual machine
    machines instance instances container containers compute serverless lambda kinesis athena aurora
    redshift dynamo glue sagemaker bedrock vertex bigquery spanner looker grafana prometheus loki tempo
    jaeger kafka cassandra mongo postgres postgresql mysql redis oracle ubuntu debian jenkins ansible
    helm argo flux istio nginx apache tomcat spring django rails node react vue hugo elastic elasticsearch
    search team teams squad department engineering operations infrastructure infra devops sre security
    finance payments billing marketing sales support legal compliance audit platforms enterprise edition
    premium standard basic pro plus business suite framework runtime sdk cli console agent operator
    controller scheduler worker workers runner runners actions action workflow workflows build builds
    release releases deploy deployment deployments backup backups recovery replica replicas primary
    secondary core labs systems solutions group groups consulting technologies ai ml llm gpt copilot
    assistant bot orchestra band club association foundation institute society council committee ministry
    agency bureau corporation holdings partners college academy museum gallery theatre theater festival
    records studios press media news times journal magazine weekly daily hotel restaurant cafe airlines
    motors pharma capital ventures fund trust llc inc ltd gmbh corp plc ag bv oy srl spa kg""".split()
)
_NAME_PREFIXES = frozenset("al el ben bin abu ibn abd bint".split())
_HYPHEN_WORDS = frozenset(
    "only in on up out off side wide free like safe proof ready time level end".split()
)
_PARTICLES = frozenset(
    "de da das do dos del della der den van von la le du di ten ter bin binti ibn al el y e zu".split()
)
_SURNAME = re.compile(
    r"(?:[bcdfghklmnprtvwz]son|sen|sson|dottir|dóttir|ová|ova|ski|ska|sky|ský|vić|vič|vic|ić|ov|ev|eva|enko|escu|poulos|"
    r"opoulou|ides|akis|yan|ian|shvili|dze|ez|ini|elli|etti|berg|ström|strom|qvist|stein|mann|ek|czyk|wicz|"
    r"iak|uk|chuk|aki|oglu|oğlu|zadeh|sdóttir|sdottir)$"
)

_DIGIT_BEFORE = re.compile(r"\d\s{0,2}$")
_LEADING_VERBS = frozenset(
    "ask tell call email mail contact send give add let meet invite notify ping thank help see cc assign "
    "welcome congratulate dear hello hi hey".split()
)
_SON_WORDS = frozenset(
    "person salesperson chairperson spokesperson reason season lesson poison comparison prison garrison venison unison caisson mason".split()
)
_ENGLISH_ENDING = re.compile(r"(?:ed|ing|ly|ion|ment|ness|ity|ous|ive|ful|less|able|ible)$")
# Role mailboxes belong to a function, not a person: their local parts never name anyone.
ROLE_WORDS = frozenset(
    """security sec secops soc csirt cert infosec appsec cybersecurity alerts alert alerting alarms alarm oncall
    on call ops devops devsecops sre noc platform infra infrastructure cloud cloudops team teams admin admins
    administrator root webmaster hostmaster postmaster abuse support helpdesk servicedesk it info contact hello
    noreply no reply donotreply notifications notification notify monitoring billing finance finops accounts
    legal privacy dpo compliance audit risk incidents incident pager pagerduty escalation escalations
    engineering eng dev developers dl group list aws gcp azure k8s prod production staging backups backup dba
    database network networking operations reports reporting findings guardduty securityhub cloudtrail
    payments payroll hr people recruiting careers jobs sales marketing press office procurement invoices
    accounting treasury data analytics qa release releases build builds ci cd deploy github status api
    identity iam access vendors partners service services feedback""".split()
)
_PLACEHOLDER_LOCALS = frozenset(
    "user username name you your yourname someone somebody test tester foo bar baz me email mail example "
    "sample demo firstname lastname first last".split()
)
# Personal documents: a file or object named after its subject.
_DOCUMENT_WORDS = frozenset(
    """payslip payslips passport passports cv resume lebenslauf bewerbung contract contracts vertrag offer
    idcard visa license licence medical xray mri scan scans diagnosis w2 p60 selfie kyc birth certificate
    payroll timesheet""".split()
)
# Document words start a part of a file name: at the start of a word (``nikos_georgiou_passport`` splits at
# the underscores), except the short ones, which are looked for anywhere.
_DOCUMENT_GATE = Gate.of(
    ["cv", "mri", "kyc", "w2", "p60", "visa", "xray", "scan"],
    starts=sorted(w for w in _DOCUMENT_WORDS if len(w) >= 5),
)
_PATH_TOKEN = re.compile(r"[^\s\"'<>()\[\]{},;]{4,200}")
_FILLER = frozenset(
    """final draft signed copy scan front back page new old updated report letter form application statement
    monthly annual summary template sample example v1 v2 v3 pdf jpg jpeg png doc docx txt zip tar gz csv xlsx
    dcm tif tiff heic the and of for to""".split()
)

_NOT_PART = _DOCUMENT_WORDS | _FILLER | _NOT_NAMES | _PRODUCT_WORDS

_ASCII_FOLDS = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i", "œ": "oe"}
)


@functools.lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """Lower case without accents (``Jiří`` -> ``jiri``, ``Łukasz`` -> ``lukasz``), for comparing names."""
    if word.isascii():
        return word.lower().rstrip(".")
    stripped = "".join(
        c
        for c in unicodedata.normalize("NFKD", word.lower().translate(_ASCII_FOLDS))
        if not unicodedata.combining(c)
    )
    return stripped.rstrip(".")


def _caseless(word: str) -> bool:
    """Letters of a script without case (Han, Kana, Hangul, Arabic, Hebrew, Thai...)."""
    return word[:1].isalpha() and not word[:1].isupper() and not word[:1].islower()


def _is_cap(word: str) -> bool:
    core = word.rstrip(".")
    return bool(core) and core[0].isupper() and (len(core) == 1 or not core.isupper())


def _is_initial(word: str) -> bool:
    return len(word) in (1, 2) and word[0].isupper() and (len(word) == 1 or word[1] == ".")


def _name_tokens(
    words: list[re.Match[str]],
    i: int,
    text: str,
    *,
    lowercase: bool = False,
    caseless: bool = False,
    limit: int = 4,
) -> int:
    """How many words from ``i`` on form a name: capitalised (or lower case after a strong cue, or in a script
    without case after one), not common words, separated by single spaces, with particles ("van der", "da")
    inside; 0 when the words turn out to be a place ("Gordon Terrace") or a product ("Victoria Metrics")."""
    n = named = 0
    while i + n < len(words) and named < limit:
        w = words[i + n]
        token = w.group()
        if n and text[words[i + n - 1].end() : w.start()] != " ":
            break
        folded = fold(token)
        if folded in _PLACE_WORDS and (n or _is_cap(token)):
            return 0
        if folded in _PRODUCT_WORDS and (n or _is_cap(token)):
            return 0
        if folded in _NOT_NAMES:
            break
        particle = n > 0 and token in _PARTICLES
        if particle:  # "van der Berg": particles need a capitalised word after them
            after = i + n + 1
            while after < len(words) and words[after].group() in _PARTICLES:
                after += 1
            if after >= len(words) or not _is_cap(words[after].group()):
                break
        if not (
            particle
            or _is_cap(token)
            or _is_initial(token)
            or (lowercase and token.isalpha())
            or (caseless and _caseless(token))
        ):
            break
        n += 1
        named += not particle
        if token.endswith(".") and not _is_initial(token) or token.endswith(("'s", "’s")):
            break  # a full stop or a possessive ends the name
    nxt = i + n
    if n and nxt < len(words) and text[words[nxt - 1].end() : words[nxt].start()] == " ":
        if fold(words[nxt].group()) in _PLACE_WORDS | _PRODUCT_WORDS:
            return 0
    if n and i > 0 and text[words[i - 1].end() : words[i].start()] == " ":
        if fold(words[i - 1].group()) in _PLACE_WORDS:
            return 0  # "Rua João Pessoa", "San Michele"
    if n and i > 0 and _DIGIT_BEFORE.search(text, max(0, words[i].start() - 4), words[i].start()):
        return 0  # "69 Gordon ..." is an address
    return n


def _looks_personal(tokens: Sequence[str]) -> bool:
    """Evidence that capitalised words are a person's name, not a phrase: a given name, a surname ending on
    the last word, letters with diacritics, a hyphenated name, Mac/Mc/O' names, a script without case."""
    last = fold(tokens[-1])
    if len(last) > 4 and _SURNAME.search(last) and not _ENGLISH_ENDING.search(last):
        return True
    for t in tokens:
        if fold(t) in GIVEN_NAMES:
            return True
        if not t.isascii() and any(c.isalpha() and not c.isascii() for c in t):
            return True
        if _caseless(t) or re.fullmatch(r"(?:Mac|Mc|O['’])[A-Z]\w+", t):
            return True
        head, _, tail = t.partition("-")
        if tail and (
            (tail[:1].islower() and len(head) <= 4 and len(tail) <= 4 and tail not in _HYPHEN_WORDS)
            or fold(head) in _NAME_PREFIXES
        ):
            return True  # "Min-jun", "Seo-yeon", "Al-Farsi", "Ben-David"; not "Full-Stack", "Read-only"
    return False


class _Names:
    """One text's words and the name spans found in them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = list(_WORD.finditer(text))
        self._starts: dict[int, int] | None = None
        self.found: list[tuple[int, int, float]] = []

    def index_at(self, pos: int, skip: str = " \t\"'") -> int | None:
        """The word starting at ``pos``, after any of ``skip`` (spaces and the quotes of a record value)."""
        if self._starts is None:
            self._starts = {w.start(): k for k, w in enumerate(self.words)}
        while pos < len(self.text) and self.text[pos] in skip:
            pos += 1
        return self._starts.get(pos)

    def add(self, i: int, count: int, score: float) -> None:
        if count:
            a, b = self.words[i].start(), self.words[i + count - 1].end()
            if self.text[b - 1] == "." and not _is_initial(self.words[i + count - 1].group()):
                b -= 1
            self.found.append((a, b, score))

    def tokens(self, i: int, count: int) -> list[str]:
        return [self.words[j].group() for j in range(i, i + count)]

    def strong(self, k: int | None, score: float, *, end: int | None = None) -> None:
        """A name after a strong cue: two or more name words, or one given name or caseless word."""
        if k is None:
            return
        count = _name_tokens(self.words, k, self.text, caseless=True)
        while count and end is not None and self.words[k + count - 1].end() > end:
            count -= 1
        if count >= 2 or (
            count == 1
            and (fold(self.words[k].group()) in GIVEN_NAMES or _caseless(self.words[k].group()))
        ):
            self.add(k, count, score)

    def weak(self, k: int | None, score: float) -> None:
        """A name after a verb or preposition: two to four name words that look personal."""
        if k is None:
            return
        count = _name_tokens(self.words, k, self.text)
        if 2 <= count and _looks_personal(self.tokens(k, count)):
            self.add(k, count, score)


def _direct(names: _Names, seeds: Sequence[Span], weak_seeds: Sequence[Span]) -> None:
    """Names from the words themselves and the words before them: introductions, honorifics, role words and
    verbs, record keys (``seeds``), given names, surname endings and middle initials. One pass over the
    words; only capitalised (or caseless) words do any work."""
    text, words = names.text, names.words
    if _INTRO_GATE.open(text):
        for m in _INTRO.finditer(text):
            k = names.index_at(
                m.end(), skip=""
            )  # a quoted "name:" value is a record's (``pii_fields``)
            if k is not None:
                lowercase = bool(re.search(r"(?i)name is|name's|called|name\s{0,2}\?", m.group()))
                count = _name_tokens(words, k, text, lowercase=lowercase, caseless=True, limit=3)
                names.add(k, count, 0.85)
    for start, end in seeds:
        names.strong(names.index_at(start), 0.8, end=end)
    for start, _ in weak_seeds:
        names.weak(names.index_at(start), 0.75)
    last = len(words) - 1
    for k, w in enumerate(words):
        token = w.group()
        first = token[0]
        if not first.isupper():
            if not first.islower() and _cue_before(names, k) == "strong":
                names.strong(k, 0.8)  # a name in a script without case, after "Owner:"
            if token[-1] != ".":
                continue  # only a capitalised word starts a name, and only those or "dr." are honorifics
        folded = fold(token)
        if k < last and folded in _HONORIFICS and (_is_cap(token) or token.endswith(".")):
            if (
                text[w.end() : words[k + 1].start()] == " "
            ):  # "Dr, Boulder" is a street type and a town
                names.add(k + 1, _name_tokens(words, k + 1, text), 0.85)
            continue
        if not _is_cap(token) or _is_initial(token):
            continue
        cue = _cue_before(names, k) if k else None
        if cue == "strong":
            names.strong(k, 0.8)
        elif cue == "weak":
            names.weak(k, 0.7)
        if folded in GIVEN_NAMES:
            count = _name_tokens(words, k, text)
            names.add(k, count, 0.8 if count > 1 else 0.6)
        elif k < last and words[k + 1].group()[0].isupper():  # without a cue, two capitalised words
            count = _name_tokens(words, k, text, limit=3)
            if count < 2:
                continue
            start = k
            tokens = names.tokens(k, count)
            while count > 2 and fold(tokens[0]) in _LEADING_VERBS:
                start, count, tokens = start + 1, count - 1, tokens[1:]  # "Ask Anna Kowalski"
            middle_initial = count == 3 and _is_initial(tokens[1])
            surname = fold(tokens[-1])
            english = _ENGLISH_ENDING.search(fold(tokens[0])) or surname in _SON_WORDS
            if middle_initial or (_SURNAME.search(surname) and not english):
                names.add(start, count, 0.75)


def _cue_before(names: _Names, k: int) -> str | None:
    """``"strong"`` after a role word ("requested by", "owner:", "Ansprechpartner:"), ``"weak"`` after a verb
    or preposition that takes a person ("please give", "for"), else None."""
    words, text = names.words, names.text
    if k == 0 or not _CUE_GAP.fullmatch(text, words[k - 1].end(), words[k].start()):
        return None
    phrase = fold(words[k - 1].group())
    weak = (
        phrase in _VERB_CUES or phrase in _ROLE_CUES
    )  # one word ("owner", "primary") is not enough
    for j in range(k - 2, max(-1, k - 4), -1):
        if not text[words[j].end() : words[j + 1].start()].isspace():
            break
        phrase = fold(words[j].group()) + " " + phrase
        if phrase in _ROLE_CUES:
            return "strong"  # "requested by", "on behalf of"
    return "weak" if weak else None


_CONTACT_GAP = re.compile(
    r"(?:[ \t]{0,3}[<(\[]|,?[ \t]{1,2}(?:(?:mobile|cell|phone|tel|on|at)[ \t:]{1,3})?|[ \t]{0,2}:[ \t]{0,3}|,)$"
)


def _before_contacts(names: _Names, contacts: Sequence[Span]) -> None:
    """ "Ewan MacLeod <ewan@…>", "Théo Lefèvre (+46 …)", "Aoife Murphy 03-…", "call Daan on 070-…": a name
    right before its contact."""
    words, text = names.words, names.text
    ends = {w.end(): k for k, w in enumerate(words)}
    for start, _ in contacts:
        gap = _CONTACT_GAP.search(text, max(0, start - 16), start)
        j = ends.get(gap.start()) if gap else None
        if j is None:
            continue
        first = j
        while (
            first > 0
            and j - first < 4
            and text[words[first - 1].end() : words[first].start()] == " "
        ):
            first -= 1
        for k in range(first, j + 1):  # the longest run that ends exactly at word j
            count = _name_tokens(words, k, text)
            if k + count - 1 == j and (count >= 2 or (count == 1 and _cue_before(names, k))):
                names.add(k, count, 0.75)
                break


def _last_word_before(ends: list[int], pos: int) -> int | None:
    lo, hi = 0, len(ends)
    while lo < hi:
        mid = (lo + hi) // 2
        if ends[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1 if lo else None


def _from_emails(names: _Names, locals_: Sequence[str]) -> None:
    """Capitalised words that spell an e-mail address's local part: ``jiahao.chen@`` -> "Jiahao Chen",
    ``youssef.elamrani@`` -> "Youssef El Amrani", ``tlefevre@`` -> "Théo Lefèvre"."""
    pieces: set[str] = set()
    squashed: set[str] = set()
    for local in locals_:
        parts = [re.sub(r"\d+$", "", p) for p in re.split(r"[._+\-]", local.lower())]
        parts = [p for p in parts if p]
        if not parts or any(p in ROLE_WORDS or p in _PLACEHOLDER_LOCALS for p in parts):
            continue
        if len(parts) >= 2 or parts[0] in GIVEN_NAMES:
            pieces.update(p for p in parts if len(p) >= 3 and p.isalpha())
        squashed.add("".join(parts))
    if not pieces and not squashed:
        return
    words, text = names.words, names.text
    for k, w in enumerate(words):
        if not _is_cap(w.group()):
            continue
        count = _name_tokens(words, k, text)
        if not count:
            continue
        folds = [fold(t).replace("-", "").replace("'", "") for t in names.tokens(k, count)]
        spelled = {
            "".join(folds),
            "".join(folds[1:] + folds[:1]),
            folds[0][:1] + "".join(folds[1:]),
        }
        if folds[0] in pieces or spelled & squashed:
            names.add(k, count, 0.75)


_FILE_NAME = re.compile(r"(?:[^/\s]*/)*([^/\s]+?)\.[A-Za-z][A-Za-z0-9]{1,4}$")
_COMPONENT = re.compile(r"[^\-_.\s]+")


def _documents(names: _Names) -> None:
    """``payslips/wanjiru-kamau-payslip.pdf``: the words beside a personal-document word in a file name."""
    text = names.text
    if not _DOCUMENT_GATE.open(text):
        return
    for m in _PATH_TOKEN.finditer(text):
        file_name = _FILE_NAME.match(m.group())
        if file_name is None:
            continue
        base = m.start() + file_name.start(1)
        parts = [
            (c.start(), c.end(), fold(c.group())) for c in _COMPONENT.finditer(file_name.group(1))
        ]
        if len(parts) < 3 or not any(p in _DOCUMENT_WORDS for _, _, p in parts):
            continue
        run: list[tuple[int, int, str]] = []
        for part in [*parts, (0, 0, "")]:
            if len(part[2]) >= 2 and part[2].isalpha() and part[2] not in _NOT_PART:
                run.append(part)
                continue
            if 2 <= len(run) <= 3:
                names.found.append((base + run[0][0], base + run[-1][1], 0.7))
            run = []


def _repeats(names: _Names) -> None:
    """A surname or first name found once is a name wherever it appears capitalised, and inside identifiers
    written from it ("emily-zhao-payslips", "payroll_whitfield")."""
    text, found = names.text, names.found
    known = {
        fold(t)
        for a, b, _ in found
        for t in re.split(r"[\s_\-]+", re.sub(r"['’]s$", "", text[a:b]))
        if len(t.rstrip(".")) >= 3 and fold(t) not in _NOT_NAMES
    }
    for w in names.words:
        if w.group()[0].isupper() and _is_cap(w.group()) and fold(w.group()) in known:
            found.append((w.start(), w.end() - (1 if w.group().endswith(".") else 0), 0.6))
    known = {t for t in known if len(t) >= 4 and t.isalpha()}
    if not known:
        return
    for m in _LETTER_RUN.finditer(text):  # one pass, instead of a pattern compiled per name
        if fold(m.group()) not in known:
            continue
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before.isdigit() or after.isdigit():
            continue
        if before in "-_./" and before or after in "-_/" and after:
            found.append((m.start(), m.end(), 0.6))


def persons(
    text: str,
    *,
    seeds: Sequence[Span] = (),
    weak_seeds: Sequence[Span] = (),
    contacts: Sequence[Span] = (),
    email_locals: Sequence[str] = (),
) -> list[Found]:
    """Every name found in ``text``. ``seeds``: value spans of record keys and table columns that name a
    person; ``weak_seeds``: those of keys that may ("name"); ``contacts``: spans of e-mail addresses and phone numbers found in ``text``; ``email_locals``:
    the local parts of those addresses."""
    names = _Names(text)
    if not names.words:
        return []
    _direct(names, seeds, weak_seeds)
    if contacts:
        _before_contacts(names, contacts)
    if email_locals:
        _from_emails(names, email_locals)
    _documents(names)
    if names.found:
        _repeats(names)
    return [("PERSON", a, b, score) for a, b, score in names.found]


_AFTER_NAME = re.compile(r"[ \t]{0,2}(?:[,:(\-–—|][ \t]{0,2})?$")


def phones_after_names(
    text: str, people: Sequence[Span], phones: Sequence[Found]
) -> Iterator[Found]:
    """A number written as digit groups right after a name ("primary Yui Nakamura 562 517 129") is that
    person's phone number, although it has no context word."""
    ends = sorted(b for _, b in people)
    for kind, start, end, score in phones:
        if kind != "PHONE_NUMBER" or score >= 0.5:
            continue
        k = _last_word_before(ends, start)
        if k is not None and start - ends[k] <= 6 and _AFTER_NAME.fullmatch(text, ends[k], start):
            yield kind, start, end, 0.7
