"""Blueprint summaries for the 25 catalog ids (``/work/shared/catalog.md``), in ``Blueprint.summary()`` shape.

Hand-written so the offline engine can be measured before every blueprint directory exists.
"""

from __future__ import annotations

from typing import Any

# (name, type, required, choices)
_P = tuple[str, str, bool, tuple[str, ...]]


def _p(name: str, ptype: str = "string", required: bool = False, *choices: str) -> _P:
    return (name, ptype, required, choices)


_BLUEPRINTS: tuple[tuple[str, str, str, str | None, tuple[str, ...], tuple[_P, ...]], ...] = (
    (
        "aws-s3-private-bucket",
        "Private S3 bucket",
        "aws",
        "bucket_name",
        ("s3", "bucket"),
        (
            _p("bucket_name", "s3_bucket_name", True),
            _p("region", "aws_region"),
            _p("retention_days", "int"),
            _p("kms_key_arn", "aws_kms_key_arn"),
            _p("versioning", "bool"),
            _p("object_lock", "bool"),
            _p("access_log_bucket", "s3_bucket_name"),
            _p("read_principals", "arn_list"),
        ),
    ),
    (
        "aws-kms-key",
        "Customer-managed KMS key",
        "aws",
        "alias",
        ("kms", "cmk"),
        (
            _p("alias", "name", True),
            _p("description"),
            _p("admin_principals", "arn_list"),
            _p("user_principals", "arn_list"),
            _p("deletion_window_days", "int"),
            _p("multi_region", "bool"),
        ),
    ),
    (
        "aws-security-group",
        "Security group",
        "aws",
        "name",
        ("security group", "sg"),
        (
            _p("name", "name", True),
            _p("vpc_id", "vpc_id", True),
            _p("ports", "port_list", True),
            _p("cidrs", "cidr_list", True),
            _p("protocol", "enum", False, "tcp", "udp", "icmp"),
            _p("description"),
            _p("egress_cidrs", "cidr_list"),
        ),
    ),
    (
        "aws-iam-role",
        "Least-privilege IAM role",
        "aws",
        "role_name",
        ("iam role", "role"),
        (
            _p("role_name", "iam_role_name", True),
            _p("service", "enum", True, "lambda", "ec2", "ecs-tasks"),
            _p("resource_arns", "arn_list", True),
            _p("access_level", "enum", False, "read", "write", "read-write"),
            _p("actions", "string_list"),
            _p("permissions_boundary_arn", "arn"),
        ),
    ),
    (
        "aws-cloudtrail",
        "CloudTrail trail",
        "aws",
        "trail_name",
        ("cloudtrail", "audit trail"),
        (
            _p("trail_name", "name", True),
            _p("bucket_name", "s3_bucket_name"),
            _p("region", "aws_region"),
            _p("retention_days", "int"),
            _p("organization_trail", "bool"),
        ),
    ),
    (
        "aws-guardduty",
        "GuardDuty detector",
        "aws",
        None,
        ("guardduty", "threat detection"),
        (
            _p("region", "aws_region"),
            _p("finding_frequency", "enum", False, "FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"),
            _p("alert_email", "email"),
            _p("s3_protection", "bool"),
            _p("eks_protection", "bool"),
            _p("malware_protection", "bool"),
        ),
    ),
    (
        "aws-securityhub",
        "Security Hub",
        "aws",
        None,
        ("security hub",),
        (
            _p("region", "aws_region"),
            _p(
                "standards",
                "string_list",
                False,
                "cis-aws-foundations",
                "aws-foundational-best-practices",
                "pci-dss",
                "nist-800-53",
            ),
        ),
    ),
    (
        "aws-config-recorder",
        "AWS Config recorder",
        "aws",
        None,
        ("aws config", "config recorder"),
        (
            _p("bucket_name", "s3_bucket_name"),
            _p("region", "aws_region"),
            _p("include_global_resources", "bool"),
        ),
    ),
    (
        "aws-wafv2-alb",
        "WAFv2 web ACL for an ALB",
        "aws",
        "acl_name",
        ("waf", "web acl"),
        (
            _p("acl_name", "name", True),
            _p("alb_arn", "arn", True),
            _p("rate_limit", "int"),
            _p("managed_rule_groups", "string_list"),
            _p("blocked_countries", "string_list"),
        ),
    ),
    (
        "aws-vpc-flow-logs",
        "VPC flow logs",
        "aws",
        None,
        ("flow logs",),
        (
            _p("vpc_id", "vpc_id", True),
            _p("destination", "enum", False, "cloudwatch", "s3"),
            _p("retention_days", "int"),
            _p("traffic_type", "enum", False, "ALL", "ACCEPT", "REJECT"),
        ),
    ),
    (
        "aws-secretsmanager-secret",
        "Secrets Manager secret",
        "aws",
        "secret_name",
        ("secret",),
        (
            _p("secret_name", "name", True),
            _p("rotation_days", "int"),
            _p("rotation_lambda_arn", "arn"),
            _p("kms_key_arn", "aws_kms_key_arn"),
        ),
    ),
    (
        "aws-rds-instance",
        "Private encrypted RDS instance",
        "aws",
        "identifier",
        ("rds", "database"),
        (
            _p("identifier", "name", True),
            _p("engine", "enum", False, "postgres", "mysql", "mariadb"),
            _p("instance_class"),
            _p("subnet_ids", "string_list"),
            _p("allowed_security_group_ids", "string_list"),
            _p("backup_retention_days", "int"),
            _p("multi_az", "bool"),
        ),
    ),
    (
        "aws-alb-https",
        "HTTPS application load balancer",
        "aws",
        "name",
        ("alb", "load balancer"),
        (
            _p("name", "name", True),
            _p("vpc_id", "vpc_id", True),
            _p("subnet_ids", "string_list", True),
            _p("certificate_arn", "arn", True),
            _p("cidrs", "cidr_list"),
            _p("internal", "bool"),
            _p("waf_acl_arn", "arn"),
        ),
    ),
    (
        "aws-ebs-default-encryption",
        "Default EBS encryption",
        "aws",
        None,
        ("ebs",),
        (_p("region", "aws_region"), _p("kms_key_arn", "aws_kms_key_arn")),
    ),
    (
        "aws-iam-password-policy",
        "IAM account password policy",
        "aws",
        None,
        ("password policy",),
        (_p("min_length", "int"), _p("max_age_days", "int"), _p("reuse_prevention", "int")),
    ),
    (
        "aws-s3-account-public-access-block",
        "Account-wide S3 public access block",
        "aws",
        None,
        ("public access block",),
        (),
    ),
    (
        "azure-storage-account",
        "Azure storage account",
        "azure",
        "name",
        ("storage account",),
        (
            _p("name", "name", True),
            _p("resource_group", "name", True),
            _p("location", "string", True),
            _p("cidrs", "cidr_list"),
            _p("replication", "enum", False, "LRS", "ZRS", "GRS"),
            _p("private_endpoint_subnet_id", "string"),
        ),
    ),
    (
        "azure-key-vault",
        "Azure Key Vault",
        "azure",
        "name",
        ("key vault",),
        (
            _p("name", "name", True),
            _p("resource_group", "name", True),
            _p("location", "string", True),
            _p("cidrs", "cidr_list"),
            _p("soft_delete_retention_days", "int"),
            _p("private_endpoint_subnet_id", "string"),
        ),
    ),
    (
        "azure-nsg",
        "Azure network security group",
        "azure",
        "name",
        ("nsg",),
        (
            _p("name", "name", True),
            _p("resource_group", "name", True),
            _p("location", "string", True),
            _p("ports", "port_list", True),
            _p("cidrs", "cidr_list", True),
            _p("protocol", "enum", False, "tcp", "udp", "icmp"),
        ),
    ),
    (
        "gcp-gcs-bucket",
        "GCS bucket",
        "gcp",
        "bucket_name",
        ("gcs",),
        (
            _p("bucket_name", "name", True),
            _p("project", "string", True),
            _p("location", "string"),
            _p("retention_days", "int"),
            _p("kms_key_name", "string"),
        ),
    ),
    (
        "gcp-firewall-rule",
        "GCP VPC firewall rule",
        "gcp",
        "name",
        ("firewall rule",),
        (
            _p("name", "name", True),
            _p("network", "string", True),
            _p("project", "string", True),
            _p("ports", "port_list", True),
            _p("cidrs", "cidr_list", True),
            _p("protocol", "enum", False, "tcp", "udp", "icmp"),
            _p("target_tags", "string_list"),
        ),
    ),
    (
        "gcp-kms-key",
        "Cloud KMS key ring and key",
        "gcp",
        "key_name",
        ("cloud kms", "key ring"),
        (
            _p("key_ring", "name", True),
            _p("key_name", "name", True),
            _p("project", "string", True),
            _p("location", "string"),
            _p("rotation_days", "int"),
        ),
    ),
    (
        "k8s-default-deny-network-policy",
        "Default-deny NetworkPolicy",
        "kubernetes",
        None,
        ("network policy", "default deny"),
        (_p("namespace", "name", True), _p("allow_dns_egress", "bool")),
    ),
    (
        "k8s-namespace-restricted",
        "Restricted namespace",
        "kubernetes",
        "namespace",
        ("namespace", "pod security"),
        (_p("namespace", "name", True),),
    ),
    (
        "github-branch-protection",
        "GitHub branch protection",
        "github",
        "repository",
        ("branch protection",),
        (
            _p("repository", "string", True),
            _p("branch", "string"),
            _p("required_approvals", "int"),
            _p("require_code_owner_reviews", "bool"),
            _p("require_signed_commits", "bool"),
        ),
    ),
)


def catalog_summaries() -> list[dict[str, Any]]:
    """All 25 blueprints as ``Blueprint.summary()`` dicts."""
    out: list[dict[str, Any]] = []
    for bid, title, cloud, name_param, keywords, params in _BLUEPRINTS:
        out.append(
            {
                "id": bid,
                "title": title,
                "description": title,
                "cloud": cloud,
                "keywords": list(keywords),
                "name_param": name_param,
                "params": [
                    {
                        "name": name,
                        "type": ptype,
                        "required": required,
                        "default": None,
                        "description": name.replace("_", " "),
                        "question": f"What {name.replace('_', ' ')} should I use?"
                        if required
                        else "",
                        "choices": list(choices),
                    }
                    for name, ptype, required, choices in params
                ],
            }
        )
    return out
