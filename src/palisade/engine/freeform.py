"""Free-form Terraform: what a model may propose when no catalog blueprint fits, and the extra rules for it.

A free-form proposal is a ``Proposal`` with blueprint ``"custom"`` and name ``<slug>-<hash8>``, so its branch
is ``palisade/custom/<slug>-<hash8>``. The hash is of the conversation and the slug: a follow-up in the same
conversation updates the same branch, and two conversations never collide.

Model-written code gets rules on top of the policy checks, each reported as a failed finding so the model can
repair it and the user sees why it is not ready:

* no in-file exceptions (``# palisade:skip=...``, ``#checkov:skip=...``): a model must not grant itself one;
* nothing that runs code or reaches out during plan/apply (provisioners, ``external``/``http`` data sources);
* no ``backend`` block (state location is the platform team's, and a backend can leak state).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from palisade.validators.base import Finding

__all__ = [
    "CUSTOM_BLUEPRINT",
    "CUSTOM_TITLE",
    "MAX_FILE_CHARS",
    "MAX_FILES",
    "custom_name",
    "file_problems",
    "policy_findings",
    "slugify",
]

CUSTOM_BLUEPRINT = "custom"
CUSTOM_TITLE = "Custom Terraform"
MAX_FILES = 10
MAX_FILE_CHARS = 60_000
VALIDATOR = "palisade-freeform"

_FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,60}\.(tf|yaml|yml)$")

_RULES: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    (
        "PAL_FREEFORM_EXCEPTION",
        re.compile(r"(palisade|checkov)\s*:\s*skip", re.IGNORECASE),
        "Free-form code may not carry a policy exception (skip comment).",
        "Remove the skip comment and fix the finding; exceptions go through the security team.",
    ),
    (
        "PAL_FREEFORM_PROVISIONER",
        re.compile(r"\bprovisioner\s+\"?[\w-]+\"?\s*\{"),
        "Provisioners run commands during apply.",
        "Remove the provisioner; use the resource's own arguments or a reviewed module.",
    ),
    (
        "PAL_FREEFORM_EXTERNAL_DATA",
        re.compile(r"\bdata\s+\"(external|http)\""),
        "An external or http data source runs a program or calls out during plan.",
        "Remove the data source; pass the value in as a variable.",
    ),
    (
        "PAL_FREEFORM_BACKEND",
        re.compile(r"\bbackend\s+\"[\w-]+\"\s*\{"),
        "A backend block changes where state (and its secrets) is stored.",
        "Remove the backend block; the platform team configures state.",
    ),
)


def slugify(text: str, *, limit: int = 40) -> str:
    """``"EBS snapshot policy!"`` → ``"ebs-snapshot-policy"``; never empty."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
    return slug or "change"


def custom_name(conversation_id: str, title: str) -> str:
    slug = slugify(title)
    digest = hashlib.sha256(f"{conversation_id}\n{slug}".encode()).hexdigest()[:8]
    return f"{slug}-{digest}"


def file_problems(files: Mapping[str, Any]) -> list[str]:
    """Why these model-written files cannot be used as given (empty: they can)."""
    problems: list[str] = []
    if not files:
        problems.append("Give at least one file.")
    if len(files) > MAX_FILES:
        problems.append(f"At most {MAX_FILES} files per proposal.")
    for name, content in files.items():
        if not isinstance(content, str):
            problems.append(f"{name!r}: the content must be a string.")
        elif len(content) > MAX_FILE_CHARS:
            problems.append(f"{name!r} is longer than {MAX_FILE_CHARS:,} characters.")
        elif not content.strip():
            problems.append(f"{name!r} is empty.")
        if not _FILE_NAME.match(name):
            problems.append(
                f"{name!r} is not allowed: use a flat lowercase name ending in .tf, .yaml or .yml "
                "(no folders)."
            )
    return problems


def policy_findings(files: Mapping[str, str]) -> list[Finding]:
    """Failed findings for constructs model-written code may not contain (see the module docstring)."""
    findings: list[Finding] = []
    for path, content in files.items():
        for number, line in enumerate(content.splitlines(), start=1):
            for check_id, pattern, message, fix in _RULES:
                if pattern.search(line):
                    findings.append(
                        Finding(
                            check_id=check_id,
                            result="failed",
                            resource="",
                            file=path,
                            message=message,
                            severity="high",
                            line=number,
                            fix=fix,
                            validator=VALIDATOR,
                        )
                    )
    return findings
