"""``palisade validate -``: pasted code on standard input, findings with file:line and fixed snippets.

The first test runs the installed command in a subprocess with a real pipe; the others run it in-process.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from palisade.channels.cli import cli
from tests.helpers import run_cli

PASTED_TF = b"""# is this secure?
resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "bastion"

  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_kms_key" "data" {
  description = "data"
}
"""

PASTED_YAML = b"""apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    pod-security.kubernetes.io/enforce: privileged
"""


def test_pasted_terraform_gets_lines_and_fixed_snippets() -> None:
    result = run_cli("validate", "-", "--json", stdin=PASTED_TF)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    by_id = {f["check_id"]: f for f in report["failed"]}
    assert {f["file"] for f in report["failed"]} == {"<stdin>"}
    assert by_id["CKV_AWS_24"]["line"] == 2 and by_id["PAL_WORLD_INGRESS"]["line"] == 2
    assert by_id["CKV_AWS_7"]["line"] == 15 and by_id["PAL_KMS_ROTATION"]["line"] == 15
    ingress_fix = by_id["PAL_WORLD_INGRESS"]["fix_snippet"]
    assert "var.allowed_source_cidrs" in ingress_fix and '"0.0.0.0/0"]' not in ingress_fix
    assert by_id["CKV_AWS_24"]["fix_snippet"] == ingress_fix
    assert "enable_key_rotation = true" in by_id["PAL_KMS_ROTATION"]["fix_snippet"]


def test_pasted_manifest_and_a_file_are_printed_for_people(tmp_path: Path) -> None:
    """Standard input holding a manifest is read as YAML; the text output shows file:line and the fix."""
    main = tmp_path / "main.tf"
    main.write_bytes(PASTED_TF)
    result = CliRunner().invoke(cli, ["validate", "-", str(main)], input=PASTED_YAML)
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "<stdin>:1: FAILED PAL_K8S_PSA_RESTRICTED (high) Namespace.legacy" in out
    assert "fix: Label the namespace pod-security.kubernetes.io/enforce: restricted." in out
    assert f"{main}:2: FAILED PAL_WORLD_INGRESS (high) aws_security_group.bastion" in out
    assert (
        f"# --- fixed aws_security_group.bastion ({main}:2): CKV_AWS_24, PAL_WORLD_INGRESS" in out
    )
    fixed = out[out.index("# --- fixed aws_security_group.bastion") :]
    assert "    cidr_blocks = var.allowed_source_cidrs\n" in fixed  # copyable as printed
    assert f"# --- fixed aws_kms_key.data ({main}:15)" in out


def test_unusable_standard_input_exits_2() -> None:
    runner = CliRunner()
    twice = runner.invoke(cli, ["validate", "-", "-"], input=PASTED_TF)
    assert twice.exit_code == 2 and "only once" in twice.stderr
    latin1 = runner.invoke(cli, ["validate", "-"], input="caf\xe9".encode("latin-1"))
    assert latin1.exit_code == 2 and "not valid UTF-8" in latin1.stderr
    broken = runner.invoke(
        cli, ["validate", "-"], input=b'resource "aws_s3_bucket" "b" {\n  bucket = \n'
    )
    assert broken.exit_code == 2 and "<stdin> could not be parsed" in broken.stderr
