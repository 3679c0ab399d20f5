"""MaliciousURLs: look-alikes, disguises and active schemes blocked; everyday documentation links pass."""

from __future__ import annotations

import pytest

from palisade.guard.base import ScanResult
from palisade.guard.scanners.malicious_urls import MaliciousURLsScanner, url_risk

ZW = "\u200b"


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://g\u0456thub.com/login", id="cyrillic-i"),
        pytest.param("https://xn--gthub-n4a.com/", id="punycode"),
        pytest.param("https://\u0430\u0440\u0440\u04cf\u0435.com/", id="all-cyrillic-apple"),
        pytest.param("https://g1thub.com/acme", id="digit-swap"),
        pytest.param("https://rnicrosoft.com/", id="rn-for-m"),
        pytest.param("https://githib.com/acme", id="one-letter-off"),
        pytest.param("https://terrafrom.io/", id="transposition"),
        pytest.param("https://github.com.evil.io/login", id="brand-as-subdomain"),
        pytest.param("https://login-microsoft.com/", id="brand-in-name"),
        pytest.param("https://github.com@evil.io/", id="domain-as-userinfo"),
        pytest.param("https://admin:hunter2@example.org/", id="credentials"),
        pytest.param("http://3232235777/", id="decimal-ip"),
        pytest.param("http://0x7f.0.0.1/", id="hex-ip"),
        pytest.param("javascript:alert(document.cookie)", id="javascript"),
        pytest.param("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", id="data-html"),
    ],
)
def test_blocked(url: str) -> None:
    result = MaliciousURLsScanner().scan(f"See {url} for details.")
    assert result.outcome == "blocked", url_risk(url)
    assert result.risk >= 0.7


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/acme/infra",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs",
        "https://learn.microsoft.com/en-us/azure/key-vault/",
        "https://portal.azure.com/#home",
        "https://console.cloud.google.com/storage",
        "https://storage.googleapis.com/bucket/object",
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
        "https://owasp.org/www-project-top-ten/",
        "https://www.checkov.io/5.Policy%20Index/terraform.html",
        "http://localhost:8000/docs",
        "http://127.0.0.1:8080/healthz",
        "http://10.0.0.12:9090/metrics",
        "https://en.wikipedia.org/wiki/Amazon_S3",
        "https://amazon.co.uk/",
    ],
)
def test_everyday_links_pass(url: str) -> None:
    text = f"Read {url}."
    result = MaliciousURLsScanner().scan(text)
    assert result == ScanResult("MaliciousURLs", text, "pass", 0.0, elapsed_ms=result.elapsed_ms)
    assert url_risk(url)[0] == 0.0


@pytest.mark.parametrize(
    ("url", "risk"),
    [
        pytest.param("https://bit.ly/3abcd", 0.4, id="shortener"),
        pytest.param("https://example.zip/x", 0.4, id="suspicious-tld"),
        pytest.param("http://169.254.169.254/latest/meta-data/", 0.5, id="metadata-ip"),
        pytest.param("https://files.example.com/setup.exe", 0.5, id="executable"),
        pytest.param("https://8.8.8.8/", 0.6, id="public-ip"),
    ],
)
def test_weak_signals_alone_do_not_block(url: str, risk: float) -> None:
    assert url_risk(url)[0] == risk
    assert MaliciousURLsScanner().scan(url).outcome == "pass"
    assert MaliciousURLsScanner(threshold=0.3).scan(url).outcome == "blocked"


def test_zero_width_inside_a_url_is_seen_through() -> None:
    text = f"open https://git{ZW}hub.com.ev{ZW}il.io/login now"
    result = MaliciousURLsScanner().scan(text)
    assert result.outcome == "blocked"
    (detection,) = result.detections
    assert text[detection.start : detection.end] == f"https://git{ZW}hub.com.ev{ZW}il.io/login"


def test_markdown_link_text_naming_another_domain() -> None:
    result = MaliciousURLsScanner().scan("Sign in at [github.com](https://evil.example.net/login).")
    assert result.outcome == "blocked"
    assert "link text shows github.com" in result.reason
    ok = MaliciousURLsScanner().scan("Use [testssl.sh](https://github.com/drwetter/testssl.sh).")
    assert ok.outcome == "pass"


def test_allowed_domains_skip_host_checks() -> None:
    assert (
        MaliciousURLsScanner(allowed_domains=["corp.zip"]).scan("https://wiki.corp.zip/").outcome
        == "pass"
    )


def test_bad_threshold() -> None:
    with pytest.raises(ValueError, match="threshold"):
        MaliciousURLsScanner(threshold=1.5)
