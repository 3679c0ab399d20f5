"""Word tables for the offline engine: regions, ports, numbers, enum synonyms and typo vocabulary.

Plain data only. ``_extract`` reads these tables; nothing here knows about messages or tool calls.
"""

from __future__ import annotations

from typing import Final

NUMBER_WORDS: Final[dict[str, int]] = {
    "zero": 0,
    "no": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "couple": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
}

# Days per unit: 30-day months and 365-day years, as the catalog conventions say.
UNIT_DAYS: Final[dict[str, int]] = {
    "d": 1,
    "day": 1,
    "days": 1,
    "w": 7,
    "wk": 7,
    "wks": 7,
    "week": 7,
    "weeks": 7,
    "fortnight": 14,
    "fortnights": 14,
    "mo": 30,
    "mos": 30,
    "month": 30,
    "months": 30,
    "y": 365,
    "yr": 365,
    "yrs": 365,
    "year": 365,
    "years": 365,
}

ADVERB_DAYS: Final[dict[str, int]] = {
    "daily": 1,
    "weekly": 7,
    "biweekly": 14,
    "fortnightly": 14,
    "monthly": 30,
    "quarterly": 90,
    "yearly": 365,
    "annually": 365,
}

NAMED_PORTS: Final[dict[str, int]] = {
    "ssh": 22,
    "sftp": 22,
    "ftp": 21,
    "telnet": 23,
    "smtp": 25,
    "dns": 53,
    "http": 80,
    "ntp": 123,
    "snmp": 161,
    "ldap": 389,
    "https": 443,
    "tls": 443,
    "smb": 445,
    "smtps": 465,
    "submission": 587,
    "ldaps": 636,
    "imaps": 993,
    "mssql": 1433,
    "sqlserver": 1433,
    "oracle": 1521,
    "mqtt": 1883,
    "nfs": 2049,
    "etcd": 2379,
    "mysql": 3306,
    "mariadb": 3306,
    "aurora": 3306,
    "rdp": 3389,
    "postgres": 5432,
    "postgresql": 5432,
    "psql": 5432,
    "amqp": 5672,
    "rabbitmq": 5672,
    "vnc": 5900,
    "winrm": 5986,
    "redis": 6379,
    "kube-apiserver": 6443,
    "mqtts": 8883,
    "cassandra": 9042,
    "kafka": 9092,
    "prometheus": 9090,
    "elasticsearch": 9200,
    "opensearch": 9200,
    "kubelet": 10250,
    "memcached": 11211,
    "mongodb": 27017,
    "mongo": 27017,
}

AWS_REGIONS: Final[tuple[str, ...]] = (
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "ca-west-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-south-1",
    "ap-south-2",
    "ap-east-1",
    "sa-east-1",
    "me-south-1",
    "me-central-1",
    "af-south-1",
    "il-central-1",
    "mx-central-1",
    "us-gov-west-1",
    "us-gov-east-1",
)

AZURE_LOCATIONS: Final[tuple[str, ...]] = (
    "eastus",
    "eastus2",
    "westus",
    "westus2",
    "westus3",
    "centralus",
    "northcentralus",
    "southcentralus",
    "westcentralus",
    "canadacentral",
    "canadaeast",
    "brazilsouth",
    "northeurope",
    "westeurope",
    "uksouth",
    "ukwest",
    "francecentral",
    "germanywestcentral",
    "swedencentral",
    "switzerlandnorth",
    "norwayeast",
    "polandcentral",
    "italynorth",
    "spaincentral",
    "japaneast",
    "japanwest",
    "koreacentral",
    "australiaeast",
    "australiasoutheast",
    "southeastasia",
    "eastasia",
    "centralindia",
    "southindia",
    "uaenorth",
    "southafricanorth",
    "qatarcentral",
    "israelcentral",
)

GCP_MULTI_REGIONS: Final[dict[str, str]] = {"eu": "EU", "us": "US", "asia": "ASIA"}

