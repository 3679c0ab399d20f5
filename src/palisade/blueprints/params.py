"""Parameter types: each validates and normalises one value, explaining refusals with a valid suggestion.

A type is a function ``(spec, value, ctx) -> normalised value``. It reports problems through ``ctx`` (so a list
value can report all of its bad items at once) and returns ``None`` when the value is refused. Security refusals
carry ``insecure=True`` and a secure alternative.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from palisade.blueprints.base import Blueprint, ParamSpec
from palisade.errors import ParamProblem

__all__ = [
    "AWS_REGIONS",
    "PARAM_TYPES",
    "ParamContext",
    "normalise_value",
    "suggest_s3_bucket_name",
]

AWS_REGIONS: frozenset[str] = frozenset(
    {
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-gov-east-1",
        "us-gov-west-1",
        "us-west-1",
        "us-west-2",
    }
)

NAMED_PORTS: Mapping[str, int] = {
    "ssh": 22,
    "smtp": 25,
    "dns": 53,
    "http": 80,
    "https": 443,
    "ldaps": 636,
    "mssql": 1433,
    "mysql": 3306,
    "rdp": 3389,
    "postgres": 5432,
    "postgresql": 5432,
    "redis": 6379,
    "mongodb": 27017,
}

_WORLD_NETWORKS = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))


@dataclass(slots=True)
class ParamContext:
    """Collects the problems and notes of one parameter."""

    spec: ParamSpec
    blueprint: Blueprint | None = None
    problems: list[ParamProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(
        self, message: str, suggestion: str | None = None, *, insecure: bool = False
    ) -> None:
        self.problems.append(
            ParamProblem(self.spec.name, message, suggestion=suggestion, insecure=insecure)
        )

    def note(self, message: str) -> None:
        self.notes.append(f"{self.spec.name}: {message}")


ParamType = Callable[[ParamSpec, Any, ParamContext], Any]


# --- scalars -----------------------------------------------------------------------------------------


def _string(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        ctx.problem(f"expected text, got {type(value).__name__}.")
        return None
    text = str(value).strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        ctx.problem("must be a single line of text without control characters.")
        return None
    limit = spec.maximum or 256
    if len(text) > limit:
        ctx.problem(f"is {len(text)} characters long; at most {limit} are allowed.", text[:limit])
        return None
    return text


def _as_list(value: Any) -> list[Any] | None:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,\s]+", value) if part.strip()]
    if isinstance(value, list | tuple):
        return list(value)
    return None


def _string_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    if isinstance(value, str):
        items: list[Any] | None = [p.strip() for p in value.split(",") if p.strip()]
    else:
        items = _as_list(value)
    if items is None:
        ctx.problem(f"expected a list of text values, got {type(value).__name__}.")
        return None
    out = [_string(spec, item, ctx) for item in items]
    return None if any(o is None for o in out) else out


_TRUE = {"true", "yes", "y", "on", "1", "enable", "enabled"}
_FALSE = {"false", "no", "n", "off", "0", "disable", "disabled"}


def _bool(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    ctx.problem(f"{value!r} is not a yes/no value.", "use true or false (yes/no, on/off also work)")
    return None


def _int(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        number = int(value)
    if number is None:
        ctx.problem(f"{value!r} is not a whole number.")
        return None
    return _check_range(spec, number, ctx)


def _check_range(spec: ParamSpec, number: int, ctx: ParamContext) -> int | None:
    if spec.minimum is not None and number < spec.minimum:
        ctx.problem(f"{number} is below the minimum of {spec.minimum}.", str(spec.minimum))
        return None
    if spec.maximum is not None and number > spec.maximum:
        ctx.problem(f"{number} is above the maximum of {spec.maximum}.", str(spec.maximum))
        return None
    return number


_DURATION_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _retention_days(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+)\s*(day|week|month|year)s?\s*", value.lower())
        if match:
            days = int(match.group(1)) * _DURATION_UNITS[match.group(2)]
            return _check_range(spec, days, ctx)
    if spec.minimum is None:
        spec = replace(spec, minimum=1)
    return _int(spec, value, ctx)


def _enum(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    def key(text: str) -> str:
        return re.sub(r"[\s_-]+", "", text.casefold())

    if isinstance(value, str):
        wanted = key(value)
        for choice in spec.choices:
            if key(choice) == wanted:
                return choice
    ctx.problem(
        f"{value!r} is not one of {', '.join(spec.choices)}.",
        spec.choices[0] if spec.choices else None,
    )
    return None


# --- AWS names and identifiers -----------------------------------------------------------------------

_S3_BAD_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_S3_BAD_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
_IPV4_LIKE = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")


def s3_bucket_name_problems(name: str) -> list[str]:
    """Why ``name`` is not a valid S3 bucket name (empty when it is)."""
    why: list[str] = []
    if not 3 <= len(name) <= 63:
        why.append(f"it is {len(name)} characters long; bucket names have 3 to 63 characters")
    if name != name.lower():
        why.append("it has uppercase letters; only lowercase letters are allowed")
    bad = sorted({c for c in name.lower() if not (c.isascii() and (c.isalnum() or c in ".-"))})
    if bad:
        why.append(
            "it contains "
            + ", ".join(repr(c) for c in bad)
            + "; only letters, digits, dots and hyphens"
        )
    if name and not (name[0].isalnum() and name[-1].isalnum()):
        why.append("it must begin and end with a letter or digit")
    if ".." in name or ".-" in name or "-." in name:
        why.append("it has two adjacent periods or a period next to a hyphen")
    if _IPV4_LIKE.match(name):
        why.append("it is formatted like an IP address")
    for prefix in _S3_BAD_PREFIXES:
        if name.lower().startswith(prefix):
            why.append(f"the prefix {prefix!r} is reserved by AWS")
    for suffix in _S3_BAD_SUFFIXES:
        if name.lower().endswith(suffix):
            why.append(f"the suffix {suffix!r} is reserved by AWS")
    return why


def suggest_s3_bucket_name(name: str) -> str:
    """A valid bucket name as close as possible to ``name`` (``"Acme_Audit"`` → ``"acme-audit"``)."""
    text = _strip_reserved(re.sub(r"[^a-z0-9.-]+", "-", name.strip().lower()))
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"[.-]*\.[.-]*", lambda m: "." if set(m.group()) == {"."} else "-", text)
    text = _strip_reserved(re.sub(r"-{2,}", "-", text).strip(".-")).strip(".-")
    if _IPV4_LIKE.match(text):
        text = "bucket-" + text.replace(".", "-")
    if len(text) < 3:
        text = (text + "-bucket").strip("-") if text else "my-bucket"
    return text[:63].rstrip(".-")


def _strip_reserved(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _S3_BAD_PREFIXES:
            if text.startswith(prefix):
                text, changed = text[len(prefix) :], True
        for suffix in _S3_BAD_SUFFIXES:
            if text.endswith(suffix):
                text, changed = text[: -len(suffix)], True
    return text


def _s3_bucket_name(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    if not isinstance(value, str):
        ctx.problem(f"expected a bucket name, got {type(value).__name__}.")
        return None
    name = value.strip()
    why = s3_bucket_name_problems(name)
    if why:
        ctx.problem(
            f"{name!r} is not a valid S3 bucket name: {'; '.join(why)}.",
            suggest_s3_bucket_name(name),
        )
        return None
    return name


def _slug(text: str, allowed: str, limit: int) -> str:
    slug = re.sub(f"[^{allowed}]+", "-", text.strip()).strip("-._")
    return slug[:limit].rstrip("-._") or "resource"


def _regex_type(pattern: str, what: str, example: str, *, lower: bool = False) -> ParamType:
    compiled = re.compile(pattern)

    def check(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
        if not isinstance(value, str):
            ctx.problem(f"expected {what}, got {type(value).__name__}.", example)
            return None
        text = value.strip().lower() if lower else value.strip()
        if not compiled.fullmatch(text):
            ctx.problem(f"{value!r} is not {what}.", example)
            return None
        return text

    return check


def _named(pattern: str, allowed: str, limit: int, what: str) -> ParamType:
    compiled = re.compile(pattern)

    def check(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
        if not isinstance(value, str) or not value.strip():
            ctx.problem(f"expected {what}.")
            return None
        text = value.strip()
        if len(text) > limit:
            ctx.problem(
                f"{text!r} is {len(text)} characters long; at most {limit}.",
                _slug(text, allowed, limit),
            )
            return None
        if not compiled.fullmatch(text):
            ctx.problem(
                f"{text!r} is not {what}: use only {allowed.replace(chr(92), '')}.",
                _slug(text, allowed, limit),
            )
            return None
        return text

    return check


_ARN = re.compile(r"arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|)?:(.+)")


def _arn_value(spec: ParamSpec, value: Any, ctx: ParamContext) -> str | None:
    example = "arn:aws:s3:::my-bucket/*"
    if not isinstance(value, str):
        ctx.problem(f"expected an ARN, got {type(value).__name__}.", example)
        return None
    text = value.strip()
    if text == "*" or text.startswith("*"):
        ctx.problem(
            f"{text!r} grants access to every resource in the account; Palisade only grants access to named "
            "resources.",
            f"list the exact resource ARNs, e.g. {example}",
            insecure=True,
        )
        return None
    match = _ARN.fullmatch(text)
    if not match:
        ctx.problem(
            f"{text!r} is not an AWS ARN (arn:aws:<service>:<region>:<account>:<resource>).",
            example,
        )
        return None
    resource = match.group(5)
    if resource.strip("*/:") == "" or resource in ("*", "/*"):
        ctx.problem(
            f"{text!r} matches every {match.group(2)} resource; name the specific resource.",
            f"use the resource's own ARN, e.g. {example}",
            insecure=True,
        )
        return None
    return text


def _arn(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    return _arn_value(spec, value, ctx)


def _arn_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    items = _as_list(value)
    if items is None:
        ctx.problem(f"expected a list of ARNs, got {type(value).__name__}.")
        return None
    out = [_arn_value(spec, item, ctx) for item in items]
    if any(o is None for o in out):
        return None
    return list(dict.fromkeys(o for o in out if o is not None))


_KMS_ARN = re.compile(
    r"arn:(aws|aws-cn|aws-us-gov):kms:[a-z0-9-]+:\d{12}:"
    r"(key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias/[A-Za-z0-9/_-]+)"
)


def _kms_key_arn(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    example = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    if not isinstance(value, str) or not _KMS_ARN.fullmatch(value.strip()):
        ctx.problem(f"{value!r} is not a KMS key or alias ARN.", example)
        return None
    return value.strip()


def _aws_region(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    text = value.strip().lower() if isinstance(value, str) else ""
    if text in AWS_REGIONS:
        return text
    close = difflib.get_close_matches(text, sorted(AWS_REGIONS), n=1)
    ctx.problem(f"{value!r} is not a known AWS region.", close[0] if close else "us-east-1")
    return None


# --- network -----------------------------------------------------------------------------------------


def _port_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    items = [value] if isinstance(value, int) and not isinstance(value, bool) else _as_list(value)
    if items is None or not items:
        ctx.problem("expected one or more port numbers (1-65535).", "443")
        return None
    ports: list[int] = []
    ok = True
    for item in items:
        port: int | None = None
        if isinstance(item, int) and not isinstance(item, bool):
            port = item
        elif isinstance(item, str):
            word = item.strip().lower()
            if word.isdigit():
                port = int(word)
            elif word in NAMED_PORTS:
                port = NAMED_PORTS[word]
        if port is None:
            ctx.problem(f"{item!r} is not a port number.", "a number from 1 to 65535, e.g. 443")
            ok = False
        elif not 1 <= port <= 65535:
            ctx.problem(
                f"port {port} is out of range; ports are 1 to 65535.", "a number from 1 to 65535"
            )
            ok = False
        elif port not in ports:
            ports.append(port)
    return ports if ok else None


def _network(item: Any, ctx: ParamContext) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    if not isinstance(item, str):
        ctx.problem(f"{item!r} is not a CIDR block.", "10.0.0.0/16")
        return None
    text = item.strip()
    try:
        return ipaddress.ip_network(text, strict=True)
    except ValueError as strict_error:
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            ctx.problem(f"{text!r} is not a valid CIDR block ({strict_error}).", "10.0.0.0/16")
            return None
        ctx.note(f"{text} has host bits set; normalised to the network {network}.")
        return network


def _cidr_items(spec: ParamSpec, value: Any, ctx: ParamContext) -> list[Any] | None:
    items = _as_list(value)
    if items is None or not items:
        ctx.problem("expected one or more CIDR blocks.", "10.0.0.0/16")
        return None
    networks = [_network(item, ctx) for item in items]
    if any(n is None for n in networks):
        return None
    return list(dict.fromkeys(networks))


def _cidr_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    networks = _cidr_items(spec, value, ctx)
    return None if networks is None else [str(n) for n in networks]


def _ingress_cidr_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """Sources allowed in; the whole internet is refused unless the blueprint is internet-facing."""
    networks = _cidr_items(spec, value, ctx)
    if networks is None:
        return None
    internet_facing = ctx.blueprint.internet_facing if ctx.blueprint else False
    world = [n for n in networks if n in _WORLD_NETWORKS or n.prefixlen == 0]
    if world and not internet_facing:
        ctx.problem(
            f"{', '.join(str(n) for n in world)} opens these ports to the whole internet; this blueprint only "
            "allows narrow, known sources.",
            "allow only the networks that need access (e.g. your office or VPN range like 203.0.113.0/24, "
            "or the VPC CIDR); for SSH/RDP use AWS Systems Manager Session Manager instead of open ports; "
            "for a public web service use the `aws-alb-https` blueprint (TLS on 443 behind a load balancer).",
            insecure=True,
        )
        return None
    return [str(n) for n in networks]


# --- Azure, GCP and Kubernetes (azure-*, gcp-*, k8s-* blueprints) -----------------------------------

AZURE_LOCATIONS: frozenset[str] = frozenset(
    """australiacentral australiacentral2 australiaeast australiasoutheast austriaeast belgiumcentral
    brazilsouth brazilsoutheast canadacentral canadaeast centralindia centralus chilecentral eastasia eastus
    eastus2 francecentral francesouth germanynorth germanywestcentral indonesiacentral israelcentral italynorth
    japaneast japanwest jioindiacentral jioindiawest koreacentral koreasouth malaysiawest mexicocentral
    newzealandnorth northcentralus northeurope norwayeast norwaywest polandcentral qatarcentral southafricanorth
    southafricawest southcentralus southeastasia southindia spaincentral swedencentral swedensouth
    switzerlandnorth switzerlandwest uaecentral uaenorth uksouth ukwest westcentralus westeurope westindia
    westus westus2 westus3""".split()
)

GCP_REGIONS: frozenset[str] = frozenset(
    """africa-south1 asia-east1 asia-east2 asia-northeast1 asia-northeast2 asia-northeast3 asia-south1
    asia-south2 asia-southeast1 asia-southeast2 australia-southeast1 australia-southeast2 europe-central2
    europe-north1 europe-north2 europe-southwest1 europe-west1 europe-west10 europe-west12 europe-west2
    europe-west3 europe-west4 europe-west6 europe-west8 europe-west9 me-central1 me-central2 me-west1
    northamerica-northeast1 northamerica-northeast2 northamerica-south1 southamerica-east1 southamerica-west1
    us-central1 us-east1 us-east4 us-east5 us-south1 us-west1 us-west2 us-west3 us-west4""".split()
)
# GCS multi-regions and predefined dual-regions (upper case, as the API reports them)
GCS_MULTI_LOCATIONS: frozenset[str] = frozenset(
    {"EU", "US", "ASIA", "ASIA1", "EUR4", "EUR5", "EUR7", "EUR8", "NAM4"}
)
# Cloud KMS multi-regional locations (lower case)
GCP_KMS_MULTI_LOCATIONS: frozenset[str] = frozenset({"global", "europe", "us", "asia"})

_WORLD_SOURCE_WORDS = frozenset({"*", "any", "internet", "all", "anywhere", "everywhere", "world"})


def _location_key(value: Any) -> str:
    return re.sub(r"[\s_]+", "", value.strip().lower()) if isinstance(value, str) else ""


def _azure_location(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    text = _location_key(value).replace("-", "")
    if text in AZURE_LOCATIONS:
        return text
    close = difflib.get_close_matches(text, sorted(AZURE_LOCATIONS), n=1)
    ctx.problem(
        f"{value!r} is not a known Azure location (use the short name, e.g. westeurope).",
        close[0] if close else "westeurope",
    )
    return None


def _gcp_location(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """A GCS location: a region (europe-west1), a dual-region (EUR4) or a multi-region (EU, US, ASIA)."""
    text = _location_key(value)
    if text.upper() in GCS_MULTI_LOCATIONS:
        return text.upper()
    if text in GCP_REGIONS:
        return text
    close = difflib.get_close_matches(text, sorted(GCP_REGIONS), n=1)
    ctx.problem(
        f"{value!r} is not a GCP region (europe-west1), dual-region (EUR4) or multi-region (EU, US, ASIA).",
        close[0] if close else "europe-west1",
    )
    return None


def _gcp_kms_location(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """A Cloud KMS location: a region, or global / europe / us / asia."""
    text = _location_key(value)
    text = {"eu": "europe"}.get(text, text)
    if text in GCP_REGIONS or text in GCP_KMS_MULTI_LOCATIONS:
        return text
    close = difflib.get_close_matches(text, sorted(GCP_REGIONS | GCP_KMS_MULTI_LOCATIONS), n=1)
    ctx.problem(
        f"{value!r} is not a Cloud KMS location (a region like europe-west1, or global, europe, us, asia).",
        close[0] if close else "europe-west1",
    )
    return None


def _checked_name(
    problems: Callable[[str], list[str]], suggest: Callable[[str], str], what: str
) -> ParamType:
    def check(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
        if not isinstance(value, str) or not value.strip():
            ctx.problem(f"expected {what}.")
            return None
        text = value.strip()
        why = problems(text)
        if why:
            ctx.problem(f"{text!r} is not {what}: {'; '.join(why)}.", suggest(text))
            return None
        return text

    return check


def _length_problem(text: str, low: int, high: int) -> list[str]:
    if low <= len(text) <= high:
        return []
    return [f"it is {len(text)} characters long; {low} to {high} are allowed"]


def _azure_storage_account_name_problems(text: str) -> list[str]:
    why = _length_problem(text, 3, 24)
    if not re.fullmatch(r"[a-z0-9]*", text):
        why.append("only lowercase letters and digits are allowed (no hyphens, dots or capitals)")
    return why


def _suggest_azure_storage_account_name(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "", text.lower())[:24]
    return slug if len(slug) >= 3 else (slug + "storage")[:24]


def _azure_key_vault_name_problems(text: str) -> list[str]:
    why = _length_problem(text, 3, 24)
    if not re.fullmatch(r"[A-Za-z0-9-]*", text):
        why.append("only letters, digits and hyphens are allowed")
    if text and not text[0].isalpha():
        why.append("it must start with a letter")
    if text and not text[-1].isalnum():
        why.append("it must end with a letter or digit")
    if "--" in text:
        why.append("it has two consecutive hyphens")
    return why


def _suggest_azure_key_vault_name(text: str) -> str:
    slug = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", text.lower()))
    slug = slug.lstrip("-0123456789")
    slug = slug[:24].rstrip("-")
    return slug if len(slug) >= 3 else ("kv-" + slug).rstrip("-")[:24] if slug else "kv-app"


def _azure_resource_group_problems(text: str) -> list[str]:
    why = _length_problem(text, 1, 90)
    if not re.fullmatch(r"[\w.()-]*", text, flags=re.ASCII):
        why.append(
            "only letters, digits, underscores, hyphens, periods and parentheses are allowed"
        )
    if text.endswith("."):
        why.append("it must not end with a period")
    return why


def _azure_resource_name_problems(text: str) -> list[str]:
    """Names of most Azure network resources (NSG, rules): 1-80 characters."""
    why = _length_problem(text, 1, 80)
    if not re.fullmatch(r"[\w.-]*", text, flags=re.ASCII):
        why.append("only letters, digits, underscores, hyphens and periods are allowed")
    if text and not text[0].isalnum():
        why.append("it must start with a letter or digit")
    if text and not (text[-1].isalnum() or text[-1] == "_"):
        why.append("it must end with a letter, digit or underscore")
    return why


def _suggest_azure_name(text: str) -> str:
    return _slug(text, r"A-Za-z0-9._-", 80).rstrip(".")


_AZURE_SUBNET_ID = re.compile(
    r"/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"/resourceGroups/[\w.()-]{1,90}/providers/Microsoft\.Network/virtualNetworks/[\w.-]{2,64}"
    r"/subnets/[\w.-]{1,80}",
    flags=re.ASCII | re.IGNORECASE,
)


def _azure_subnet_id(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    example = (
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/"
        "Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-private-endpoints"
    )
    text = value.strip() if isinstance(value, str) else ""
    if not _AZURE_SUBNET_ID.fullmatch(text):
        ctx.problem(f"{value!r} is not an Azure subnet resource id.", example)
        return None
    return text


def _rfc1035_problems(text: str, limit: int = 63) -> list[str]:
    why = _length_problem(text, 1, limit)
    if not re.fullmatch(r"[a-z]([-a-z0-9]*[a-z0-9])?", text):
        why.append(
            "it must start with a lowercase letter, contain only lowercase letters, digits and hyphens, "
            "and not end with a hyphen"
        )
    return why


def _suggest_rfc1035(text: str, limit: int = 63) -> str:
    slug = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", text.lower())).lstrip("-0123456789")
    return slug[:limit].rstrip("-") or "resource"


def _gcp_project_id_problems(text: str) -> list[str]:
    why = _length_problem(text, 6, 30)
    if not re.fullmatch(r"[a-z]([-a-z0-9]*[a-z0-9])?", text):
        why.append(
            "it must start with a lowercase letter and use only lowercase letters, digits and hyphens, "
            "not ending with a hyphen"
        )
    if "google" in text:
        why.append("it must not contain 'google'")
    return why


def _gcs_bucket_name_problems(text: str) -> list[str]:
    why = _length_problem(text, 3, 63)
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*[a-z0-9]", text):
        why.append(
            "use only lowercase letters, digits, hyphens, underscores and dots, beginning and ending "
            "with a letter or digit"
        )
    if text.startswith("goog") or "google" in text or "g00gle" in text:
        why.append("names starting with 'goog' or containing 'google' are reserved")
    if _IPV4_LIKE.match(text):
        why.append("it is formatted like an IP address")
    if ".." in text:
        why.append("it has two adjacent periods")
    return why


def _suggest_gcs_bucket_name(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._")
    slug = slug.replace("google", "gcs").removeprefix("goog")
    slug = slug[:63].strip("-._")
    return slug if len(slug) >= 3 else "my-bucket"


def _gcp_kms_resource_name_problems(text: str) -> list[str]:
    why = _length_problem(text, 1, 63)
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        why.append("only letters, digits, underscores and hyphens are allowed")
    return why


_GCP_KMS_KEY = re.compile(
    r"projects/[a-z][-a-z0-9]{4,28}[a-z0-9]/locations/[a-z0-9-]+/keyRings/[A-Za-z0-9_-]{1,63}"
    r"/cryptoKeys/[A-Za-z0-9_-]{1,63}"
)


def _gcp_kms_key_name(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    example = "projects/my-project/locations/europe-west1/keyRings/my-ring/cryptoKeys/my-key"
    text = value.strip() if isinstance(value, str) else ""
    if not _GCP_KMS_KEY.fullmatch(text):
        ctx.problem(
            f"{value!r} is not a Cloud KMS crypto key name "
            "(projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>).",
            example,
        )
        return None
    return text


def _gcp_network_tag_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    items = _as_list(value)
    if items is None:
        ctx.problem(f"expected a list of network tags, got {type(value).__name__}.", "web-server")
        return None
    tags: list[str] = []
    for item in items:
        text = item.strip() if isinstance(item, str) else ""
        why = _rfc1035_problems(text)
        if why:
            ctx.problem(f"{item!r} is not a network tag: {'; '.join(why)}.", _suggest_rfc1035(text))
        elif text not in tags:
            tags.append(text)
    return tags if len(ctx.problems) == 0 else None


def _world_refusing_cidr_list(suggestion: str) -> ParamType:
    """Source CIDRs for Azure NSG / GCP firewall rules; the whole internet (or "*", Internet, Any) is refused."""

    def check(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
        items = _as_list(value)
        if items is None or not items:
            ctx.problem("expected one or more CIDR blocks.", "10.0.0.0/16")
            return None
        words = [
            i for i in items if isinstance(i, str) and i.strip().lower() in _WORLD_SOURCE_WORDS
        ]
        if words:
            ctx.problem(
                f"{', '.join(repr(w) for w in words)} means any source on the internet; this blueprint only "
                "allows narrow, known source networks.",
                suggestion,
                insecure=True,
            )
            return None
        networks = _cidr_items(spec, items, ctx)
        if networks is None:
            return None
        world = [n for n in networks if n in _WORLD_NETWORKS or n.prefixlen == 0]
        if world:
            ctx.problem(
                f"{', '.join(str(n) for n in world)} opens these ports to the whole internet; this blueprint "
                "only allows narrow, known source networks.",
                suggestion,
                insecure=True,
            )
            return None
        return [str(n) for n in networks]

    return check


_WORLD_REFUSING_AZURE = _world_refusing_cidr_list(
    "allow only the networks that need access (e.g. your office or VPN range like 203.0.113.0/24, or "
    "the VNet address space); for RDP/SSH use Azure Bastion instead of an open port; publish web "
    "services through Application Gateway with WAF or Front Door."
)


_AZURE_NON_PUBLIC_IPV4 = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8")
)


def _azure_storage_firewall_cidrs(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """Storage firewall IP rules: public IPv4 networks only (Azure rejects private ranges, IPv6, /31)."""
    cidrs = _WORLD_REFUSING_AZURE(spec, value, ctx)
    if cidrs is None:
        return None
    bad = [
        c
        for c in cidrs
        if ":" in c
        or c.endswith("/31")
        or any(ipaddress.ip_network(c).overlaps(n) for n in _AZURE_NON_PUBLIC_IPV4)
    ]
    if bad:
        ctx.problem(
            f"{', '.join(bad)} cannot be a storage firewall rule: Azure accepts only public IPv4 addresses "
            "and ranges (no private ranges, IPv6 or /31) there.",
            "reach the account from a virtual network through a private endpoint "
            "(private_endpoint_subnet_id) and list only public office/VPN egress addresses here",
        )
        return None
    return cidrs


def _gcp_kms_rotation_days(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """Days between automatic rotations of a Cloud KMS key; more than 90 is refused as insecure."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+)\s*(d|day|week|month|year)s?\s*", value.lower())
        if match:
            unit = "day" if match.group(2) == "d" else match.group(2)
            value = int(match.group(1)) * _DURATION_UNITS[unit]
    days = _int(replace(spec, minimum=None, maximum=None), value, ctx)
    if days is None:
        return None
    if days > 90:
        ctx.problem(
            f"rotating every {days} days leaves one key version protecting data for longer than the 90 days "
            "that CIS GCP 1.10 allows.",
            "rotate at most every 90 days (e.g. 90); old versions still decrypt existing data",
            insecure=True,
        )
        return None
    if days < 1:
        ctx.problem(f"{days} is below the minimum of 1 day.", "90")
        return None
    return days


