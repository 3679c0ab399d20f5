"""Words that name, or imply, each catalog blueprint: what ``_route`` matches on the masked, lower-cased message.

Each blueprint has its product names, the jargon people use for it, and the outcomes that imply it without
naming it ("turn on threat detection" is GuardDuty, "encrypt every new volume by default" is default EBS
encryption, "no direct pushes to main" is branch protection). Patterns are whole-word regexes; ``#`` stands
for a masked value (ARN, id, address) in the text they are matched on. Conflicts between blueprints (an S3
bucket in a GCP message, a firewall rule on AWS) are settled in ``_route``, not here.
"""

from __future__ import annotations

from typing import Final

_ANY = r"(?:\w+[\s-]+){0,3}?"  # up to three words in between

CUES: Final[dict[str, tuple[str, ...]]] = {
    "aws-s3-private-bucket": (
        r"s3\s+buckets?",
        r"buckets?",
        r"s3",
        r"object\s+storage",
    ),
    "aws-kms-key": (
        r"kms\s+(?:keys?|cmks?)",
        r"cmks?",
        r"customer[\s-]*managed\s+(?:kms\s+)?(?:encryption\s+)?keys?",
        r"(?:new\s+|an?\s+|own\s+)(?:aws\s+)?(?:kms\s+)?encryption\s+keys?",
        r"(?:aws\s+)?kms(?=\s+(?:alias|key|with|for|please|pls|called|named|cmk))",
        r"(?:new\s+)?(?:keys?|cmks?)\s+in\s+(?:aws\s+)?kms",
        r"alias",
    ),
    "aws-security-group": (
        r"security\s*groups?",
        r"sec\s*groups?",
        r"sgs?",
    ),
    "aws-iam-role": (
        r"(?:iam\s+)?roles?",
        r"instance\s+profiles?",
    ),
    "aws-cloudtrail": (
        r"cloud\s*trails?",
        r"trails?",
        r"api\s+(?:activity|call|calls|audit)\s+(?:logging|logs?|auditing|trail|history)",
        r"(?:log|record|audit|track)\w*\s+(?:every\s+|all\s+)?(?:the\s+)?(?:aws\s+)?api\s+(?:calls?|activity|requests?)",
        r"(?:every|all)\s+api\s+calls?",
        r"who\s+did\s+what",
    ),
    "aws-guardduty": (
        r"guard\s*duty",
        r"threat\s+detection",
        r"intrusion\s+detection",
        r"detect\w*\s+"
        + _ANY
        + r"(?:threats?|compromised|crypto[\s-]*mining|malicious|intrusions?|attackers?)",
        r"threat\s+(?:monitoring|findings?)",
    ),
    "aws-securityhub": (
        r"security\s*hub",
        r"sec\s*hub",
        r"cspm",
        r"(?:security\s+|cloud\s+)?posture\s+(?:management|checks?|monitoring|findings?)",
    ),
    "aws-config-recorder": (
        r"aws\s+config",
        r"config(?:uration)?\s+recorders?",
        r"recorder",
        r"resource\s+inventory",
        r"configuration\s+(?:history|changes?|snapshots?|tracking|drift)",
        r"config\s+(?:changes?|history|snapshots?)",
        r"(?:record|track|log)\w*\s+(?:every\s+|all\s+)?(?:the\s+)?(?:resource\s+)?config(?:uration)?s?\b"
        r"(?:\s+changes?)?",
    ),
    "aws-wafv2-alb": (
        r"wafv?2?",
        r"web\s+acls?",
        r"web\s+application\s+firewall",
        r"geo[\s-]*block\w*",
        r"rate[\s-]*limit\w*(?=[^.]{0,60}(?:alb|load\s*balancer|#))",
    ),
    "aws-vpc-flow-logs": (
        r"flow\s*-?\s*logs?",
        r"flow\s*logging",
        r"(?:capture|record|log)\w*\s+(?:the\s+|all\s+)?(?:\w+\s+){0,2}(?:traffic|connections|packets)",
        r"network\s+traffic\s+logs?",
        r"(?:traffic|connections?|packets)\b(?=[^.]{0,50}\b(?:recorded|logged|captured)\b)",
    ),
    "aws-secretsmanager-secret": (
        r"secrets?\s*manager",
        r"secret",
        r"(?:store|keep|save|put)\w*\s+(?:the\s+|our\s+|a\s+|an\s+|my\s+)?(?:\w+[\s-]+){0,3}?"
        r"(?:passwords?|api[\s-]*keys?|tokens?|credentials?|creds)\b(?=[^.]{0,40}\b(?:aws|secrets?))",
        r"somewhere\s+safe\s+for",
    ),
    "aws-rds-instance": (
        r"rds",
        r"(?:postgres(?:ql)?|mysql|mariadb|pg)\s+(?:\w+\s+)?(?:database|db|instance)s?",
        r"relational\s+(?:database|db)s?",
        r"(?:postgres(?:ql)?|mysql|mariadb)\s+(?:\d+(?:\.\d+)?\s+)?(?:on|in)\s+(?:aws|rds|amazon)",
        r"(?:postgres(?:ql)?|mysql|mariadb)\s+(?:\d+(?:\.\d+)?\s+)?(?:called|named|server)",
        r"databases?",
        r"db\s+instances?",
    ),
    "aws-alb-https": (
        r"albs?",
        r"(?:application\s+|https\s+|internal\s+|internet[\s-]*facing\s+)?load\s*-?\s*balancers?",
        r"https?\s+lbs?",
        r"(?:internal|public|internet[\s-]*facing)\s+lbs?",
    ),
    "aws-ebs-default-encryption": (
        r"ebs",
        r"volumes?(?=[^.]{0,60}encrypt)",
        r"encrypt\w*\s+(?:all\s+|every\s+|each\s+|any\s+)?(?:the\s+)?(?:new\s+)?(?:ec2\s+)?(?:volumes?|disks?)",
        r"disks?(?=[^.]{0,60}encrypt)(?=[^.]{0,80}\bec2\b|[^.]{0,80}by\s+default)",
        r"(?:every|all|each)\s+(?:new\s+)?disks?\s+(?:attached\s+to|on|of)\s+(?:our\s+)?ec2",
    ),
    "aws-iam-password-policy": (
        r"(?:password|pwd|passwd)\s+polic(?:y|ies)",
        r"password\s+(?:rules?|requirements?|complexity|length|expiry|expiration|reuse|history|strength|age)",
        r"(?:strong|stronger|complex|long)\s+(?:console\s+|iam\s+|user\s+)?passwords?",
        r"passwords?\s+(?:must|should|need\s+to|have\s+to)\s+(?:be|expire|have|change|rotate)",
        r"(?:console|iam(?:\s+user)?)\s+passwords?",
        r"(?:min(?:imum)?)\s+password\s+length",
    ),
    "aws-s3-account-public-access-block": (
        r"bpa",
        r"public\s+access\s+block",
        r"block\s+(?:all\s+)?(?:s3\s+)?public\s+access(?=[^.]{0,60}\b(?:account|acct|org|everywhere))",
        r"(?:account|acct)[\s-]*(?:wide|level)\s+(?:s3\s+)?(?:block\s+)?public\s+access",
    ),
    "azure-storage-account": (
        r"storage\s+(?:account|acct|acount|accnt)s?",
        r"blob\s+storage",
        r"adls(?:\s*gen\s*2)?",
        r"data\s+lake\s+storage",
        r"azure\s+(?:blob|files|storage)",
    ),
    "azure-key-vault": (
        r"key\s*vaults?",
        r"keyvaults?",
        r"akv",
        r"azure\s+kv",
        r"kv",
        r"vault",
    ),
    "azure-nsg": (
        r"nsgs?",
        r"network\s+security\s+groups?",
    ),
    "gcp-gcs-bucket": (
        r"gcs",
        r"google\s+cloud\s+storage",
        r"cloud\s+storage(?:\s+buckets?)?",
        r"gcp\s+buckets?",
    ),
    "gcp-firewall-rule": (
        r"(?:vpc\s+|gcp\s+|gce\s+)?firewall(?:\s+rules?)?",
        r"fw\s+rules?",
    ),
    "gcp-kms-key": (
        r"cloud\s+kms",
        r"key\s*rings?",
        r"crypto\s*keys?",
    ),
    "k8s-default-deny-network-policy": (
        r"network\s*polic(?:y|ies)",
        r"netpols?",
        r"default[\s-]*deny",
        r"deny[\s-]*all",
        r"deny\s+(?:all\s+)?(?:ingress|egress|traffic)",
        r"isolat\w*\s+(?:the\s+)?(?:\S+\s+)?(?:namespace|ns)",
        r"deny\s+(?:everything|all)\s+(?:in\s+and\s+out|inbound\s+and\s+outbound|ingress\s+and\s+egress)",
        r"block\w*\s+(?:all\s+)?(?:pod[\s-]*to[\s-]*pod\s+|pod\s+|network\s+)?traffic"
        r"(?=[^.]{0,60}\b(?:namespace|ns|pods?)\b)",
        r"zero[\s-]*trust\s+network\w*",
    ),
    "k8s-namespace-restricted": (
        r"pod\s+security(?:\s+(?:admission|standards?|level|profile))?",
        r"psa",
        r"pss",
        r"restricted\s+(?:profile|namespaces?|ns|level|pod)",
        r"(?:hardened|locked[\s-]*down|restricted)\s+(?:k8s\s+|kubernetes\s+)?(?:namespaces?|ns)",
    ),
    "github-branch-protection": (
        r"branch\s+protection",
        r"protect(?:ed)?\s+(?:the\s+)?(?:main|master|develop|release|trunk)\b",
        r"protect\s+(?:the\s+)?\S+\s+branch",
        r"protected\s+branch",
        r"(?:direct|force)[\s-]*push(?:es|ing)?\s+(?:to|on|into)",
        r"no\s+direct\s+(?:pushes|commits)",
        r"requir\w*\s+(?:\d+\s+)?(?:pr\s+|pull\s+request\s+)?(?:approvals?|reviews?|reviewers?|approvers?)"
        r"\s+(?:before|to|for)\s+merg",
        r"code\s+review\s+(?:on|for)",
    ),
}