# Place names that map to exactly one region per cloud ("aws", "azure", "gcp"); a cloud missing from an
# entry means the word is ambiguous there and the region is left out.
PLACE_REGIONS: Final[dict[str, dict[str, str]]] = {
    "ireland": {"aws": "eu-west-1", "gcp": "europe-west1"},
    "dublin": {"aws": "eu-west-1"},
    "frankfurt": {"aws": "eu-central-1", "gcp": "europe-west3", "azure": "germanywestcentral"},
    "london": {"aws": "eu-west-2", "gcp": "europe-west2", "azure": "uksouth"},
    "paris": {"aws": "eu-west-3", "gcp": "europe-west9", "azure": "francecentral"},
    "stockholm": {"aws": "eu-north-1"},
    "milan": {"aws": "eu-south-1", "gcp": "europe-west8", "azure": "italynorth"},
    "zurich": {"aws": "eu-central-2", "gcp": "europe-west6", "azure": "switzerlandnorth"},
    "spain": {"aws": "eu-south-2", "azure": "spaincentral"},
    "madrid": {"aws": "eu-south-2", "gcp": "europe-southwest1", "azure": "spaincentral"},
    "belgium": {"gcp": "europe-west1"},
    "netherlands": {"gcp": "europe-west4", "azure": "westeurope"},
    "finland": {"gcp": "europe-north1"},
    "warsaw": {"gcp": "europe-central2", "azure": "polandcentral"},
    "tokyo": {"aws": "ap-northeast-1", "gcp": "asia-northeast1", "azure": "japaneast"},
    "osaka": {"aws": "ap-northeast-3", "gcp": "asia-northeast2", "azure": "japanwest"},
    "seoul": {"aws": "ap-northeast-2", "gcp": "asia-northeast3", "azure": "koreacentral"},
    "singapore": {"aws": "ap-southeast-1", "gcp": "asia-southeast1", "azure": "southeastasia"},
    "sydney": {"aws": "ap-southeast-2", "gcp": "australia-southeast1", "azure": "australiaeast"},
    "melbourne": {"aws": "ap-southeast-4", "gcp": "australia-southeast2"},
    "jakarta": {"aws": "ap-southeast-3", "gcp": "asia-southeast2"},
    "mumbai": {"aws": "ap-south-1", "gcp": "asia-south1"},
    "hyderabad": {"aws": "ap-south-2"},
    "hong kong": {"aws": "ap-east-1", "gcp": "asia-east2", "azure": "eastasia"},
    "taiwan": {"gcp": "asia-east1"},
    "sao paulo": {"aws": "sa-east-1", "gcp": "southamerica-east1", "azure": "brazilsouth"},
    "são paulo": {"aws": "sa-east-1", "gcp": "southamerica-east1", "azure": "brazilsouth"},
    "bahrain": {"aws": "me-south-1"},
    "cape town": {"aws": "af-south-1"},
    "montreal": {"aws": "ca-central-1", "gcp": "northamerica-northeast1"},
    "toronto": {"gcp": "northamerica-northeast2", "azure": "canadacentral"},
    "calgary": {"aws": "ca-west-1"},
    "oregon": {"aws": "us-west-2", "gcp": "us-west1"},
    "n. virginia": {"aws": "us-east-1"},
    "northern virginia": {"aws": "us-east-1", "gcp": "us-east4"},
    "virginia": {"aws": "us-east-1"},
    "ohio": {"aws": "us-east-2", "gcp": "us-east5"},
    "n. california": {"aws": "us-west-1"},
    "northern california": {"aws": "us-west-1"},
    "iowa": {"gcp": "us-central1", "azure": "centralus"},
    "south carolina": {"gcp": "us-east1"},
    "las vegas": {"gcp": "us-west4"},
    "los angeles": {"gcp": "us-west2"},
    "salt lake city": {"gcp": "us-west3"},
    "dallas": {"gcp": "us-south1"},
    "tel aviv": {"aws": "il-central-1", "gcp": "me-west1", "azure": "israelcentral"},
}

