"""Several resources of one blueprint in one message: "two SGs: lb-sg (https from X) and app-sg (8080 from Y)".

Detection finds a blueprint once; this module decides whether its part of the message describes several
instances and, if so, where each one's own words are. An instance starts at its name (an *anchor*):

* the name after each repeated cue ("SG web-sg ... and SG app-sg ..."),
* each name of a list right after a plural cue ("restricted namespaces team-a and team-b"),
* with a plural cue or a count ("two", "both", "NSGs"), each name followed by its own details
  ("lb-sg allowing ...", "nsg-web (443 from ...)").

An instance owns the text from its name to the next name (or to its closing parenthesis). Whatever no
instance owns ("in vpc-..., both in rg-net-prod") is shared: values missing from an instance are read there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from palisade.providers._text import NON_NAMES, bounded, is_identifier, is_plain_name

_PLURAL = re.compile(
    r"(?<![\w-])(?:two|three|four|five|2|3|4|5|both|each|multiple|several|couple)(?![\w-])"
    r"|(?<![\w-])(?:sgs|nsgs|groups|namespaces|buckets|roles|keys|vaults|accounts|rules|secrets|trails|acls|albs)"
    r"(?![\w-])",
    re.I,
)
_DETAILS_AFTER = re.compile(
    r"^\s*(?:\(|:|[-–]\s|allowing\b|allows?\b|permitting\b|opening\b|for\b|with\b|that\b|which\b|"
    r"in\s+#|on\s+port|ports?\b)",
    re.I,
)
_NOT_INSTANCE = re.compile(
    r"(?:\b(?:in|rg|group|project|network|vpc|repo|location|region)\s*[:=]?\s*)$", re.I
)
_LIST_ITEM = r"[`'\"]?[A-Za-z0-9][\w.-]*[`'\"]?"


# The plain nouns for what a name parameter names, so "namespaces a and b" lists instances even when the
# blueprint was found through another cue ("restricted pod security").
NAME_NOUNS: dict[str, tuple[str, ...]] = {
    "namespace": (r"namespaces?", r"ns"),
    "bucket_name": (r"buckets?",),
    "role_name": (r"roles?",),
    "alias": (r"keys?", r"aliases"),
    "secret_name": (r"secrets?",),
    "trail_name": (r"trails?",),
    "acl_name": (r"acls?",),
    "identifier": (r"databases?", r"dbs?", r"instances?"),
}


@dataclass(frozen=True, slots=True)
class Instance:
    name: str
    start: int
    end: int


def _token(m: re.Match[str]) -> str:
    return m.group(0).strip("`'\"").rstrip(".-")


def _name_like(token: str, *, plain: bool) -> bool:
    if token.lower() in NON_NAMES or token.lower().startswith("rg-"):
        return False
    return is_identifier(token) or (plain and is_plain_name(token))


Reference = Callable[[int, int], bool]


def _anchors(
    masked: str, start: int, end: int, cues: Sequence[str], is_reference: Reference
) -> list[tuple[int, int, str]]:
    text = masked[start:end]
    found: dict[int, tuple[int, int, str]] = {}
    by_cue = [
        [
            m
            for m in re.finditer(bounded(c), text.lower())
            if not is_reference(start + m.start(), start + m.end())
        ]
        for c in cues
    ]
    cue_hits = [m for hits in by_cue for m in hits]
    # (a) a name right after each occurrence of the same cue
    for hits in by_cue:
        if len(hits) < 2:
            continue
        for hit in hits:
            m = re.compile(r"\s*(?:(?:called|named|new|a|an|the)\s+)*(" + _LIST_ITEM + ")").match(
                text, hit.end()
            )
            if m and _name_like(m.group(1).strip("`'\""), plain=False):
                s = start + m.start(1)
                found[s] = (s, start + m.end(1), m.group(1).strip("`'\"").rstrip(".-"))
    plural = _PLURAL.search(text)
    if plural is None and len(found) < 2:
        return []
    # (b) a list right after a cue: "namespaces team-a and team-b", "NSGs nsg-web and nsg-db"
    for hit in cue_hits:
        lst = re.compile(
            rf"\s*(?:(?:for|called|named)\s+)?[:,]?\s*({_LIST_ITEM}(?:\s*(?:,|and|&|\+)\s*{_LIST_ITEM})+)"
        ).match(text, hit.end())
        if lst:
            items = [i for i in re.finditer(_LIST_ITEM, lst.group(1)) if i.group(0) != "and"]
            # plain words only make a list when it reads like one ("web, api and worker")
            plain = bool(re.search(r"\b(?:and|&)\b|&", lst.group(1)))
            listed: list[re.Match[str]] = []
            for item in items:
                # the list ends at the first word that is not a name (", both with ...")
                if not _name_like(_token(item), plain=plain):
                    break
                listed.append(item)
            if len(listed) > 1:
                for i in listed:
                    s = start + lst.start(1) + i.start()
                    found.setdefault(s, (s, s + len(i.group(0)), _token(i)))
    # (c) names followed by their own details
    for m in re.finditer(r"(?<![\w#/.:-])[A-Za-z0-9][\w.-]*[\w]", text):
        token = m.group(0)
        if not _name_like(token, plain=False) or _NOT_INSTANCE.search(text[: m.start()]):
            continue
        if _DETAILS_AFTER.match(text[m.end() :]):
            s = start + m.start()
            found.setdefault(s, (s, start + m.end(), token))
    names = {a[2] for a in found.values()}
    return sorted(found.values()) if len(names) > 1 else []


def split(
    masked: str, start: int, end: int, cues: Sequence[str], is_reference: Reference
) -> list[Instance]:
    """The instances described in ``masked[start:end]``, or ``[]`` when it describes one resource.

    ``is_reference(start, end)`` tells a cue that names an existing resource ("logs go to our existing
    bucket x"), which is not an instance.
    """
    anchors = _anchors(masked, start, end, cues, is_reference)
    out: list[Instance] = []
    for i, (a_start, a_end, name) in enumerate(anchors):
        stop = anchors[i + 1][0] if i + 1 < len(anchors) else end
        paren = re.match(r"\s*\(", masked[a_end:stop])
        if paren:
            close = masked.find(")", a_end, stop)
            stop = close + 1 if close >= 0 else stop
        elif i + 1 == len(anchors):
            # the last instance ends where a shared clause begins ("..., both in rg-x")
            shared = re.search(r"[,;]\s*(?:both|all|each|everything)\b", masked[a_end:stop], re.I)
            if shared:
                stop = a_end + shared.start()
        out.append(Instance(name, a_start, stop))
    return out


def shared_spans(start: int, end: int, instances: Sequence[Instance]) -> list[tuple[int, int]]:
    """The parts of ``start..end`` that no instance owns."""
    spans: list[tuple[int, int]] = []
    pos = start
    for inst in instances:
        if inst.start > pos:
            spans.append((pos, inst.start))
        pos = max(pos, inst.end)
    if pos < end:
        spans.append((pos, end))
    return spans