# Neighbouring products of another vendor, per blueprint: a message naming one asks for something outside
# the catalog even though the blueprint's generic cue matched ("Cloud SQL postgres instance", "GCP Secret
# Manager"). The blueprint's own product name ("rds", "secrets manager") overrides this.
NEAR_MISSES: Final[dict[str, tuple[str, str]]] = {
    # id: (near-miss pattern, own product name)
    "aws-rds-instance": (
        r"cloud\s+sql|azure\s+sql|sql\s+server\s+(?:database|db|instance)|cosmos\s*db|aurora"
        r"|elasticache|memorystore|dynamo\s*db|documentdb|redshift|bigquery|spanner",
        r"\brds\b",
    ),
    "aws-secretsmanager-secret": (
        r"secret\s+manager\b|parameter\s+store|ssm\s+parameter|key\s*vault|hashicorp\s+vault",
        r"secrets\s*manager|secretsmanager",
    ),
    "aws-wafv2-alb": (
        r"cloud\s+armor|front\s*door|app(?:lication)?\s+gateway|api\s+gateway|cloudfront",
        r"wafv2|web\s+acl|\balb\b|load\s*balancer|elasticloadbalancing",
    ),
    "gcp-firewall-rule": (
        r"azure\s+firewall|network\s+firewall\s+(?:policy|manager)",
        r"\bgcp\b|\bgce\b",
    ),
    "aws-alb-https": (
        r"cloudfront|front\s*door|app(?:lication)?\s+gateway|api\s+gateway",
        r"\balb\b",
    ),
    "aws-s3-private-bucket": (r"cloudfront\s+distribution", r"\bs3\b|\bbucket\b"),
}
