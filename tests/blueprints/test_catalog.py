"""Loading the catalog: built-ins, organisation folders, broken blueprints, lookups."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import palisade.blueprints as blueprints
from palisade.blueprints import Catalog, missing_params, render_blueprint, resource_name
from palisade.blueprints.catalog import BUILTIN_DIR, CatalogLoadError
from palisade.errors import BlueprintError, BlueprintInputError, UnknownBlueprintError

# Every folder in the package's data directory is a built-in blueprint, and every id is a catalog id.
BUILTIN_IDS = sorted(p.name for p in BUILTIN_DIR.iterdir() if (p / "blueprint.yaml").exists())


def test_exports_are_sorted_and_complete() -> None:
    assert blueprints.__all__ == sorted(blueprints.__all__)
    for name in blueprints.__all__:
        assert hasattr(blueprints, name)


def test_builtins_load() -> None:
    catalog = Catalog.load()
    assert catalog.ids() == BUILTIN_IDS
    assert len(catalog) == len(BUILTIN_IDS)
    assert [bp.id for bp in catalog] == BUILTIN_IDS
    assert {"aws-iam-role", "aws-s3-private-bucket", "aws-security-group"} <= set(catalog.ids())
    summary = next(s for s in catalog.summaries() if s["id"] == "aws-s3-private-bucket")
    assert summary["id"] == "aws-s3-private-bucket"
    assert summary["name_param"] == "bucket_name"
    assert "s3" in summary["keywords"]
    assert {p["name"] for p in summary["params"]} >= {
        "bucket_name",
        "region",
        "retention_days",
        "kms_key_arn",
        "versioning",
        "object_lock",
        "access_log_bucket",
        "read_principals",
    }


def test_catalog_parameter_names_are_present() -> None:
    catalog = Catalog.load()
    expected = {
        "aws-security-group": {
            "name",
            "vpc_id",
            "ports",
            "cidrs",
            "protocol",
            "description",
            "egress_cidrs",
        },
        "aws-iam-role": {
            "role_name",
            "service",
            "resource_arns",
            "access_level",
            "actions",
            "permissions_boundary_arn",
        },
    }
    for blueprint_id, names in expected.items():
        assert names <= {p.name for p in catalog.get(blueprint_id).params}
    required = {p.name for p in catalog.get("aws-iam-role").params if p.required}
    assert required == {"role_name", "service", "resource_arns"}


def test_unknown_blueprint_suggests_close_ids() -> None:
    with pytest.raises(UnknownBlueprintError) as info:
        Catalog.load().get("aws-s3-bucket")
    assert info.value.suggestions[0] == "aws-s3-private-bucket"
    assert "Did you mean: aws-s3-private-bucket" in str(info.value)


def _copy_builtin(tmp_path: Path, blueprint_id: str, new_id: str) -> Path:
    target = tmp_path / "org" / new_id
    shutil.copytree(BUILTIN_DIR / blueprint_id, target)
    meta = target / "blueprint.yaml"
    meta.write_text(meta.read_text().replace(f"id: {blueprint_id}", f"id: {new_id}", 1))
    return target


def test_organisation_blueprints_are_added(tmp_path: Path) -> None:
    _copy_builtin(tmp_path, "aws-security-group", "acme-security-group")
    catalog = Catalog.load(extra_dir=tmp_path / "org")
    assert catalog.ids() == sorted([*BUILTIN_IDS, "acme-security-group"])


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda d: (d / "blueprint.yaml").write_text("id: [unclosed\n"), "cannot read YAML"),
        (lambda d: (d / "blueprint.yaml").unlink(), "no blueprint.yaml"),
        (
            lambda d: (d / "blueprint.yaml").write_text(
                (d / "blueprint.yaml").read_text().replace("type: vpc_id", "type: vpc_identifier")
            ),
            "unknown parameter type 'vpc_identifier'",
        ),
        (
            lambda d: (d / "blueprint.yaml").write_text(
                (d / "blueprint.yaml").read_text().replace("name_param: name", "name_param: nom")
            ),
            "name_param 'nom'",
        ),
        (lambda d: (d / "main.tf.j2").write_text("{% if %}"), "template error"),
        (
            lambda d: (d / "main.tf.j2").write_text('{% include "missing.tf.j2" %}\n'),
            "missing.tf.j2",
        ),
        (lambda d: [t.unlink() for t in d.glob("*.j2")], "no *.j2 templates"),
        (
            lambda d: (d / "blueprint.yaml").write_text(
                (d / "blueprint.yaml").read_text().replace("ports: [22]", "ports: [99999]")
            ),
            "example 2 is invalid",
        ),
        (
            lambda d: (d / "blueprint.yaml").write_text(
                (d / "blueprint.yaml").read_text() + "surprise: true\n"
            ),
            "surprise: Extra inputs are not permitted",
        ),
    ],
    ids=[
        "bad-yaml",
        "no-yaml",
        "unknown-type",
        "bad-name-param",
        "bad-template",
        "missing-included-template",
        "no-templates",
        "bad-example",
        "extra-key",
    ],
)
def test_a_broken_blueprint_is_refused_naming_the_file(
    tmp_path: Path, breakage: Callable[[Path], object], expected: str
) -> None:
    folder = _copy_builtin(tmp_path, "aws-security-group", "acme-sg")
    breakage(folder)
    with pytest.raises(BlueprintError) as info:
        Catalog.load(extra_dir=tmp_path / "org")
    assert "acme-sg" in str(info.value)
    assert expected in str(info.value)


def test_a_built_in_id_is_refused_without_override(tmp_path: Path) -> None:
    _copy_builtin(tmp_path, "aws-iam-role", "aws-iam-role")
    with pytest.raises(CatalogLoadError) as info:
        Catalog.load(extra_dir=tmp_path / "org")
    (problem,) = info.value.problems
    assert problem.path == tmp_path / "org" / "aws-iam-role" / "blueprint.yaml"
    assert "already a built-in blueprint" in problem.message
    assert "override: true" in str(info.value)


def test_override_replaces_the_built_in_on_purpose(tmp_path: Path) -> None:
    folder = _copy_builtin(tmp_path, "aws-iam-role", "aws-iam-role")
    meta = folder / "blueprint.yaml"
    meta.write_text(
        meta.read_text().replace("title: ", "override: true\ntitle: Acme ", 1), encoding="utf-8"
    )
    catalog = Catalog.load(extra_dir=tmp_path / "org")
    assert catalog.ids() == BUILTIN_IDS
    assert catalog.get("aws-iam-role").source_dir == folder
    assert catalog.get("aws-iam-role").title.startswith("Acme ")


def test_override_without_a_built_in_is_a_problem(tmp_path: Path) -> None:
    folder = _copy_builtin(tmp_path, "aws-iam-role", "aws-iam-rol")
    meta = folder / "blueprint.yaml"
    meta.write_text("override: true\n" + meta.read_text(), encoding="utf-8")
    with pytest.raises(CatalogLoadError, match="no built-in blueprint 'aws-iam-rol'"):
        Catalog.load(extra_dir=tmp_path / "org")


def test_id_must_match_folder(tmp_path: Path) -> None:
    folder = _copy_builtin(tmp_path, "aws-iam-role", "acme-role")
    (folder / "blueprint.yaml").write_text(
        (folder / "blueprint.yaml").read_text().replace("id: acme-role", "id: other-role")
    )
    with pytest.raises(BlueprintError, match="must match its folder name"):
        Catalog.load(extra_dir=tmp_path / "org")


def test_missing_extra_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BlueprintError, match="does not exist"):
        Catalog.load(extra_dir=tmp_path / "nope")


def test_missing_params_and_resource_name() -> None:
    bp = Catalog.load().get("aws-security-group")
    missing = missing_params(bp, {"name": "web", "ports": [443], "cidrs": []})
    assert [p.name for p in missing] == ["vpc_id", "cidrs"]
    assert missing[0].question
    assert resource_name(bp, {"name": "web-ingress"}) == "web-ingress"
    with pytest.raises(BlueprintInputError):
        resource_name(bp, {})


def test_render_refuses_invalid_values_before_rendering() -> None:
    bp = Catalog.load().get("aws-s3-private-bucket")
    with pytest.raises(BlueprintInputError) as info:
        render_blueprint(bp, {"bucket_name": "Bad_Name"})
    assert info.value.problems[0].suggestion == "bad-name"


def _org_folder(tmp_path: Path) -> Path:
    """One good organisation blueprint and five broken ones, each broken in a different way."""
    _copy_builtin(tmp_path, "aws-security-group", "acme-sg")
    bad_yaml = _copy_builtin(tmp_path, "aws-kms-key", "acme-bad-yaml")
    (bad_yaml / "blueprint.yaml").write_text("id: acme-bad-yaml\ntitle: [unclosed\n")
    bad_type = _copy_builtin(tmp_path, "aws-security-group", "acme-bad-type")
    meta = bad_type / "blueprint.yaml"
    meta.write_text(meta.read_text().replace("type: port_list", "type: ports", 1))
    bad_template = _copy_builtin(tmp_path, "aws-kms-key", "acme-bad-template")
    (bad_template / "main.tf.j2").write_text('resource "x" "y" {\n{% for %}\n}\n')
    no_template = _copy_builtin(tmp_path, "aws-kms-key", "acme-no-template")
    for template in no_template.glob("*.j2"):
        template.unlink()
    _copy_builtin(tmp_path, "aws-iam-role", "aws-iam-role")  # shadows a built-in, no override
    return tmp_path / "org"


def test_every_broken_blueprint_is_reported_with_its_file(tmp_path: Path) -> None:
    org = _org_folder(tmp_path)
    with pytest.raises(CatalogLoadError) as info:
        Catalog.load(extra_dir=org)
    by_blueprint = {p.blueprint: p for p in info.value.problems}
    assert set(by_blueprint) == {
        "acme-bad-yaml",
        "acme-bad-type",
        "acme-bad-template",
        "acme-no-template",
        "aws-iam-role",
    }
    assert by_blueprint["acme-bad-yaml"].path == org / "acme-bad-yaml" / "blueprint.yaml"
    assert "cannot read YAML" in by_blueprint["acme-bad-yaml"].message
    assert "unknown parameter type 'ports'" in by_blueprint["acme-bad-type"].message
    assert by_blueprint["acme-bad-template"].path == org / "acme-bad-template" / "main.tf.j2"
    assert "template error" in by_blueprint["acme-bad-template"].message
    assert "no *.j2 templates" in by_blueprint["acme-no-template"].message
    message = str(info.value)
    assert "5 problems" in message and all(str(p.path) in message for p in info.value.problems)


def test_scan_loads_the_good_ones_and_records_the_rest(tmp_path: Path) -> None:
    scan = Catalog.scan(_org_folder(tmp_path))
    assert "acme-sg" in scan.catalog and "acme-bad-yaml" not in scan.catalog
    assert scan.catalog.get("aws-iam-role").source_dir.parent == BUILTIN_DIR  # not shadowed
    assert len(scan.problems) == 5
    assert all(p.to_dict()["file"] and p.to_dict()["message"] for p in scan.problems)


def test_an_example_must_give_every_required_value(tmp_path: Path) -> None:
    folder = _copy_builtin(tmp_path, "aws-kms-key", "acme-key")
    meta = folder / "blueprint.yaml"
    text = meta.read_text()
    meta.write_text(text[: text.index("examples:")] + "examples: []\n")
    with pytest.raises(CatalogLoadError, match="needs at least one example"):
        Catalog.load(extra_dir=tmp_path / "org")


def test_insecure_examples_must_name_real_parameters(tmp_path: Path) -> None:
    folder = _copy_builtin(tmp_path, "aws-kms-key", "acme-key")
    meta = folder / "blueprint.yaml"
    meta.write_text(meta.read_text().replace("refused: [user_principals]", "refused: [users]"))
    with pytest.raises(CatalogLoadError, match="refuses unknown parameters: users"):
        Catalog.load(extra_dir=tmp_path / "org")
