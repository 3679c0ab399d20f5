"""Word tables for the offline engine: regions, ports, numbers, enum synonyms and typo vocabulary.

Plain data only. ``_extract`` reads these tables; nothing here knows about messages or tool calls.
"""

from __future__ import annotations

from typing import Final

# Cardinal number words, the one table of them: ``_numbers`` parses phrases of these ("one hundred and
# eighty", "twenty-four") and rewrites them as digits before any value rule reads a message.
UNITS: Final[dict[str, int]] = {
    "zero": 0,
    "one": 1,
    "two": 2,
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
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: Final[dict[str, int]] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: Final[dict[str, int]] = {"hundred": 100, "thousand": 1000}
# Words that give a count without being a number: "a year", "no approvals", "a single reviewer".
COUNT_WORDS: Final[dict[str, int]] = {"no": 0, "a": 1, "an": 1, "single": 1, "couple": 2}
# Every word above, for rules that match one word before a unit ("a year", "three approvals").
NUMBER_WORDS: Final[dict[str, int]] = {**UNITS, **TENS, **SCALES, **COUNT_WORDS}

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
    "quarter": 90,
    "quarters": 90,
    "mo": 30,
    "mos": 30,
    "month": 30,
    "months": 30,
    "y": 365,
    "yr": 365,
    "yrs": 365,
    "year": 365,
    "years": 365,
    "decade": 3650,
    "decades": 3650,
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
    "ms sql": 1433,
    "sqlserver": 1433,
    "sql server": 1433,
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

# Place names (cities, countries, provider display names) that map to exactly one region of a cloud.
# A place missing from a cloud's table is ambiguous there (or has no region) and is left out, as the
# catalog conventions ask ("Germany" on Azure, "US east", "somewhere in Europe").
AWS_PLACES: Final[dict[str, str]] = {
    "n. virginia": "us-east-1",
    "n.virginia": "us-east-1",
    "north virginia": "us-east-1",
    "northern virginia": "us-east-1",
    "virginia": "us-east-1",
    "ohio": "us-east-2",
    "n. california": "us-west-1",
    "northern california": "us-west-1",
    "california": "us-west-1",
    "oregon": "us-west-2",
    "canada central": "ca-central-1",
    "central canada": "ca-central-1",
    "canada (central)": "ca-central-1",
    "montreal": "ca-central-1",
    "calgary": "ca-west-1",
    "ireland": "eu-west-1",
    "irish": "eu-west-1",
    "dublin": "eu-west-1",
    "london": "eu-west-2",
    "uk": "eu-west-2",
    "united kingdom": "eu-west-2",
    "england": "eu-west-2",
    "paris": "eu-west-3",
    "france": "eu-west-3",
    "frankfurt": "eu-central-1",
    "germany": "eu-central-1",
    "german": "eu-central-1",
    "zurich": "eu-central-2",
    "switzerland": "eu-central-2",
    "stockholm": "eu-north-1",
    "sweden": "eu-north-1",
    "milan": "eu-south-1",
    "italy": "eu-south-1",
    "spain": "eu-south-2",
    "madrid": "eu-south-2",
    "tokyo": "ap-northeast-1",
    "osaka": "ap-northeast-3",
    "seoul": "ap-northeast-2",
    "south korea": "ap-northeast-2",
    "korea": "ap-northeast-2",
    "singapore": "ap-southeast-1",
    "sydney": "ap-southeast-2",
    "melbourne": "ap-southeast-4",
    "jakarta": "ap-southeast-3",
    "indonesia": "ap-southeast-3",
    "mumbai": "ap-south-1",
    "hyderabad": "ap-south-2",
    "hong kong": "ap-east-1",
    "sao paulo": "sa-east-1",
    "são paulo": "sa-east-1",
    "brazil": "sa-east-1",
    "bahrain": "me-south-1",
    "uae": "me-central-1",
    "dubai": "me-central-1",
    "cape town": "af-south-1",
    "south africa": "af-south-1",
    "tel aviv": "il-central-1",
    "israel": "il-central-1",
    "mexico": "mx-central-1",
}

GCP_PLACES: Final[dict[str, str]] = {
    "belgium": "europe-west1",
    "london": "europe-west2",
    "uk": "europe-west2",
    "united kingdom": "europe-west2",
    "frankfurt": "europe-west3",
    "netherlands": "europe-west4",
    "eemshaven": "europe-west4",
    "zurich": "europe-west6",
    "switzerland": "europe-west6",
    "milan": "europe-west8",
    "paris": "europe-west9",
    "france": "europe-west9",
    "berlin": "europe-west10",
    "turin": "europe-west12",
    "finland": "europe-north1",
    "hamina": "europe-north1",
    "warsaw": "europe-central2",
    "poland": "europe-central2",
    "madrid": "europe-southwest1",
    "spain": "europe-southwest1",
    "iowa": "us-central1",
    "council bluffs": "us-central1",
    "south carolina": "us-east1",
    "n. virginia": "us-east4",
    "northern virginia": "us-east4",
    "virginia": "us-east4",
    "ohio": "us-east5",
    "columbus": "us-east5",
    "oregon": "us-west1",
    "los angeles": "us-west2",
    "salt lake city": "us-west3",
    "las vegas": "us-west4",
    "dallas": "us-south1",
    "texas": "us-south1",
    "montreal": "northamerica-northeast1",
    "toronto": "northamerica-northeast2",
    "sao paulo": "southamerica-east1",
    "são paulo": "southamerica-east1",
    "santiago": "southamerica-west1",
    "tokyo": "asia-northeast1",
    "osaka": "asia-northeast2",
    "seoul": "asia-northeast3",
    "taiwan": "asia-east1",
    "hong kong": "asia-east2",
    "singapore": "asia-southeast1",
    "jakarta": "asia-southeast2",
    "mumbai": "asia-south1",
    "delhi": "asia-south2",
    "sydney": "australia-southeast1",
    "melbourne": "australia-southeast2",
    "tel aviv": "me-west1",
    "israel": "me-west1",
    "doha": "me-central1",
    "qatar": "me-central1",
    "johannesburg": "africa-south1",
}

AZURE_PLACES: Final[dict[str, str]] = {
    "ireland": "northeurope",
    "dublin": "northeurope",
    "netherlands": "westeurope",
    "amsterdam": "westeurope",
    "london": "uksouth",
    "cardiff": "ukwest",
    "paris": "francecentral",
    "frankfurt": "germanywestcentral",
    "zurich": "switzerlandnorth",
    "geneva": "switzerlandwest",
    "stockholm": "swedencentral",
    "sweden": "swedencentral",
    "gavle": "swedencentral",
    "oslo": "norwayeast",
    "norway": "norwayeast",
    "warsaw": "polandcentral",
    "poland": "polandcentral",
    "milan": "italynorth",
    "italy": "italynorth",
    "madrid": "spaincentral",
    "spain": "spaincentral",
    "tokyo": "japaneast",
    "osaka": "japanwest",
    "seoul": "koreacentral",
    "singapore": "southeastasia",
    "hong kong": "eastasia",
    "sydney": "australiaeast",
    "melbourne": "australiasoutheast",
    "pune": "centralindia",
    "chennai": "southindia",
    "toronto": "canadacentral",
    "quebec": "canadaeast",
    "sao paulo": "brazilsouth",
    "são paulo": "brazilsouth",
    "dubai": "uaenorth",
    "johannesburg": "southafricanorth",
    "doha": "qatarcentral",
    "qatar": "qatarcentral",
    "tel aviv": "israelcentral",
    "israel": "israelcentral",
    "iowa": "centralus",
    "texas": "southcentralus",
    "washington": "westus2",
    "arizona": "westus3",
    "california": "westus",
    "chicago": "northcentralus",
    "illinois": "northcentralus",
    "wyoming": "westcentralus",
}

PLACE_REGIONS: Final[dict[str, dict[str, str]]] = {
    place: {
        cloud: table[place]
        for cloud, table in (("aws", AWS_PLACES), ("gcp", GCP_PLACES), ("azure", AZURE_PLACES))
        if place in table
    }
    for place in {**AWS_PLACES, **GCP_PLACES, **AZURE_PLACES}
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
        (
            r"write[\s-]*only|write\s+access|can\s+write|to\s+write|writes?\s+to|write\s+to|\bwriting\s+to\b",
            "write",
        ),
        (
            r"read[\s-]*only|read\s+access|can\s+read|to\s+read|reads?\s+from|\breads?\b|\breading\b|\bro\b",
            "read",
        ),
    ),
    "finding_frequency": (
        (
            r"15\s*-?\s*min(?:ute)?s?|fifteen\s+min(?:ute)?s?|quarter[\s-]+(?:of\s+an\s+)?hour"
            r"|most\s+frequent\w*|as\s+often\s+as\s+possible|fastest|shortest\s+interval",
            "FIFTEEN_MINUTES",
        ),
        (r"6\s*-?\s*h(?:ou)?rs?\b|six\s+hours|every\s+6\b", "SIX_HOURS"),
        (r"hourly|every\s+hour|1\s*-?\s*h(?:ou)?r\b|one\s+hour|an\s+hour", "ONE_HOUR"),
    ),
    "destination": (
        (r"cloud\s*watch|\bcw\b|log\s+group", "cloudwatch"),
        (r"\bs3\b|\bbucket\b", "s3"),
    ),
    "traffic_type": (
        (
            r"\ball\s+(?:network\s+)?traffic\b|\bALL\b|accept\w*\s+(?:and|&|\+|/)\s+reject\w*"
            r"|reject\w*\s+(?:and|&|\+|/)\s+accept\w*|\beverything\b",
            "ALL",
        ),
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

# Hyphenated words that state a setting, never a name: "geo-redundant", "read-only", "multi-az".
SETTING_WORD: Final[str] = (
    r"(?:geo|zone|locally)[-_]redundant|read[-_](?:only|write)|write[-_]only|(?:multi|single)[-_](?:az|region)"
    r"|(?:internet|public)[-_]facing|default[-_]deny|deny[-_]all|cross[-_]region|(?:org|account|region)"
    r"[-_](?:wide|level)|non[-_]root|least[-_]privilege|high[-_]availability|self[-_]signed|end[-_]to[-_]end"
)

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
    project projects product products protected request requests instances lambda limit
    fargate kubernetes postgres mysql mariadb retention rotation resources global location
    location region regions enable encryption approval approvals reviews reviewer signed
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
    unless until while because since though although whether once again ever never always already
    still yet soon now today tomorrow later first last next then else instead rather really very
    quite just even maybe perhaps probably actually basically also please kindly asap urgent
    something anything everything nothing someone anyone everyone nobody somewhere anywhere
    everywhere nowhere me us we you i he she they him her his hers ours yours theirs mine itself
    make made sure ensure able like want wanted would could should need needs necessary required
    require requires requiring enforce enforced enforcing apply applied applying put set go goes
    going get gets got give given let lets done doing do does did have has had having be being
    been keep kept stay stays hold holds allowed allowing deny denied denying block blocked
    blocking include including includes included exclude excluding more less most least much many
    few lot lots one ones two both each either neither other others own same such what which
    """.split()
)

# The parameters ``catalog.md`` lists for each blueprint: the ones users talk about. A shipped blueprint may
# take more (a KMS key's ``region``, an ALB's ``target_port``); those are filled only when the message names
# them, so "a key for the app in eu-west-1" does not turn a place word into a parameter the user did not ask
# to set on that blueprint.
CATALOG_PARAMS_BY_ID: Final[dict[str, frozenset[str]]] = {
    bid: frozenset(names.split())
    for bid, names in {
        "aws-s3-private-bucket": "bucket_name region retention_days kms_key_arn versioning object_lock "
        "access_log_bucket read_principals",
        "aws-kms-key": "alias description admin_principals user_principals deletion_window_days "
        "multi_region",
        "aws-security-group": "name vpc_id ports cidrs protocol description egress_cidrs",
        "aws-iam-role": "role_name service resource_arns access_level actions permissions_boundary_arn",
        "aws-cloudtrail": "trail_name bucket_name region retention_days organization_trail",
        "aws-guardduty": "region finding_frequency alert_email s3_protection eks_protection "
        "malware_protection",
        "aws-securityhub": "region standards",
        "aws-config-recorder": "bucket_name region include_global_resources",
        "aws-wafv2-alb": "acl_name alb_arn rate_limit managed_rule_groups blocked_countries",
        "aws-vpc-flow-logs": "vpc_id destination retention_days traffic_type",
        "aws-secretsmanager-secret": "secret_name rotation_days rotation_lambda_arn kms_key_arn",
        "aws-rds-instance": "identifier engine instance_class subnet_ids allowed_security_group_ids "
        "backup_retention_days multi_az",
        "aws-alb-https": "name vpc_id subnet_ids certificate_arn cidrs internal waf_acl_arn",
        "aws-ebs-default-encryption": "region kms_key_arn",
        "aws-iam-password-policy": "min_length max_age_days reuse_prevention",
        "aws-s3-account-public-access-block": "",
        "azure-storage-account": "name resource_group location cidrs replication "
        "private_endpoint_subnet_id",
        "azure-key-vault": "name resource_group location cidrs soft_delete_retention_days "
        "private_endpoint_subnet_id",
        "azure-nsg": "name resource_group location ports cidrs protocol",
        "gcp-gcs-bucket": "bucket_name project location retention_days kms_key_name",
        "gcp-firewall-rule": "name network project ports cidrs protocol target_tags",
        "gcp-kms-key": "key_ring key_name project location rotation_days",
        "k8s-default-deny-network-policy": "namespace allow_dns_egress",
        "k8s-namespace-restricted": "namespace",
        "github-branch-protection": "repository branch required_approvals require_code_owner_reviews "
        "require_signed_commits",
    }.items()
}

# Country names people write when geo-blocking, to ISO 3166 alpha-2 codes (the WAF's spelling).
COUNTRIES: Final[dict[str, str]] = {
    "russia": "RU",
    "russian federation": "RU",
    "china": "CN",
    "north korea": "KP",
    "dprk": "KP",
    "iran": "IR",
    "syria": "SY",
    "cuba": "CU",
    "belarus": "BY",
    "venezuela": "VE",
    "myanmar": "MM",
    "afghanistan": "AF",
    "iraq": "IQ",
    "libya": "LY",
    "sudan": "SD",
    "somalia": "SO",
    "yemen": "YE",
    "nigeria": "NG",
    "pakistan": "PK",
    "vietnam": "VN",
    "brazil": "BR",
    "india": "IN",
    "indonesia": "ID",
    "ukraine": "UA",
    "turkey": "TR",
    "romania": "RO",
    "united states": "US",
    "usa": "US",
    "canada": "CA",
    "germany": "DE",
    "france": "FR",
    "netherlands": "NL",
    "hong kong": "HK",
}
