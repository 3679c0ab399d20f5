"""The prompts both guards scan: a ~40-word request, the same with a credential in it, and a ~600-word
request with a Terraform excerpt. Plain data, importable from either virtual environment."""

from __future__ import annotations

SHORT = (
    "I need a private encrypted S3 bucket called acme-audit-logs in eu-west-1 for our CloudTrail "
    "logs. Keep objects for one year, block all public access, enable versioning, and make sure only "
    "the security team role can read it. Thanks a lot!"
)

# The token is fake (GitHub's shape, random letters): it exercises the redaction path.
SHORT_WITH_SECRET = (
    "Our deploy job uses ghp_Q7vX2mL9pR4tW8yZ1cB5nH3jK6dF0sA2gE4u to push; can you create a private "
    "S3 bucket called acme-deploy-artifacts in eu-west-1 with versioning and a one-year lifecycle? "
    "Only the deploy role should write to it and nobody outside the account may read it."
)

_LONG_PARAGRAPHS = (
    "Hi, I am the platform engineer on the payments team and we are preparing for our PCI DSS audit "
    "next quarter. Our current infrastructure grew organically over three years and the auditors "
    "flagged several gaps in how we store logs, manage encryption keys and control network access. "
    "I would like your help to put secure defaults in place, one control at a time, so each change "
    "can be reviewed by the security team before it is merged into the infrastructure repository.",
    "First, we need a central bucket for audit logs. It should live in eu-west-1 next to the rest of "
    "our workloads, be encrypted with a customer-managed KMS key that rotates every year, block every "
    "form of public access, keep versioning on, and expire objects after 400 days because the policy "
    "asks for thirteen months of retention. Only the security-audit role and the CloudTrail service "
    "should be able to write to it, and reads should require TLS.",
    "Second, our application load balancer is internet-facing and still accepts plain HTTP on port "
    "80. We want HTTPS only with a modern TLS policy, HTTP redirected to HTTPS, access logs delivered "
    "to the audit bucket, and deletion protection enabled. The certificate already exists in ACM. The "
    "target group runs on port 8443 and the health check path is slash healthz. Please do not open "
    "any other ports to the world; office ranges are 203.0.113.0/24 and 198.51.100.0/24.",
    "Third, the database. Today it is a single PostgreSQL instance with storage encryption off and a "
    "public endpoint that someone enabled for debugging two years ago. We need a private instance in "
    "the database subnets, encrypted storage with the same KMS key family, automated backups kept for "
    "fourteen days, deletion protection, IAM authentication, and parameter group settings that force "
    "SSL connections. Multi-AZ is required for production but not for staging.",
    "Here is the excerpt of the current Terraform for the bucket, in case it helps you see what we "
    'have: resource "aws_s3_bucket" "audit" { bucket = "acme-audit-logs" } resource '
    '"aws_s3_bucket_versioning" "audit" { bucket = aws_s3_bucket.audit.id versioning_configuration { '
    'status = "Suspended" } } resource "aws_s3_bucket_public_access_block" "audit" { bucket = '
    "aws_s3_bucket.audit.id block_public_acls = false ignore_public_acls = false } and there is no "
    "server-side encryption block at all, which is the main finding.",
    "Fourth, identity. We want an IAM role for the log shipper running on ECS that can only put "
    "objects under the logs prefix of the audit bucket and use the KMS key for encryption, nothing "
    "else: no wildcard actions, no wildcard resources, and a trust policy limited to the ECS tasks "
    "service in our account. We also need a password policy for the few remaining IAM users: at "
    "least sixteen characters, all character classes, ninety-day rotation and no reuse of the last "
    "twenty-four passwords.",
    "Finally, detection. Please turn on GuardDuty in every region we use with findings published to "
    "our security alerts topic, enable Security Hub with the AWS Foundational Security Best Practices "
    "and CIS benchmarks, and make sure AWS Config records every resource type, including global ones, "
    "into the audit bucket. VPC flow logs for the production VPC should go to an encrypted log group "
    "kept for one year. If any of this conflicts with the controls above, tell me which one wins and "
    "why, and open a separate pull request for each control so the reviews stay small and focused.",
    "For context, the team is small: four engineers share on-call, and most of us are developers "
    "rather than security specialists. Plain explanations of each setting in the pull request "
    "description would help us answer the auditors' questions ourselves, and would help new hires "
    "understand why the defaults are the way they are.",
)
LONG = " ".join(_LONG_PARAGRAPHS)

PROMPTS = {"short_40w": SHORT, "short_40w_secret": SHORT_WITH_SECRET, "long_600w": LONG}


def word_count(text: str) -> int:
    return len(text.split())