def _k8s_namespace(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """A Kubernetes namespace name (RFC 1123 DNS label); the system namespaces are not managed here."""
    if not isinstance(value, str) or not value.strip():
        ctx.problem("expected a namespace name.", "team-a")
        return None
    text = value.strip()
    why = _length_problem(text, 1, 63)
    if not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", text):
        why.append(
            "use only lowercase letters, digits and hyphens, beginning and ending with a letter or digit"
        )
    if why:
        slug = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", text.lower()))[:63].strip("-")
        ctx.problem(f"{text!r} is not a valid namespace name: {'; '.join(why)}.", slug or "team-a")
        return None
    if text.startswith("kube-"):
        ctx.problem(
            f"{text!r} is a Kubernetes system namespace; its pods run cluster components that this "
            "blueprint would block or reject.",
            "use an application namespace such as team-a",
        )
        return None
    return text


# --- IAM ---------------------------------------------------------------------------------------------

_IAM_ACTION = re.compile(r"[a-z0-9-]+:[A-Za-z0-9*]+")


def _iam_action_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    items = _as_list(value)
    if items is None or not items:
        ctx.problem("expected a list of IAM actions like s3:GetObject.", "s3:GetObject")
        return None
    actions: list[str] = []
    ok = True
    for item in items:
        text = item.strip() if isinstance(item, str) else ""
        if text == "*" or text.endswith(":*"):
            service = text.split(":")[0] if ":" in text else "every service"
            ctx.problem(
                f"{text!r} grants every action of {service}, including deleting data and changing permissions.",
                "list only the actions the workload calls (e.g. s3:GetObject, s3:PutObject), or set "
                "access_level to read, write or read-write",
                insecure=True,
            )
            ok = False
        elif not _IAM_ACTION.fullmatch(text):
            ctx.problem(f"{item!r} is not an IAM action (service:Action).", "s3:GetObject")
            ok = False
        else:
            service, _, name = text.partition(":")
            normalised = f"{service.lower()}:{name}"
            if normalised not in actions:
                actions.append(normalised)
    return actions if ok else None


# --- AWS security services (KMS aliases, principals, e-mail, WAF) -----------------------------------


def _kms_alias(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """A KMS alias name without its ``alias/`` prefix (``alias/payments`` → ``payments``)."""
    if not isinstance(value, str) or not value.strip():
        ctx.problem("expected a KMS alias name like payments-prod.", "payments-prod")
        return None
    text = value.strip()
    text = text[len("alias/") :] if text.lower().startswith("alias/") else text
    suggestion = _slug(re.sub(r"(?i)^aws/", "", text), r"A-Za-z0-9/_-", 250)
    if text.lower() == "aws" or text.lower().startswith("aws/"):
        ctx.problem(f"{value!r} is reserved: alias/aws/ names AWS managed keys.", suggestion)
        return None
    if not re.fullmatch(r"[A-Za-z0-9/_-]{1,250}", text):
        ctx.problem(
            f"{value!r} is not a valid KMS alias: use 1 to 250 letters, digits, '/', '_' and '-'.",
            suggestion,
        )
        return None
    return text


_PRINCIPAL_ARN = re.compile(
    r"arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):(root|(role|user)/[\w+=,.@/-]{1,512})"
)


def _principal_arn_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """IAM principals for a resource policy: account roots, roles and users (12-digit ids become roots)."""
    items = _as_list(value)
    if items is None:
        ctx.problem(f"expected a list of IAM principal ARNs, got {type(value).__name__}.")
        return None
    example = "arn:aws:iam::123456789012:role/app"
    out: list[str] = []
    ok = True
    for item in items:
        text = item.strip() if isinstance(item, str) else str(item)
        if re.fullmatch(r"\d{12}", text):
            text = f"arn:aws:iam::{text}:root"
        if text == "*" or text.startswith("*"):
            ctx.problem(
                f"{text!r} is every AWS principal in every account; name the roles or accounts instead.",
                example,
                insecure=True,
            )
            ok = False
        elif not _PRINCIPAL_ARN.fullmatch(text):
            ctx.problem(f"{text!r} is not an IAM role, user or account root ARN.", example)
            ok = False
        elif text not in out:
            out.append(text)
    return out if ok else None


def _email(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    text = value.strip() if isinstance(value, str) else ""
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", text):
        ctx.problem(f"{value!r} is not an e-mail address.", "secops@example.com")
        return None
    return text


def _enum_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    """A list whose every item is one of ``choices`` (matched like ``enum``), without duplicates."""
    items = [value] if isinstance(value, str) and "," not in value else _as_list(value)
    if items is None:
        ctx.problem(f"expected a list of {', '.join(spec.choices)}.")
        return None
    out: list[str] = []
    ok = True
    for item in items:
        choice = _enum(spec, item, ctx)
        if choice is None:
            ok = False
        elif choice not in out:
            out.append(choice)
    return out if ok else None


def _country_code_list(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    items = _as_list(value)
    if items is None or not items:
        ctx.problem("expected ISO 3166-1 alpha-2 country codes like RU, KP.", "RU")
        return None
    out: list[str] = []
    ok = True
    for item in items:
        text = item.strip().upper() if isinstance(item, str) else ""
        if not re.fullmatch(r"[A-Z]{2}", text):
            ctx.problem(f"{item!r} is not a two-letter ISO 3166-1 country code.", "RU")
            ok = False
        elif text not in out:
            out.append(text)
    return out if ok else None


_ALB_ARN = re.compile(
    r"arn:(aws|aws-cn|aws-us-gov):elasticloadbalancing:[a-z0-9-]+:\d{12}:"
    r"loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}"
)


def _alb_arn(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
    example = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-alb/50dc6c495c0c9188"
    text = value.strip() if isinstance(value, str) else ""
    if "loadbalancer/net/" in text or "loadbalancer/gwy/" in text:
        ctx.problem(
            f"{text!r} is a Network or Gateway Load Balancer; AWS WAF attaches only to Application Load "
            "Balancers.",
            example,
        )
        return None
    if not _ALB_ARN.fullmatch(text):
        ctx.problem(f"{value!r} is not an Application Load Balancer ARN.", example)
        return None
    return text


# --- AWS batch B (Secrets Manager, RDS, ALB) and GitHub ----------------------------------------------


def _regex_list_type(pattern: str, what: str, example: str) -> ParamType:
    """A list (or comma/space separated text) of ids each matching ``pattern``, lower-cased, deduplicated."""
    compiled = re.compile(pattern)

    def check(spec: ParamSpec, value: Any, ctx: ParamContext) -> Any:
        items = _as_list(value)
        if items is None or not items:
            ctx.problem(f"expected one or more {what}s.", example)
            return None
        out: list[str] = []
        ok = True
        for item in items:
            text = item.strip().lower() if isinstance(item, str) else ""
            if not compiled.fullmatch(text):
                ctx.problem(f"{item!r} is not {what}.", example)
                ok = False
            elif text not in out:
                out.append(text)
        if ok and spec.minimum and len(out) < spec.minimum:
            ctx.problem(f"give at least {spec.minimum} {what}s (got {len(out)}).", example)
            ok = False
        return out if ok else None

    return check


_AWS_PARTITION = r"arn:(?:aws|aws-cn|aws-us-gov)"
_AWS_B_TYPES: Mapping[str, ParamType] = {
    "aws_secret_name": _named(
        r"[A-Za-z0-9/_+=.@-]{1,512}", r"A-Za-z0-9/_+=.@-", 512, "a Secrets Manager secret name"
    ),
    "aws_rds_identifier": _named(
        r"[A-Za-z](?!.*--)(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
        r"A-Za-z0-9-",
        63,
        "an RDS identifier (a letter first, no double or trailing hyphen)",
    ),
    "aws_rds_instance_class": _regex_type(
        r"db\.[a-z0-9-]+\.[a-z0-9]+", "an RDS instance class", "db.t4g.medium", lower=True
    ),
    "aws_alb_name": _named(
        r"(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?",
        r"A-Za-z0-9-",
        32,
        "a load balancer name (no leading or trailing hyphen, not starting with internal-)",
    ),
    "aws_subnet_id_list": _regex_list_type(
        r"subnet-[0-9a-f]{8,17}", "a subnet id", "subnet-0123456789abcdef0"
    ),
    "aws_security_group_id_list": _regex_list_type(
        r"sg-[0-9a-f]{8,17}", "a security group id", "sg-0123456789abcdef0"
    ),
    "aws_acm_certificate_arn": _regex_type(
        _AWS_PARTITION + r":acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]{36}",
        "an ACM certificate ARN",
        "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    ),
    "aws_wafv2_acl_arn": _regex_type(
        _AWS_PARTITION + r":wafv2:[a-z0-9-]+:\d{12}:regional/webacl/[\w-]{1,128}/[0-9a-f-]{36}",
        "a regional WAFv2 web ACL ARN",
        "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/my-acl/a1b2c3d4-5678-90ab-cdef-1234567890ab",
    ),
    "aws_lambda_arn": _regex_type(
        _AWS_PARTITION + r":lambda:[a-z0-9-]+:\d{12}:function:[\w-]{1,64}(?::[\w$-]+)?",
        "a Lambda function ARN",
        "arn:aws:lambda:eu-west-1:123456789012:function:SecretsManagerRotation",
    ),
    "github_repository": _regex_type(
        r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/)?[A-Za-z0-9._-]{1,100}",
        "a GitHub repository (name or owner/name)",
        "acme/payments-api",
    ),
}


PARAM_TYPES: Mapping[str, ParamType] = {
    "arn": _arn,
    "arn_list": _arn_list,
    "azure_key_vault_name": _checked_name(
        _azure_key_vault_name_problems, _suggest_azure_key_vault_name, "a Key Vault name"
    ),
    "azure_location": _azure_location,
    "azure_resource_group": _checked_name(
        _azure_resource_group_problems, _suggest_azure_name, "a resource group name"
    ),
    "azure_resource_name": _checked_name(
        _azure_resource_name_problems, _suggest_azure_name, "an Azure resource name"
    ),
    "azure_source_cidr_list": _WORLD_REFUSING_AZURE,
    "azure_storage_firewall_cidr_list": _azure_storage_firewall_cidrs,
    "azure_storage_account_name": _checked_name(
        _azure_storage_account_name_problems,
        _suggest_azure_storage_account_name,
        "a storage account name",
    ),
    "azure_subnet_id": _azure_subnet_id,
    "azure_log_analytics_workspace_id": _regex_type(
        r"/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[\w.()-]{1,90}/providers/"
        r"Microsoft\.OperationalInsights/workspaces/[A-Za-z0-9-]{4,63}",
        "a Log Analytics workspace resource id",
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logging/providers/"
        "Microsoft.OperationalInsights/workspaces/law-central",
    ),
    "gcp_kms_key_name": _gcp_kms_key_name,
    "gcp_kms_location": _gcp_kms_location,
    "gcp_kms_resource_name": _checked_name(
        _gcp_kms_resource_name_problems, lambda t: _slug(t, r"A-Za-z0-9_-", 63), "a Cloud KMS name"
    ),
    "gcp_kms_rotation_days": _gcp_kms_rotation_days,
    "gcp_location": _gcp_location,
    "gcp_name": _checked_name(_rfc1035_problems, _suggest_rfc1035, "a GCP resource name"),
    "gcp_network_tag_list": _gcp_network_tag_list,
    "gcp_project_id": _checked_name(_gcp_project_id_problems, _suggest_rfc1035, "a GCP project id"),
    "gcp_source_cidr_list": _world_refusing_cidr_list(
        "allow only the networks that need access (e.g. your office or VPN range like 203.0.113.0/24, or "
        "the VPC subnet ranges); for SSH/RDP allow only Identity-Aware Proxy (35.235.240.0/20) and use IAP "
        "TCP forwarding; publish web services through an external HTTPS load balancer with Cloud Armor."
    ),
    "gcs_bucket_name": _checked_name(
        _gcs_bucket_name_problems, _suggest_gcs_bucket_name, "a Cloud Storage bucket name"
    ),
    "aws_kms_key_arn": _kms_key_arn,
    "aws_region": _aws_region,
    "aws_alb_arn": _alb_arn,
    "aws_principal_arn_list": _principal_arn_list,
    "country_code_list": _country_code_list,
    "email": _email,
    "enum_list": _enum_list,
    "kms_alias": _kms_alias,
    "waf_name": _named(r"[A-Za-z0-9_-]{1,128}", r"A-Za-z0-9_-", 128, "a WAF web ACL name"),
    "bool": _bool,
    "cidr_list": _cidr_list,
    "enum": _enum,
    "iam_action_list": _iam_action_list,
    "iam_role_name": _named(r"[\w+=,.@-]{1,64}", r"A-Za-z0-9+=,.@_-", 64, "an IAM role name"),
    "ingress_cidr_list": _ingress_cidr_list,
    "int": _int,
    "k8s_namespace": _k8s_namespace,
    "name": _named(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}", r"A-Za-z0-9._-", 63, "a resource name"),
    "port_list": _port_list,
    "retention_days": _retention_days,
    "s3_bucket_name": _s3_bucket_name,
    "string": _string,
    "string_list": _string_list,
    "vpc_id": _regex_type(r"vpc-[0-9a-f]{8,17}", "a VPC id", "vpc-0123456789abcdef0", lower=True),
    **_AWS_B_TYPES,
}


def normalise_value(
    spec: ParamSpec, value: Any, blueprint: Blueprint | None = None
) -> tuple[Any, list[ParamProblem], list[str]]:
    """Validate ``value`` for ``spec``: ``(normalised value, problems, notes)``."""
    ctx = ParamContext(spec, blueprint)
    check = PARAM_TYPES.get(spec.type)
    if check is None:
        ctx.problem(f"unknown parameter type {spec.type!r}.")
        return None, ctx.problems, ctx.notes
    result = check(spec, value, ctx)
    if not ctx.problems and spec.insecure_values and _is_insecure(result, spec.insecure_values):
        ctx.problem(
            spec.insecure_message or f"{result!r} weakens a security control.",
            spec.insecure_suggestion or None,
            insecure=True,
        )
        result = None
    return result, ctx.problems, ctx.notes


def _is_insecure(value: Any, insecure_values: Sequence[Any]) -> bool:
    return any(value == bad and type(value) is type(bad) for bad in insecure_values)
