"""The offline engine: a provider that answers with the tool calls a language model would make, no LLM.

It reads the latest user message (and, for follow-ups, the proposals and questions in the assistant's earlier
tool calls), picks the blueprints from the catalog summaries it was given, extracts the stated values, and
answers with:

* ``propose_blueprint`` ``{"blueprint", "params", "suggested"?}``: one per blueprint. ``params`` holds only
  values the user stated; ``suggested`` holds a derived name for the new resource when the user said what it
  is for but gave no name.
* ``ask_user`` ``{"blueprint", "param", "question"}``: one per missing required value.
* ``notice`` ``{"kind": "insecure_request" | "out_of_scope", "message"}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from palisade.providers import _extract as ex
from palisade.providers import _lexicon as lex
from palisade.providers._cues import CUES
from palisade.providers._insecure import insecure_reasons
from palisade.providers._instances import NAME_NOUNS, shared_spans, split
from palisade.providers._route import (
    Mention,
    detect,
    is_reference,
    network_fallback,
    out_of_scope_reason,
    segments,
)
from palisade.providers.base import (
    Completion,
    GenerationOptions,
    Message,
    StreamEvent,
    TextDelta,
    ToolCall,
)

__all__ = ["OfflineProvider", "split_deltas"]

PROPOSE = "propose_blueprint"
ASK = "ask_user"
NOTICE = "notice"

_INSECURE_TEXT = {
    "world-open": (
        "Opening a port to 0.0.0.0/0 exposes it to the whole internet, where SSH, RDP and database ports "
        "are scanned within minutes. Give the narrowest source range instead (office or VPN CIDR), or use "
        "a bastion, AWS SSM Session Manager or GCP IAP; the blueprint refuses world-open ingress."
    ),
    "public": (
        "Making storage or a database public exposes its data to anyone on the internet. Keep it private "
        "and grant access to named principals, serve files through a CDN with origin access control or "
        "signed URLs, and reach databases through a VPN or bastion."
    ),
    "wildcard": (
        "Wildcard actions or resources (`*`) grant far more than the workload needs. List the specific "
        "actions and resource ARNs; the blueprint refuses `service:*` and `*` resources."
    ),
    "no-reviews": (
        "Zero required approvals (or allowing force pushes) removes the review gate on the branch. Keep at "
        "least one approving review; urgent fixes can go through a documented, audited exception."
    ),
    "weak-password": (
        "A minimum password length under 14 characters is below the CIS benchmark. I'll keep 14 or more; "
        "pair it with MFA and SSO so people do not need to remember many passwords."
    ),
    "weakened": (
        "This request turns off or weakens a security control. The blueprint keeps the secure setting; an "
        "explicit, justified exception goes through the separate, audited exception path."
    ),
}

_ANSWERS: tuple[tuple[str, str], ...] = (
    (
        r"\bcspm\b",
        "CSPM (Cloud Security Posture Management) continuously checks cloud accounts for "
        "misconfigurations against benchmarks such as CIS. AWS Security Hub is one; I can enable it.",
    ),
    (
        r"sse-kms|sse-s3|customer\s+managed\s+key",
        "SSE-S3 uses keys S3 manages; SSE-KMS uses a KMS key, so you control the key policy, see every "
        "use in CloudTrail and can revoke access. Use a customer managed key for sensitive or regulated "
        "data; the private S3 bucket blueprint does that by default.",
    ),
    (
        r"0\.0\.0\.0/0|open(?:ing)?\s+ssh",
        "Opening SSH to 0.0.0.0/0 lets every scanner on the internet try your login; brute force and "
        "unpatched daemons follow. Restrict the source to your VPN or office range, or use SSM Session "
        "Manager / IAP with no open port at all.",
    ),
    (
        r"imdsv2|ssrf",
        "Yes: IMDSv2 requires a session token obtained with a PUT request, which most SSRF bugs cannot "
        "send, so it blocks the classic credential theft through the metadata service. Enforce it.",
    ),
)


# A clause that speaks for every resource of the message.
_SHARED = re.compile(
    r"\b(?:both|all\s+(?:of\s+)?(?:them|these|three|two|four)|each\s+of\s+them|all\s+of\s+it|everything)\b"
)


@dataclass(slots=True)
class Plan:
    """One blueprint the answer proposes."""

    blueprint: str
    params: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    suggested: dict[str, str] = field(default_factory=dict)
    wired: list[str] = field(default_factory=list)


def split_deltas(text: str, words: int = 4) -> list[str]:
    """Cut ``text`` into chunks of a few words; joined back they give ``text`` exactly."""
    parts = re.findall(r"\S+\s*|\s+", text)
    return ["".join(parts[i : i + words]) for i in range(0, len(parts), words)]


class OfflineProvider:
    """Turns plain-language requests into blueprint tool calls with rules instead of a model."""

    name = "offline"

    def __init__(self, catalog: Sequence[Mapping[str, Any]]) -> None:
        self._catalog: dict[str, Mapping[str, Any]] = {str(s["id"]): s for s in catalog}

    async def complete(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> Completion:
        return self.respond(messages, options=options)

    async def stream(
        self, messages: Sequence[Message], *, options: GenerationOptions
    ) -> AsyncIterator[StreamEvent]:
        completion = self.respond(messages, options=options)
        for chunk in split_deltas(completion.text):
            yield TextDelta(chunk)
        yield completion

    async def aclose(self) -> None:
        return None

    # ------------------------------------------------------------------------------------ the answer

    def respond(self, messages: Sequence[Message], *, options: GenerationOptions) -> Completion:
        """The completion for ``messages`` (synchronous; ``complete`` and ``stream`` wrap it)."""
        text = next((m.content for m in reversed(messages) if m.role == "user"), "")
        calls: list[tuple[str, dict[str, Any]]] = []
        if not text.strip():
            reply = "Tell me what you need, for example: *a private S3 bucket named app-logs in eu-west-1*."
            return self._completion(reply, calls, options)
        analysis = ex.Analysis(text)
        reason = out_of_scope_reason(analysis)
        plans: list[Plan] = []
        if reason is None:
            mentions = detect(analysis, self._catalog)
            previous = _previous_state(messages)
            if previous.plans and all(m.blueprint in previous.blueprints for m in mentions):
                plans = self._follow_up(analysis, previous, mentions)
            if not plans:
                if not mentions:
                    fallback = network_fallback(analysis, self._catalog)
                    mentions = [fallback] if fallback else []
                plans = self._plan(analysis, mentions)
        if not plans:
            message = _out_of_scope_answer(analysis.text, reason)
            calls.append((NOTICE, {"kind": "out_of_scope", "message": message}))
            return self._completion(message, calls, options)
        reasons = insecure_reasons(analysis, [(p.blueprint, p.params) for p in plans])
        if reasons:
            notice = " ".join(_INSECURE_TEXT[r] for r in reasons)
            calls.append((NOTICE, {"kind": "insecure_request", "message": notice}))
        for plan in plans:
            args: dict[str, Any] = {"blueprint": plan.blueprint, "params": plan.params}
            if plan.suggested:
                args["suggested"] = plan.suggested
            calls.append((PROPOSE, args))
        for plan in plans:
            for param in plan.missing:
                calls.append(
                    (
                        ASK,
                        {
                            "blueprint": plan.blueprint,
                            "param": param,
                            "question": self._question(plan, param),
                        },
                    )
                )
        return self._completion(self._summary(plans, reasons), calls, options)

    def _completion(
        self, text: str, calls: list[tuple[str, dict[str, Any]]], options: GenerationOptions
    ) -> Completion:
        offered = {t.name for t in options.tools}
        kept = [(n, a) for n, a in calls if not offered or n in offered]
        tool_calls = tuple(
            ToolCall(id=f"call_{i}", name=n, arguments=json.dumps(a, sort_keys=True))
            for i, (n, a) in enumerate(kept, start=1)
        )
        return Completion(
            text=text,
            tool_calls=tool_calls,
            model="offline",
            finish_reason="tool_calls" if tool_calls else "stop",
        )

    # ----------------------------------------------------------------------------------- planning

    def _plan(self, analysis: ex.Analysis, mentions: Sequence[Mention]) -> list[Plan]:
        if not mentions:
            return []
        bounds = segments(analysis.text, mentions)
        single = len(mentions) == 1
        plans: list[Plan] = []
        for mention, (start, end) in zip(mentions, bounds, strict=False):
            summary = self._catalog[mention.blueprint]
            scope = ex.Scope(
                analysis,
                str(summary.get("cloud", "")),
                start=0 if single else start,
                end=len(analysis.text) if single else end,
                cue_end=mention.end,
                single=single,
            )
            instances = self._instances(scope, summary, analysis.low[mention.start : mention.end])
            if not instances:
                values = self._extract(scope, summary)
                plans.extend(self._fan_out(scope, summary, values))
            for instance, values in instances:
                plans.extend(self._fan_out(instance, summary, values))
        plans = [p for p in plans if self._keep(p, analysis)]
        if not single:
            self._share(analysis, plans)
        for plan in plans:
            self._complete_plan(plan, analysis, plans)
        return plans

    def _share(self, analysis: ex.Analysis, plans: Sequence[Plan]) -> None:
        """Values in a clause that speaks for several resources ("..., both kept for a year") go to each."""
        for m in _SHARED.finditer(analysis.low):
            start, end = ex.clause_at(analysis.low, m.start())
            for plan in plans:
                summary = self._catalog[plan.blueprint]
                scope = ex.Scope(
                    analysis, str(summary.get("cloud", "")), start=start, end=end, single=False
                )
                name_of = summary.get("name_param")
                for key, value in self._extract(scope, summary).items():
                    if key != name_of and not ex.is_name_like(key):
                        plan.params.setdefault(key, value)

    def _instances(
        self, scope: ex.Scope, summary: Mapping[str, Any], cue: str
    ) -> list[tuple[ex.Scope, dict[str, Any]]]:
        """Each resource of one blueprint when its text describes several ("SGs a (...) and b (...)")."""
        name_of = str(summary.get("name_param") or "")
        if not ex.is_name_like(name_of):
            return []
        analysis = scope.analysis
        bid = str(summary["id"])
        found = split(
            analysis.masked,
            scope.start,
            scope.end,
            (*CUES.get(bid, ()), re.escape(cue), *NAME_NOUNS.get(name_of, ())),
            lambda start, end: is_reference(analysis, bid, start, end),
        )
        shared = [
            ex.Scope(analysis, scope.cloud, start=a, end=b, single=False)
            for a, b in shared_spans(scope.start, scope.end, found)
        ]
        out: list[tuple[ex.Scope, dict[str, Any]]] = []
        order = [str(p.get("name")) for p in summary.get("params") or []]
        for inst in found:
            own = ex.Scope(
                analysis,
                scope.cloud,
                start=inst.start,
                end=inst.end,
                cue_end=inst.start,
                single=False,
            )
            values = self._extract(own, summary)
            values[name_of] = inst.name
            for part in shared:
                for key, value in self._extract(part, summary).items():
                    values.setdefault(key, value)
            out.append((own, {k: values[k] for k in order if k in values}))
        return out

    def _extract(self, scope: ex.Scope, summary: Mapping[str, Any]) -> dict[str, Any]:
        specs = [p for p in summary.get("params") or [] if isinstance(p, Mapping)]
        names = [str(p.get("name")) for p in specs]
        name_of = summary.get("name_param")
        ordered = sorted(
            specs, key=lambda p: ex.is_name_like(str(p.get("name"))) or p.get("name") == name_of
        )
        known = lex.CATALOG_PARAMS_BY_ID.get(str(summary.get("id")), ex.CATALOG_PARAMS)
        values: dict[str, Any] = {}
        for spec in ordered:
            value = ex.extract_param(scope, spec, names, str(name_of) if name_of else None, known)
            if value is None or value == []:
                continue
            values[str(spec["name"])] = value
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    scope.consumed.add(item)
        return {n: values[n] for n in names if n in values}

    def _fan_out(
        self, scope: ex.Scope, summary: Mapping[str, Any], values: dict[str, Any]
    ) -> list[Plan]:
        bid = str(summary["id"])
        names = {str(p.get("name")) for p in summary.get("params") or []}
        options: tuple[str, list[str]] | None = None
        if "repository" in names:
            repos = ex.repositories(scope) or ex.repositories(scope.whole())
            if len(repos) > 1:
                options = ("repository", repos)
        if options is None and "namespace" in names and summary.get("name_param") != "namespace":
            spaces = ex.namespace_list(scope) or ex.namespace_list(scope.whole())
            if len(spaces) > 1:
                options = ("namespace", spaces)
        region_param = next((n for n in ("region", "location") if n in names), None)
        if options is None and region_param and not summary.get("name_param"):
            found = ex.region_list(scope)
            if len(found) > 1:
                options = (region_param, found)
        if options is None:
            return [Plan(bid, dict(values))]
        param, choices = options
        return [Plan(bid, {**values, param: choice}) for choice in choices]

    def _keep(self, plan: Plan, analysis: ex.Analysis) -> bool:
        # an S3 bucket mentioned next to the account-wide block, with no name of its own, is the block
        if plan.blueprint == "aws-s3-private-bucket" and not plan.params:
            return "aws-s3-account-public-access-block" not in self._catalog or not re.search(
                r"\baccount\b", analysis.low
            )
        return True

    def _complete_plan(self, plan: Plan, analysis: ex.Analysis, plans: Sequence[Plan]) -> None:
        summary = self._catalog[plan.blueprint]
        others = [p for p in plans if p is not plan]
        plan.missing = []
        for spec in summary.get("params") or []:
            name = str(spec.get("name"))
            if not spec.get("required") or name in plan.params:
                continue
            is_ref = name.endswith(("_arn", "_arns")) or str(spec.get("type", "")).startswith("arn")
            if is_ref and any(p.blueprint != plan.blueprint for p in others):
                plan.wired.append(name)
                continue
            if self._proposable(plan.blueprint, name, summary):
                hint = _purpose(analysis.text)
                stated = {k for k in plan.params if k not in ("region", "location")}
                if hint or stated:
                    plan.suggested[name] = _suggest_name(plan, name, hint)
                    continue
            plan.missing.append(name)

    @staticmethod
    def _proposable(bid: str, param: str, summary: Mapping[str, Any]) -> bool:
        if not ex.is_name_like(param) and not (
            param == summary.get("name_param") and param.endswith("name")
        ):
            return False
        if param == "namespace":
            return "namespace" in bid and "polic" not in bid
        return True

    # --------------------------------------------------------------------------------- follow-ups

    def _follow_up(
        self, analysis: ex.Analysis, previous: _Previous, mentions: Sequence[Mention]
    ) -> list[Plan]:
        plans: list[Plan] = []
        changed = False
        additive = bool(
            re.search(r"\b(?:also|add|additionally|too|as\s+well|plus|another)\b", analysis.low)
        )
        words = analysis.text.split()
        for old in previous.plans:
            summary = self._catalog.get(old.blueprint)
            if summary is None:
                continue
            scope = ex.Scope(analysis, str(summary.get("cloud", "")))
            new_values = self._extract_follow_up(scope, summary, analysis)
            asked = [p for b, p in previous.asks if b == old.blueprint and p not in new_values]
            if asked and len(words) <= 6:
                bare = _bare_value(analysis.text, _spec(summary, asked[0]))
                if bare is not None:
                    new_values[asked[0]] = bare
            merged = dict(old.params)
            for key, value in new_values.items():
                before = merged.get(key)
                if additive and isinstance(before, list) and isinstance(value, list):
                    value = before + [v for v in value if v not in before]
                if before != value:
                    changed = True
                merged[key] = value
            plans.append(Plan(old.blueprint, merged, suggested=dict(old.suggested)))
        if not changed:
            return []
        for plan in plans:
            for key in list(plan.suggested):
                if key in plan.params:
                    del plan.suggested[key]
            self._complete_plan(plan, analysis, plans)
            for key in plan.suggested:
                previous_suggestion = next(
                    (o.suggested.get(key) for o in previous.plans if o.blueprint == plan.blueprint),
                    None,
                )
                if previous_suggestion:
                    plan.suggested[key] = previous_suggestion
        return plans

    def _extract_follow_up(
        self, scope: ex.Scope, summary: Mapping[str, Any], analysis: ex.Analysis
    ) -> dict[str, Any]:
        specs = [p for p in summary.get("params") or [] if isinstance(p, Mapping)]
        names = [str(p.get("name")) for p in specs]
        values: dict[str, Any] = {}
        rename = re.search(
            r"\b(?:call\s+it|name\s+it|rename\s+(?:it\s+)?(?:to\s+)?|named|called|name\s*(?:is|should\s+be|[:=]))"
            r"\s*[`'\"]?([A-Za-z0-9][\w./-]*)",
            analysis.masked,
            re.I,
        )
        name_of = summary.get("name_param")
        for spec in specs:
            name = str(spec.get("name"))
            if ex.is_name_like(name) or name == name_of:
                if rename and name == (name_of or name):
                    values[name] = rename.group(1).rstrip(".")
                continue
            known = lex.CATALOG_PARAMS_BY_ID.get(str(summary.get("id")), ex.CATALOG_PARAMS)
            value = ex.extract_param(scope, spec, names, str(name_of) if name_of else None, known)
            if value is not None and value != []:
                values[name] = value
        return values

    # ------------------------------------------------------------------------------------- wording

    def _title(self, bid: str) -> str:
        return str(self._catalog.get(bid, {}).get("title") or bid)

    def _question(self, plan: Plan, param: str) -> str:
        spec = _spec(self._catalog[plan.blueprint], param)
        question = str(spec.get("question") or "") if spec else ""
        if question:
            return question
        return f"Which {param.replace('_', ' ')} should the {self._title(plan.blueprint)} use?"

    def _summary(self, plans: Sequence[Plan], reasons: Sequence[str]) -> str:
        lines: list[str] = []
        if reasons:
            lines.append("**Heads-up:** " + " ".join(_INSECURE_TEXT[r] for r in reasons))
            lines.append("")
        many = len(plans) > 1
        lines.append(
            f"I'll propose {len(plans)} blueprints:" if many else "I'll propose this blueprint:"
        )
        for plan in plans:
            lines.append(f"- **{self._title(plan.blueprint)}** (`{plan.blueprint}`)")
            for key, value in plan.params.items():
                shown = ", ".join(str(v) for v in value) if isinstance(value, list) else value
                lines.append(f"  - `{key}`: `{shown}`")
            for key, value in plan.suggested.items():
                lines.append(f"  - `{key}`: `{value}` (suggested; tell me if you prefer another)")
            for key in plan.wired:
                lines.append(f"  - `{key}`: taken from the resource created alongside it")
        questions = [(p, m) for p in plans for m in p.missing]
        if questions:
            lines.append("")
            lines.append("Before I can render it, I need:")
            lines.extend(f"- {self._question(p, m)} (`{m}`)" for p, m in questions)
        else:
            lines.append("")
            lines.append("Everything else uses the blueprint's secure defaults.")
        return "\n".join(lines)


# ------------------------------------------------------------------------------------------ helpers


@dataclass(slots=True)
class _Previous:
    plans: list[Plan] = field(default_factory=list)
    asks: list[tuple[str, str]] = field(default_factory=list)

    @property
    def blueprints(self) -> set[str]:
        return {p.blueprint for p in self.plans}


def _previous_state(messages: Sequence[Message]) -> _Previous:
    """The proposals and questions of the last assistant turn that made any."""
    state = _Previous()
    for message in reversed(messages):
        if message.role != "assistant" or not message.tool_calls:
            continue
        for call in message.tool_calls:
            try:
                args = call.parsed_arguments()
            except ValueError:
                continue
            if call.name == PROPOSE and isinstance(args.get("params"), dict):
                suggested = args.get("suggested") if isinstance(args.get("suggested"), dict) else {}
                state.plans.append(
                    Plan(
                        str(args.get("blueprint")),
                        dict(args["params"]),
                        suggested=dict(suggested or {}),
                    )
                )
            elif call.name == ASK:
                state.asks.append((str(args.get("blueprint")), str(args.get("param"))))
        if state.plans:
            return state
    return state


def _spec(summary: Mapping[str, Any], param: str) -> Mapping[str, Any]:
    for spec in summary.get("params") or []:
        if spec.get("name") == param:
            return dict(spec)
    return {}


def _bare_value(text: str, spec: Mapping[str, Any]) -> Any:
    """A reply that is just the value asked for ("vpc-0abc1234", "lambda", "10.0.0.0/8, 10.1.0.0/16")."""
    value = text.strip().strip("`'\".").strip()
    if not value:
        return None
    name, ptype = str(spec.get("name", "")), str(spec.get("type", ""))
    choices = [str(c) for c in spec.get("choices") or []]
    analysis = ex.Analysis(value)
    scope = ex.Scope(analysis, "")
    if choices or name in lex.ENUM_SYNONYMS:
        found = ex.enum_values(scope, name, choices)
        return found[0] if found else None
    if ptype.endswith("_list") or name.endswith("s") and name not in ("access_level",):
        items = [i for i in re.split(r"\s*(?:,|\band\b|\s)\s*", value) if i]
        if ptype == "port_list" or name == "ports":
            nums = [
                lex.NAMED_PORTS.get(i.lower()) or (int(i) if i.isdigit() else None) for i in items
            ]
            return [n for n in nums if n] or None
        if ptype == "cidr_list" or name.endswith("cidrs"):
            return [f.value for f in analysis.found if f.kind in ("ipv4", "ipv6")] or None
        return items
    if ptype == "int":
        return ex.parse_number(value)
    if ptype == "bool":
        return bool(re.match(r"(?:yes|true|on|enable)", value, re.I))
    if " " in value and not ex.is_identifier(value):
        return None
    return value


def _purpose(text: str) -> str:
    """What the resource is for ("for the checkout service" -> "checkout service"), or ""."""
    m = re.search(
        r"\b(?:for|to\s+(?:read|write|serve|store|run|host|protect|front))\s+(?:the\s+|our\s+|my\s+|an?\s+)?"
        r"([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})",
        text,
        re.I,
    )
    if not m:
        return ""
    words = [
        w for w in m.group(1).split() if w.lower() not in lex.STOPWORDS or w.lower() == "service"
    ]
    return " ".join(words[:3])


_SUFFIX = {
    "aws-security-group": "sg",
    "azure-nsg": "nsg",
    "aws-alb-https": "alb",
    "aws-iam-role": "role",
    "aws-wafv2-alb": "waf",
    "aws-cloudtrail": "trail",
    "aws-rds-instance": "db",
    "aws-secretsmanager-secret": "secret",
    "gcp-firewall-rule": "fw",
    "gcp-kms-key": "key",
}


def _suggest_name(plan: Plan, param: str, purpose: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", purpose.lower()).strip("-")
    if not slug:
        ports = plan.params.get("ports") or []
        slug = "allow-" + "-".join(str(p) for p in ports) if ports else "palisade"
    suffix = {"key_ring": "ring", "key_name": "key"}.get(param) or _SUFFIX.get(plan.blueprint, "")
    if plan.blueprint == "azure-storage-account":
        return re.sub(r"[^a-z0-9]", "", f"st{slug}")[:24]
    name = f"{slug}-{suffix}" if suffix and not slug.endswith(suffix) else slug
    return name[:60]


def _out_of_scope_answer(text: str, reason: str | None) -> str:
    if reason == "prompt-injection":
        return (
            "I can't share or change my instructions. I can help you request secure infrastructure, "
            "for example a private S3 bucket or a narrow security group."
        )
    for pattern, answer in _ANSWERS:
        if re.search(pattern, text, re.I):
            return answer
    if re.search(r"\b(?:thanks|thank\s+you|cheers|great|worked)\b", text, re.I):
        return "Glad it helped! Ask me whenever you need another secure piece of infrastructure."
    if re.search(r"^\W*(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b", text, re.I):
        return (
            "Hi! I turn plain-language requests into secure infrastructure blueprints: S3 buckets, "
            "security groups, IAM roles, KMS keys, Azure storage, GCP firewall rules, Kubernetes "
            "namespaces, branch protection and more. What do you need?"
        )
    return (
        "That's outside what I can build. I create secure-by-default infrastructure from a fixed "
        "catalog (AWS, Azure, GCP, Kubernetes, GitHub): for example *a private S3 bucket named "
        "app-logs in eu-west-1* or *an NSG allowing 443 from 10.0.0.0/16*."
    )
