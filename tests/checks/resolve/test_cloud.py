"""Model ids against each cloud provider's shapes, per-model Vertex regions and Bedrock geographies: pure functions,
table-driven, and no input crashes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claude_doctor.checks.resolve.cloud import (
    bedrock_model_lints,
    mantle_model_lints,
    model_tokens,
    region_geo,
    vertex_model_lints,
    vertex_region_variable,
)

# (model, region, expected severity or None, a word of the fix)
BEDROCK = [
    ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1", None, ""),
    ("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "eu-west-1", None, ""),
    ("apac.anthropic.claude-sonnet-4-20250514-v1:0", "ap-northeast-1", None, ""),
    ("jp.anthropic.claude-haiku-4-5-20251001-v1:0", "ap-northeast-1", None, ""),
    ("us-gov.anthropic.claude-3-7-sonnet-20250219-v1:0", "us-gov-west-1", None, ""),
    ("anthropic.claude-3-haiku-20240307-v1:0", "us-east-1", None, ""),  # served on demand
    ("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc", "us-east-1", None, ""),
    ("sonnet", "us-east-1", None, ""),
    ("opus[1m]", "us-east-1", None, ""),
    ("claude-sonnet-4-5-20250929", "us-east-1", "fail", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ("claude-opus-4-8", "eu-central-1", "fail", "eu.anthropic.claude-opus-4-8"),
    ("anthropic.claude-sonnet-4-5-20250929-v1:0", "eu-west-3", "fail", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ("anthropic.claude-3-7-sonnet-20250219-v1:0", "us-west-2", "fail", "us.anthropic.claude-3-7-sonnet"),
    ("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1", "fail", "us.anthropic.claude-sonnet-4-5"),
    ("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-gov-west-1", "fail", "us-gov.anthropic"),
    ("arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc", "us-east-1", "fail", "eu-west-1"),
]


@pytest.mark.parametrize(("model", "region", "severity", "fix"), BEDROCK)
def test_bedrock_model_ids(model: str, region: str, severity: str | None, fix: str) -> None:
    found = bedrock_model_lints(model, region, "ANTHROPIC_MODEL")
    assert [s for s, _t, _f in found] == ([severity] if severity else [])
    if severity:
        assert fix in found[0][2]
        assert "ANTHROPIC_MODEL" in found[0][1]


@pytest.mark.parametrize(
    ("model", "severity", "fix"),
    [
        ("anthropic.claude-sonnet-5", None, ""),
        ("anthropic.claude-haiku-4-5", None, ""),
        ("haiku", None, ""),
        ("claude-sonnet-5", "fail", "anthropic.claude-sonnet-5"),
        ("us.anthropic.claude-haiku-4-5-20251001-v1:0", "warn", "anthropic.claude-haiku-4-5"),
    ],
)
def test_mantle_model_ids(model: str, severity: str | None, fix: str) -> None:
    found = mantle_model_lints(model, "--model")
    assert [s for s, _t, _f in found] == ([severity] if severity else [])
    if severity:
        assert found[0][2].endswith(fix)


@pytest.mark.parametrize(
    ("model", "region", "severities", "fix"),
    [
        ("claude-sonnet-4-5@20250929", "us-east5", [], ""),
        ("claude-opus-4-6", "global", [], ""),  # 4.6 and later need no @version
        ("claude-sonnet-4-6", "global", [], ""),
        ("sonnet", "global", [], ""),
        ("claude-sonnet-4-5", "us-east5", ["fail"], "claude-sonnet-4-5@20250929"),
        ("claude-haiku-4-5", "global", ["fail"], "claude-haiku-4-5@20251001"),
        ("claude-sonnet-4-5-20250929", "us-east5", ["fail"], "claude-sonnet-4-5@20250929"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east5", ["fail"], "claude-sonnet-4-5@20250929"),
        ("claude-opus-4-1@20250805", "global", ["fail"], "VERTEX_REGION_CLAUDE_"),
        ("claude-3-5-haiku@20241022", "global", ["fail"], "us-east5"),
        ("claude-sonnet-4", "global", ["fail", "fail"], "claude-sonnet-4@20250514"),
        ("claude-opus-4-1@20250805", "europe-west1", [], ""),
    ],
)
def test_vertex_model_ids(model: str, region: str, severities: list[str], fix: str) -> None:
    found = vertex_model_lints(model, region, "ANTHROPIC_MODEL")
    assert [s for s, _t, _f in found] == severities
    if severities:
        assert fix in found[0][2]


@pytest.mark.parametrize(
    ("model", "names", "expected"),
    [
        ("claude-opus-4-1@20250805", ["VERTEX_REGION_CLAUDE_4_1_OPUS"], "VERTEX_REGION_CLAUDE_4_1_OPUS"),
        ("claude-sonnet-4@20250514", ["VERTEX_REGION_CLAUDE_4_0_SONNET"], "VERTEX_REGION_CLAUDE_4_0_SONNET"),
        ("claude-3-5-haiku@20241022", ["VERTEX_REGION_CLAUDE_3_5_HAIKU"], "VERTEX_REGION_CLAUDE_3_5_HAIKU"),
        ("claude-haiku-4-5@20251001", ["VERTEX_REGION_CLAUDE_HAIKU_4_5"], "VERTEX_REGION_CLAUDE_HAIKU_4_5"),
        ("claude-opus-4-1@20250805", ["VERTEX_REGION_CLAUDE_4_0_OPUS"], None),
        ("claude-sonnet-4-5@20250929", ["VERTEX_REGION_CLAUDE_4_5_OPUS"], None),
    ],
)
def test_vertex_region_variable_per_model(model: str, names: list[str], expected: str | None) -> None:
    assert vertex_region_variable(model, names) == expected


def test_model_tokens() -> None:
    assert model_tokens("claude-opus-4-1@20250805") == ("OPUS", (4, 1))
    assert model_tokens("claude-3-5-haiku@20241022") == ("HAIKU", (3, 5))
    assert model_tokens("claude-sonnet-4-20250514") == ("SONNET", (4,))


@pytest.mark.parametrize(
    ("region", "geos"),
    [
        ("us-east-1", ("us", "global")),
        ("eu-west-3", ("eu", "global")),
        ("us-gov-west-1", ("us-gov",)),
        ("me-south-1", ()),
    ],
)
def test_region_geography(region: str, geos: tuple[str, ...]) -> None:
    assert region_geo(region) == geos


@given(st.text(max_size=200), st.sampled_from(["us-east-1", "global", "", "cn-north-1", "eu-west-1"]))
def test_no_model_id_crashes_a_lint(model: str, region: str) -> None:
    for found in (
        bedrock_model_lints(model, region or None, "x"),
        mantle_model_lints(model, "x"),
        vertex_model_lints(model, region or None, "x"),
    ):
        assert all(severity in {"warn", "fail"} for severity, _t, _f in found)
