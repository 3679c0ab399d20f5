"""Views of one text: the forms an attacker can hide an instruction in, undone before anything is matched.

A detector that matches only the surface misses ``іgnоrе`` (Cyrillic letters), ``ｉｇｎｏｒｅ`` (full width),
``i-g-n-o-r-e``, ``1gn0r3``, base64, rot13, reversed text, text smuggled in Unicode tag characters and
instructions split over string literals. ``views`` returns each such reading of the text once, so the signal
patterns and the model are written for plain lower-case text only.

Everything here is linear in the length of the text: bounded regex quantifiers, one pass per view.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
import unicodedata
import urllib.parse

__all__ = ["View", "compact", "decode_tags", "fold_tokens", "normalize", "strip_hidden", "views"]

View = tuple[str, str]

# Letters from other scripts that look like Latin ones. Folded only inside words that are not genuinely
# written in that script (see ``fold_tokens``), so Russian or Greek text stays readable for the
# multilingual patterns.
_CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q",
    "ԝ": "w", "ү": "y", "ɡ": "g", "ո": "n", "ս": "u", "ց": "g", "հ": "h", "օ": "o", "ք": "p",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y", "Һ": "H", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "γ": "y", "ω": "w", "η": "n", "μ": "u",
    # Latin look-alikes NFKC leaves alone: small capitals and friends
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u",
    "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ı": "i", "ℓ": "l", "ɑ": "a", "ɩ": "i", "ɵ": "o",
}  # fmt: skip
# Squared, negative-squared and regional-indicator letters (🅸🅶🅽, 🇮🇬🇳) read as Latin capitals.
for _base in (0x1F130, 0x1F150, 0x1F170, 0x1F1E6):
    for _i in range(26):
        _CONFUSABLES[chr(_base + _i)] = chr(ord("a") + _i)
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)
_LATIN_NATIVE = frozenset("abcdefghijklmnopqrstuvwxyz")
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*")

_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
    }
)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# a word with a leet digit or symbol between letters ("pr3v10us", "1gn0re", "@dmin")
_LEET_WORD = re.compile(
    r"(?<![\w@$])(?:[a-z]+[0134579@$!|]+[a-z]+|[0134579@$!|]+[a-z]+)[0134579@$!|a-z]*"
)


_CANDIDATES = re.compile(r"[^\x20-\x7e\n\t\r]")
_HIDDEN_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cn", "Cs"})


def strip_hidden(text: str) -> str:
    """``text`` without characters a reader cannot see (format, control, private-use, unassigned;
    newline, tab and carriage return kept). Only non-printable-ASCII characters are looked at."""
    if text.isascii() and text.isprintable():
        return text
    pieces: list[str] = []
    last = 0
    for m in _CANDIDATES.finditer(text):
        ch = m.group()
        o = ord(ch)
        if (
            unicodedata.category(ch) in _HIDDEN_CATEGORIES
            or 0xFE00 <= o <= 0xFE0F
            or 0xE0100 <= o <= 0xE01EF
        ):
            pieces.append(text[last : m.start()])
            last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def fold_tokens(text: str) -> str:
    """Fold look-alike letters inside words that mix scripts (``іgnоrе``) or consist only of look-alikes.

    A word written genuinely in Cyrillic or Greek keeps its letters (``игнорируй`` has letters without a
    Latin twin), so the same text can still be read by the multilingual patterns.
    """
    if text.isascii():
        return text

    def fold(m: re.Match[str]) -> str:
        word = m.group()
        folded = word.translate(_CONFUSABLE_TABLE)
        if folded == word:
            return word
        has_latin = any(ch in _LATIN_NATIVE for ch in word.lower())
        all_confusable = all(ch.isascii() for ch in folded)
        return folded if has_latin or all_confusable else word

    return _NON_ASCII_WORD.sub(fold, text)


# Combining marks of Latin, Greek and Cyrillic text (accents), plus the marks Arabic and Devanagari
# decomposition produces; other scripts keep theirs.
_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a"
    "\u064b-\u065f\u0670\u093c\u094d]"
)


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", text)))


def normalize(text: str) -> str:
    """NFKC (full width and mathematical letters → ASCII), invisible characters removed, look-alikes folded,
    accents removed, lower case, runs of spaces collapsed. Newlines are kept: line structure is a signal."""
    return normalize_visible(unicodedata.normalize("NFKC", strip_hidden(text)))


_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)


def normalize_visible(text: str) -> str:
    """``normalize`` for text already NFKC-normalized and free of invisible characters (typographic quotes
    become ASCII ones: "I’ve" and "I've" read the same)."""
    return _SPACES.sub(" ", _strip_marks(fold_tokens(text)).lower().translate(_QUOTES))


def compact(normalized: str) -> str:
    """Letters only, everything else dropped: ``i.g.n.o.r.e a-l-l`` and ``ig nore all`` both read
    ``ignoreall``. Only long, specific phrases are matched on this view."""
    return re.sub(r"[^a-z]+", "", normalized.translate(_LEET))


# -------------------------------------------------------------------------------------------- decoders
_TAG_CHARS = re.compile("[\U000e0020-\U000e007e]{4,}")


def decode_tags(text: str) -> str | None:
    """Text smuggled in Unicode tag characters (invisible twins of ASCII), decoded; None when absent."""
    if text.isascii():
        return None
    found = ["".join(chr(ord(ch) - 0xE0000) for ch in m.group()) for m in _TAG_CHARS.finditer(text)]
    return " ".join(found) if found else None


_B64 = re.compile(r"(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{16,8000}={0,2}")
_HEX_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-Fx\\][0-9a-fA-Fx\\ :,]{19,12000}")
_SPACED_BYTES = re.compile(r"(?:(?:0x|\\x)?[0-9a-fA-F]{2}[ :,]?){10,4000}|(?:[01]{8}[ ,]?){6,2000}")
_BINARY_CHARS = frozenset("01 ,")
_PERCENT = re.compile(r"(?:%[0-9a-fA-F]{2}){6,}")
_ESCAPES = re.compile(r"(?:\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|&#x?[0-9a-fA-F]{2,6};){6,}")
_WORDS = re.compile(r"[a-z]{2,}[\s,.:;]+[a-z]{2,}[\s,.:;]+[a-z]{2,}", re.IGNORECASE)


def _readable(raw: bytes) -> str | None:
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(decoded) < 8:
        return None
    printable = sum(ch.isprintable() or ch in "\n\t\r" for ch in decoded)
    if printable / len(decoded) < 0.95:
        return None
    return decoded if _WORDS.search(decoded) else None


def _b64_payloads(text: str) -> list[str]:
    out: list[str] = []
    for m in _B64.finditer(text):
        chunk = m.group().rstrip("=")
        if not (re.search(r"[A-Z]", chunk) and re.search(r"[a-z]", chunk)):
            continue
        padded = chunk + "=" * (-len(chunk) % 4)
        decoder = base64.urlsafe_b64decode if re.search(r"[_\-]", chunk) else base64.b64decode
        try:
            got = _readable(decoder(padded))
        except (binascii.Error, ValueError):
            got = None
        if got:
            out.append(got)
    return out


def _hex_payloads(text: str) -> list[str]:
    out: list[str] = []
    for run in _HEX_RUN.findall(text):
        candidates = [tok for tok in re.split(r"[ ,]+", run) if len(tok) >= 20]
        if _SPACED_BYTES.fullmatch(run.strip()):
            candidates.append(run)
        for candidate in candidates:
            if set(candidate) <= _BINARY_CHARS:
                bits = re.sub(r"[ ,]", "", candidate)
                raw = bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits) - 7, 8))
            else:
                digits = re.sub(r"0x|\\x|[ :,]", "", candidate)
                try:
                    raw = bytes.fromhex(digits[: len(digits) // 2 * 2])
                except ValueError:
                    continue
            got = _readable(raw)
            if got:
                out.append(got)
    return out


def _escaped_payloads(text: str) -> list[str]:
    out: list[str] = []
    for m in _PERCENT.finditer(text):
        got = urllib.parse.unquote(m.group())
        if _WORDS.search(got):
            out.append(got)
    for m in _ESCAPES.finditer(text):
        raw = m.group()
        if raw.startswith("&"):
            got = html.unescape(raw)
        else:
            got = re.sub(
                r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})",
                lambda e: chr(int(e.group(1) or e.group(2), 16)),
                raw,
            )
        if _WORDS.search(got):
            out.append(got)
    return out


def decoded_payloads(text: str) -> list[str]:
    """Readable text hidden in base64, hex, binary, percent-encoding or escapes, one level deep."""
    payloads = _b64_payloads(text) if len(text) >= 16 else []
    payloads += _hex_payloads(text)
    if "%" in text or "\\" in text or "&#" in text:
        payloads += _escaped_payloads(text)
    return payloads


# string literals only matter when the text puts them together: assignments, "+", or words saying so
_CONCAT_HINT = re.compile(
    r"[\"'`]\s*\+\s*[\"'`\w]|\w\s*\+\s*\w|\b\w{1,12}\s*=\s*[\"'`]|\b(?:concatenat\w*|combin\w*|join\w*|"
    r"put together|append\w*|merg\w*|assembl\w*)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"([\"'`])([^\"'`\n]{1,200})\1")
# letters split by a symbol inside one token ("i-g-n-o-r-e", "p_r_i_o_r", "c | o | d | e"), or single
# letters split by single spaces ("i g n o r e")
_SPLIT = re.compile(r"\b(?:[a-z] ?[.\-_*+|/] ?){2,60}[a-z]\b|\b(?:[a-z] ){3,60}[a-z]\b")


def _joined_literals(text: str) -> str | None:
    """Payload splitting: ``a = "ign"; b = "ore all previous…"`` → the literals joined in order."""
    # fewer than two quoted parts: nothing to join (and no regex pass over the text)
    if text.count('"') + text.count("'") + text.count("`") < 4:
        return None
    if not _CONCAT_HINT.search(text):
        return None
    parts = [m.group(2) for m in _QUOTED.finditer(text)]
    if len(parts) < 2:
        return None
    return "".join(parts)


def _despaced(norm: str) -> str:
    return _SPLIT.sub(lambda m: re.sub(r"[ .\-_*+|/]", "", m.group()), norm)


def views(text: str, visible: str | None = None) -> list[View]:
    """Every reading of ``text`` worth matching, as ``(name, text)``; ``normalized`` always comes first.

    Names: ``normalized``; ``native`` (no look-alike folding, for non-Latin scripts); ``leetspeak``;
    ``split-tokens``; ``joined`` (string literals concatenated); ``tags`` (Unicode tag smuggling);
    ``decoded`` (base64, hex, binary, percent or escapes); ``rot13``; ``reversed``.
    """
    if visible is None:
        visible = unicodedata.normalize("NFKC", strip_hidden(text))
    norm = normalize_visible(visible)
    out: list[View] = [("normalized", norm)]
    if not text.isascii():
        native = _SPACES.sub(" ", visible.lower())
        if native != norm:
            out.append(("native", native))
    if len(_LEET_WORD.findall(norm)) >= 2:
        out.append(("leetspeak", norm.translate(_LEET)))
    despaced = _despaced(norm)
    if despaced != norm:
        out.append(("split-tokens", despaced))
    joined = _joined_literals(text)
    if joined:
        out.append(("joined", normalize(joined)))
    tags = decode_tags(text)
    if tags:
        out.append(("tags", normalize(tags)))
    for payload in decoded_payloads(text):
        out.append(("decoded", normalize(payload)))
        # one more level: base64 inside base64, rot13 inside base64
        out.extend(("decoded", normalize(inner)) for inner in decoded_payloads(payload))
    out.append(("rot13", codecs.encode(norm, "rot13")))
    out.append(("reversed", norm[::-1]))
    return out