# Enum synonyms keyed by catalog parameter name: (regex, catalog value). The generic extractor also matches
# each choice as written in the catalog.
ENUM_SYNONYMS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "service": (
        (r"fargate|ecs[\s-]*tasks?|ecs|task\s+role|container\s+task", "ecs-tasks"),
        (r"lambda|serverless\s+function", "lambda"),
        (r"ec2|instance\s+role|instance\s+profile|virtual\s+machine|vm", "ec2"),
    ),
    "access_level": (
        (
            r"read[\s/-]*(?:and|&|\+|/)?[\s-]*write|read[\s-]*write|\brw\b|full\s+access",
            "read-write",
        ),
        (r"write[\s-]*only|write\s+access|can\s+write|to\s+write|writes?\s+to|write\s+to", "write"),
        (r"read[\s-]*only|read\s+access|can\s+read|to\s+read|reads?\s+from|\bread\b", "read"),
    ),
    "finding_frequency": (
        (r"15\s*min(?:ute)?s?|fifteen\s+min(?:ute)?s?|quarter[\s-]+hour", "FIFTEEN_MINUTES"),
        (r"6\s*h(?:ou)?rs?|six\s+hours|every\s+6\b", "SIX_HOURS"),
        (r"hourly|every\s+hour|1\s*h(?:ou)?r\b|one\s+hour|an\s+hour", "ONE_HOUR"),
    ),
    "destination": (
        (r"cloud\s*watch|\bcw\b|log\s+group", "cloudwatch"),
        (r"\bs3\b|\bbucket\b", "s3"),
    ),
    "traffic_type": (
        (r"\ball\s+traffic\b|\bALL\b|both\s+accepted\s+and\s+rejected", "ALL"),
        (r"reject(?:ed|s|ions)?\b|denied|dropped|blocked\s+traffic", "REJECT"),
        (r"accept(?:ed|s)?\b|allowed\s+traffic", "ACCEPT"),
    ),
    "engine": (
        (r"postgres(?:ql)?|\bpg\b|psql", "postgres"),
        (r"mariadb|maria\s+db", "mariadb"),
        (r"mysql", "mysql"),
    ),
    "replication": (
        (r"zone[\s-]*redundan\w*|\bzrs\b", "ZRS"),
        (r"geo[\s-]*redundan\w*|\bgrs\b", "GRS"),
        (r"locally[\s-]*redundan\w*|\blrs\b", "LRS"),
    ),
    "standards": (
        (r"\bcis\b", "cis-aws-foundations"),
        (
            r"\bfsbp\b|foundational\s+(?:security\s+)?best\s+practices?",
            "aws-foundational-best-practices",
        ),
        (r"\bpci\b|pci[\s-]*dss", "pci-dss"),
        (r"\bnist\b|800[\s-]*53", "nist-800-53"),
    ),
    "protocol": ((r"\btcp\b", "tcp"), (r"\budp\b", "udp"), (r"\bicmp\b", "icmp")),
}

# Words the typo fixer may correct towards (a misspelt token within one edit of one of these becomes it).
VOCABULARY: Final[frozenset[str]] = frozenset(
    """
    account accounts alias allow approvals balancer block bucket buckets cloudtrail cloudwatch config
    create database default deletion delete enable encrypt encrypted encryption firewall guardduty
    hourly identifier instance lifecycle logging malware manager namespace namespaces network policy
    private protection public recorder region resource restricted retention rotate rotation secret
    secrets security storage versioning vault window protect signed commits replication redundant
    subnet subnets retain expire minimum length password passwords traffic rejected accepted
    certificate service services multi standards foundational benchmark branch repository
    project projects product products protected request requests instances
    """.split()
)

STOPWORDS: Final[frozenset[str]] = frozenset(
    """
    a an the my our your their its this that these those it them is are be been was were am will would
    should must can could may might shall do does did to for from in on at by with without of off into
    onto via per and or nor but so if then than as also too only just please pls plz thanks thank hi
    hello hey all any some every each both either no not new existing old same other another which
    who whom whose what when where why how there here allow allowing allowed open opening enable
    enabled disable disabled turn set setup create make need needs needed want wants get give add use
    using used keep keeping called named name with private public internal external encrypted secure
    default only where that rule rules access read write same prod dev staging team service app
    """.split()
)
