"""Least-privilege IAM statements derived from resource ARNs and an access level (read, write, read-write)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["ACCESS_ACTIONS", "iam_statements", "unsupported_services"]

# service → sub-resource kind → access level → actions. The kind is chosen from the ARN's resource part.
ACCESS_ACTIONS: Mapping[str, Mapping[str, Mapping[str, tuple[str, ...]]]] = {
    "s3": {
        "bucket": {"read": ("s3:GetBucketLocation", "s3:ListBucket"), "write": ()},
        "object": {
            "read": ("s3:GetObject", "s3:GetObjectVersion"),
            "write": ("s3:AbortMultipartUpload", "s3:DeleteObject", "s3:PutObject"),
        },
    },
    "dynamodb": {
        "table": {
            "read": (
                "dynamodb:BatchGetItem",
                "dynamodb:ConditionCheckItem",
                "dynamodb:DescribeTable",
                "dynamodb:GetItem",
                "dynamodb:Query",
                "dynamodb:Scan",
            ),
            "write": (
                "dynamodb:BatchWriteItem",
                "dynamodb:DeleteItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ),
        },
    },
    "sqs": {
        "queue": {
            "read": (
                "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
                "sqs:ReceiveMessage",
            ),
            "write": ("sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"),
        },
    },
    "sns": {"topic": {"read": ("sns:GetTopicAttributes",), "write": ("sns:Publish",)}},
    "secretsmanager": {
        "secret": {
            "read": ("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"),
            "write": ("secretsmanager:DescribeSecret", "secretsmanager:PutSecretValue"),
        },
    },
    "kms": {
        "key": {
            "read": ("kms:Decrypt", "kms:DescribeKey"),
            "write": ("kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"),
        },
    },
    "ssm": {
        "parameter": {
            "read": ("ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"),
            "write": ("ssm:PutParameter",),
        },
    },
    "kinesis": {
        "stream": {
            "read": (
                "kinesis:DescribeStreamSummary",
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:ListShards",
            ),
            "write": ("kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"),
        },
    },
    "logs": {
        "log-group": {
            "read": ("logs:DescribeLogStreams", "logs:FilterLogEvents", "logs:GetLogEvents"),
            "write": ("logs:CreateLogStream", "logs:PutLogEvents"),
        },
    },
    "lambda": {"function": {"read": ("lambda:GetFunction",), "write": ("lambda:InvokeFunction",)}},
}


def _service(arn: str) -> str:
    parts = arn.split(":", 5)
    return parts[2] if len(parts) == 6 else ""


def _kind(service: str, arn: str) -> str:
    resource = arn.split(":", 5)[5]
    if service == "s3":
        return "object" if "/" in resource else "bucket"
    return next(iter(ACCESS_ACTIONS[service]))


def unsupported_services(resource_arns: Sequence[str]) -> list[str]:
    """Services of ``resource_arns`` for which actions cannot be derived from an access level."""
    return sorted({_service(a) for a in resource_arns if _service(a) not in ACCESS_ACTIONS})


def _levels(access_level: str) -> tuple[str, ...]:
    return ("read", "write") if access_level == "read-write" else (access_level,)


def iam_statements(
    resource_arns: Sequence[str], access_level: str, actions: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Allow statements ``{"sid", "actions", "resources"}``: explicit ``actions`` on all resources, or the
    actions of ``access_level`` per service and resource kind."""
    if actions:
        return [
            {"sid": "ExplicitActions", "actions": sorted(actions), "resources": list(resource_arns)}
        ]
    grouped: dict[tuple[str, ...], list[str]] = {}
    for arn in resource_arns:
        service = _service(arn)
        if service not in ACCESS_ACTIONS:
            continue
        kind = _kind(service, arn)
        targets = [(kind, arn)]
        if service == "s3" and kind == "bucket":
            targets.append(("object", f"{arn}/*"))  # access to a bucket means access to its objects
        if service == "dynamodb" and "/index/" not in arn:
            targets.append((kind, f"{arn}/index/*"))
        for target_kind, target in targets:
            wanted: set[str] = set()
            for level in _levels(access_level):
                wanted.update(ACCESS_ACTIONS[service][target_kind][level])
            if wanted:
                key = tuple(sorted(wanted))
                resources = grouped.setdefault(key, [])
                if target not in resources:
                    resources.append(target)
    statements = []
    for index, (acts, resources) in enumerate(sorted(grouped.items()), start=1):
        service = acts[0].split(":")[0]
        sid = f"{service.capitalize()}{access_level.title().replace('-', '')}{index}"
        statements.append({"sid": sid, "actions": list(acts), "resources": resources})
    return statements
