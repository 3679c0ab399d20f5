"""Suspicious links in a model's answer — LLM Guard's ``MaliciousURLs``, offline heuristics instead of a model.

Each URL gets signals with weights, combined as ``1 - Π(1 - weight)``; the answer's risk is its worst URL's:

- ``javascript:``/``vbscript:`` links (1.0), ``data:`` links carrying HTML/script/SVG (0.9) or anything (0.5),
  ``file://`` (0.6);
- credentials or a user name before the host (``https://user:pass@host`` 0.9; ``https://github.com@evil.io``,
  where the "user" is itself a domain, 1.0);
- hosts that are IP literals (public 0.6, the cloud metadata address 0.5, integer/hex/octal forms that hide an
  address 0.9; loopback and private ranges 0.0 — they appear in every local setup guide);
- look-alike hosts: punycode (``xn--``) labels (0.8), mixed Latin/Cyrillic/Greek letters in one label (1.0), a
  host that becomes a well-known domain once homoglyphs and digit swaps (0→o, 1→l, rn→m...) are folded (1.0),
  one edit away from one of six letters or more, or two edits from one of eight or more (0.85; closer to a
  shorter name: 0.5, since short names have honest neighbours), or carrying a brand's name on another domain
  (``github.com.evil.io``, ``login-microsoft.com``: 0.8);
- markdown links whose visible text names another domain than the target (0.8), unless the target is one of
  the well-known domains below (``[testssl.sh](https://github.com/...)`` is a project page, not a trap);
- suspicious top-level domains (0.4), URL shorteners (0.4), executable downloads (0.5), sign-in words over
  plain http (0.5).

``blocked`` when the risk reaches ``threshold`` (default 0.7): one strong signal or two medium ones.
What it cannot do: know whether a normal-looking domain is malicious today (no reputation feed, no network),
or follow redirects.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from palisade.guard.base import Detection, ScanResult, Stage
from palisade.guard.scanners import params
from palisade.guard.scanners.textview import CONFUSABLES, view
from palisade.spelling import osa_distance

__all__ = ["BRAND_DOMAINS", "MaliciousURLsScanner", "url_risk"]

# Well-known brands and the registrable domains that really are theirs.
BRAND_DOMAINS: dict[str, tuple[str, ...]] = {
    "github": (
        "github.com",
        "github.io",
        "githubusercontent.com",
        "githubassets.com",
        "github.dev",
    ),
    "gitlab": ("gitlab.com", "gitlab.io", "gitlab.net"),
    "amazonaws": ("amazonaws.com", "amazonaws.com.cn"),
    "amazon": ("amazon.com", "amazon.co.uk", "amazon.de", "amazonaws.com", "amazontrust.com"),
    "aws": ("amazon.com", "amazonaws.com", "aws.dev", "awsstatic.com", "aws.com", "awsapps.com"),
    "microsoft": (
        "microsoft.com",
        "microsoftonline.com",
        "msft.net",
        "live.com",
        "office.com",
        "azure.com",
    ),
    "azure": (
        "azure.com",
        "azure.net",
        "azureedge.net",
        "windows.net",
        "microsoft.com",
        "azurewebsites.net",
    ),
    "google": (
        "google.com",
        "googleapis.com",
        "gstatic.com",
        "googleusercontent.com",
        "google.dev",
    ),
    "googleapis": ("googleapis.com",),
    "hashicorp": ("hashicorp.com",),
    "terraform": ("terraform.io",),
    "docker": ("docker.com", "docker.io"),
    "kubernetes": ("kubernetes.io", "k8s.io"),
    "cloudflare": ("cloudflare.com", "cloudflare.net"),
    "okta": ("okta.com", "oktapreview.com"),
    "slack": ("slack.com",),
    "atlassian": ("atlassian.com", "atlassian.net"),
    "paypal": ("paypal.com",),
    "apple": ("apple.com", "icloud.com"),
    "npmjs": ("npmjs.com", "npmjs.org"),
    "pypi": ("pypi.org", "python.org"),
}
_LEGIT = frozenset(d for domains in BRAND_DOMAINS.values() for d in domains)
_LEGIT_LABELS: dict[str, str] = {}
for _domains in BRAND_DOMAINS.values():
    for _domain in _domains:
        if len(_domain.split(".")[0]) >= 5:
            _LEGIT_LABELS.setdefault(_domain.split(".")[0], _domain)
_SUSPICIOUS_TLDS = frozenset(
    "zip mov xyz top tk ml ga cf gq click country kim work loan men buzz rest fit cam icu monster cyou sbs "
    "quest lol party review stream download racing win bid su".split()
)
_SHORTENERS = frozenset(
    "bit.ly tinyurl.com t.co goo.gl is.gd ow.ly buff.ly rebrand.ly cutt.ly shorturl.at tiny.cc rb.gy "
    "t.ly s.id v.gd".split()
)
_SECOND_LEVEL = frozenset("co com org net gov ac edu ltd plc ne or go".split())
_EXECUTABLE = re.compile(
    r"\.(?:exe|scr|bat|cmd|msi|ps1|vbs|jar|apk|dmg|pkg|hta|lnk|iso|com)$", re.I
)
_SIGN_IN = re.compile(
    r"login|log-in|signin|sign-in|verify|account|password|passwd|wallet|banking", re.I
)

_URL = re.compile(
    r"(?i)\b(?:(?:https?|ftp|wss?)://|www\.)[^\s<>\"'`\]\[{}|\\^]{1,2048}"
    r"|\b(?:javascript|vbscript):[^\s<>\"'`]{1,4096}"
    r"|\bdata:(?:[\w.+\-]{1,64}/[\w.+\-]{1,64})?(?:;[\w=.+\-]{1,64}){0,4},[^\s<>\"'`]{0,8192}"
    r"|\bfile://[^\s<>\"'`]{1,2048}"
)
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(\s*<?([^\s)>]{1,2048})>?\s*\)")
_DOMAIN_TEXT = re.compile(
    r"(?i)^(?:https?://)?((?:[a-z0-9\-]{1,63}\.){1,8}[a-z]{2,24})(?:[/:?#]\S*)?$"
)
_DIGIT_SWAPS = (("0", "o"), ("3", "e"), ("4", "a"), ("5", "s"), ("7", "t"), ("8", "b"))
_SEQUENCE_SWAPS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("ii", "u"))


@dataclass(frozen=True, slots=True)
class _Signal:
    reason: str
    weight: float


def _registrable(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _is_legit(host: str) -> bool:
    return host in _LEGIT or _registrable(host) in _LEGIT


def _skeleton(label: str, one: str = "l") -> str:
    """``label`` with homoglyphs folded to Latin and digit/letter-pair disguises undone (``1`` read as ``one``)."""
    out = "".join(CONFUSABLES.get(c, c) for c in unicodedata.normalize("NFKC", label)).lower()
    for a, b in (*_DIGIT_SWAPS, ("1", one)):
        out = out.replace(a, b)
    for a, b in _SEQUENCE_SWAPS:
        out = out.replace(a, b)
    return out


def _scripts(label: str) -> set[str]:
    found: set[str] = set()
    for ch in label:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        found.add(name.split(" ")[0] if name else "UNKNOWN")
    return found


def _ip_signal(host: str) -> _Signal | None:
    candidate = host.strip("[]")
    if re.fullmatch(r"(?:0x[0-9a-f]{1,8}|\d{8,10})", candidate, re.I) or re.fullmatch(
        r"(?:0x[0-9a-f]{1,2}|0[0-7]{1,3}|\d{1,3})(?:\.(?:0x[0-9a-f]{1,2}|0[0-7]{1,3}|\d{1,3})){1,3}",
        candidate,
        re.I,
    ):
        if not re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", candidate) or re.search(
            r"(?:^|\.)0\d", candidate
        ):
            return _Signal("IP address written in an obfuscated form", 0.9)
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return None
    if str(address) == "169.254.169.254" or str(address) == "fd00:ec2::254":
        return _Signal("cloud instance metadata address", 0.5)
    if address.is_loopback or address.is_private or address.is_unspecified:
        return None
    return _Signal("IP address instead of a domain name", 0.6)


def _host_signals(host: str) -> Iterator[_Signal]:
    ip = _ip_signal(host)
    if ip is not None:
        yield ip
        return
    if host.startswith("[") or not host or "." not in host:
        return
    if len(host) > 253 or any(len(label) > 63 for label in host.split(".")):
        yield _Signal("host name longer than DNS allows", 0.6)
        return
    labels = host.split(".")
    decoded_labels: list[str] = []
    for label in labels:
        if label.startswith("xn--"):
            yield _Signal("punycode (internationalised) host label", 0.8)
            try:
                decoded_labels.append(label[4:].encode("ascii").decode("punycode"))
            except (UnicodeError, ValueError):
                yield _Signal("malformed punycode label", 0.9)
                decoded_labels.append(label)
        else:
            decoded_labels.append(label)
    for label in decoded_labels:
        if label.isascii():
            continue
        scripts = _scripts(label)
        if len(scripts - {"DIGIT"}) > 1:
            yield _Signal("letters from several scripts in one host label", 1.0)
        elif _skeleton(label).isascii():
            yield _Signal("host label made of look-alike letters", 1.0)
        else:
            yield _Signal("internationalised host name", 0.3)
    decoded = ".".join(decoded_labels).lower()
    if _is_legit(host) and decoded == host:
        return
    registrable = _registrable(decoded)
    for one in ("l", "i"):
        skeleton_host = ".".join(_skeleton(label, one) for label in decoded.split("."))
        if _registrable(skeleton_host) in _LEGIT and not _is_legit(host):
            yield _Signal(f"look-alike of {_registrable(skeleton_host)}", 1.0)
            return
    name = registrable.split(".")[0]
    for legit_name, legit in _LEGIT_LABELS.items():
        if name == legit_name or len(name) < 5:
            continue
        distance = osa_distance(_skeleton(name), legit_name, 2)
        if distance == 1 and len(legit_name) >= 6 or distance == 2 and len(legit_name) >= 8:
            yield _Signal(f"one or two letters away from {legit}", 0.85)
            break
        if distance <= 2:
            yield _Signal(f"close to {legit}", 0.5)  # short names have many honest neighbours
            break
    subdomain_and_name = decoded[: len(decoded) - len(registrable)].split(".") + re.split(
        r"[\-]", name
    )
    tokens = {t for part in subdomain_and_name for t in re.split(r"[.\-]", part) if t}
    for brand in BRAND_DOMAINS:
        if brand in tokens and not _is_legit(host):
            yield _Signal(f"names {brand} but is not one of its domains", 0.8)
            break
    tld = labels[-1].lower()
    if tld in _SUSPICIOUS_TLDS:
        yield _Signal(f"top-level domain .{tld} is common in abuse", 0.4)
    if host.lower() in _SHORTENERS:
        yield _Signal("URL shortener hides the destination", 0.4)
    if len(labels) >= 6:
        yield _Signal("unusually many subdomains", 0.2)


def url_risk(url: str, *, allowed: Sequence[str] = ()) -> tuple[float, list[str]]:
    """(risk, reasons) for one URL."""
    risk, reasons = _url_risk(url, tuple(allowed))
    return risk, list(reasons)


@functools.lru_cache(maxsize=4096)
def _url_risk(url: str, allowed: tuple[str, ...]) -> tuple[float, tuple[str, ...]]:
    risk, reasons = _assess(url, allowed)
    return risk, tuple(reasons)


def _assess(url: str, allowed: tuple[str, ...]) -> tuple[float, list[str]]:
    signals: list[_Signal] = []
    lower = url.lower()
    if lower.startswith(("javascript:", "vbscript:")):
        signals.append(_Signal("script URL", 1.0))
    elif lower.startswith("data:"):
        risky = re.match(
            r"data:(?:text/html|application/(?:x-)?javascript|text/javascript|image/svg)", lower
        )
        signals.append(
            _Signal(
                "data URL carrying active content" if risky else "data URL", 0.9 if risky else 0.5
            )
        )
    elif lower.startswith("file://"):
        signals.append(_Signal("file URL", 0.6))
    else:
        parts = urlsplit(url if "://" in url else "http://" + url)
        netloc = parts.netloc
        host = (parts.hostname or "").rstrip(".")
        if "@" in netloc:
            userinfo = unquote(netloc.rsplit("@", 1)[0])
            if re.search(r"[\w\-]+\.[a-z]{2,}", userinfo, re.I):
                signals.append(
                    _Signal("a domain name placed before @ to disguise the real host", 1.0)
                )
            elif ":" in userinfo:
                signals.append(_Signal("credentials in the URL", 0.9))
            else:
                signals.append(_Signal("user name in the URL", 0.3))
        if host and any(host == a or host.endswith("." + a) for a in allowed):
            return _combine(signals)
        signals.extend(_host_signals(host))
        path = unquote(parts.path)
        if _EXECUTABLE.search(path):
            signals.append(_Signal("link to an executable download", 0.5))
        if (
            parts.scheme == "http"
            and _SIGN_IN.search(path + "?" + parts.query)
            and not _ip_is_local(host)
        ):
            signals.append(_Signal("sign-in page over plain http", 0.5))
    return _combine(signals)


def _ip_is_local(host: str) -> bool:
    if host in ("localhost",) or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_loopback or address.is_private


def _combine(signals: list[_Signal]) -> tuple[float, list[str]]:
    miss = 1.0
    for s in signals:
        miss *= 1.0 - s.weight
    return round(1.0 - miss, 4), [s.reason for s in signals]


def _trim(url: str) -> str:
    """Drop sentence punctuation a URL regex swallows ("see https://x.io/a.", "(https://x.io)")."""
    while url and url[-1] in ".,;:!?'\")*":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


class MaliciousURLsScanner:
    name: ClassVar[str] = "MaliciousURLs"
    stage: ClassVar[Stage] = "output"

    def __init__(self, *, threshold: float = 0.7, allowed_domains: Sequence[str] = ()) -> None:
        self.threshold = params.number("threshold", threshold, low=0.0, high=1.0, low_open=True)
        self.allowed_domains = tuple(
            d.lower().strip(".")
            for d in params.string_list("allowed_domains", allowed_domains, allow_empty=True)
        )

    def scan(self, text: str, *, prompt: str | None = None) -> ScanResult:
        started = time.perf_counter()
        v = view(text)
        flagged: list[tuple[int, int, float, list[str]]] = []
        for m in _URL.finditer(v.text):
            url = _trim(m.group())
            risk, reasons = url_risk(url, allowed=self.allowed_domains)
            if risk > 0:
                a, b = v.span(m.start(), m.start() + len(url))
                flagged.append((a, b, risk, reasons))
        for m in _MD_LINK.finditer(v.text):
            shown = _DOMAIN_TEXT.match(m.group(1).strip())
            target = urlsplit(
                m.group(2) if "://" in m.group(2) else "http://" + m.group(2)
            ).hostname
            if shown and target:
                shown_reg, target_reg = (
                    _registrable(shown.group(1).lower()),
                    _registrable(target.lower()),
                )
                if shown_reg != target_reg and "." in target_reg and target_reg not in _LEGIT:
                    a, b = v.span(m.start(), m.end())
                    flagged.append(
                        (a, b, 0.8, [f"link text shows {shown_reg} but points to {target_reg}"])
                    )
        worst = max((f[2] for f in flagged), default=0.0)
        if worst < self.threshold:
            elapsed = (time.perf_counter() - started) * 1000
            return ScanResult(self.name, text, "pass", 0.0, elapsed_ms=elapsed)
        bad = [f for f in flagged if f[2] >= self.threshold]
        reasons = sorted({r for f in bad for r in f[3]})
        return ScanResult(
            self.name,
            text,
            "blocked",
            worst,
            reason=f"{len(bad)} suspicious URL(s): {'; '.join(reasons)}",
            detections=tuple(Detection("malicious-url", a, b) for a, b, _, _ in bad),
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
