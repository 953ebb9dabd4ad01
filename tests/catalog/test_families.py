"""The message families: well-formed rules, translatable text, and the families the task names."""

from __future__ import annotations

import re
import string

import pytest

from claude_doctor.catalog import all_entries, diagnose
from claude_doctor.catalog.messages import MESSAGE_RULES, fold

_FIELD = re.compile(r"\{([^{}]*)\}")


@pytest.mark.parametrize("rule", MESSAGE_RULES, ids=lambda r: r.entry.key)
def test_rule_is_well_formed(rule: object) -> None:
    needles = rule.needles  # type: ignore[attr-defined]
    assert needles
    for needle in needles:
        # Needles are matched against folded text, so they must be folded themselves.
        assert fold(needle) == needle, needle
    pattern = rule.pattern  # type: ignore[attr-defined]
    if pattern is not None:
        assert rule.regex is not None  # type: ignore[attr-defined]
        # Folded text is lower case: an upper-case literal could never match (escapes such as \d are fine).
        assert not re.search(r"(?<!\\)(?<!\?P<)[A-Z]", re.sub(r"\(\?P<\w+>", "(", pattern)), pattern
    for step in rule.fix_with_values:  # type: ignore[attr-defined]
        for name in _FIELD.findall(step):
            assert name.isidentifier(), step  # named placeholders only, for translation


def test_entry_text_is_whole_sentences() -> None:
    """Each step and meaning is one or more whole sentences (translated as a unit), never a fragment."""
    for entry in all_entries():
        for text in (entry.meaning, *entry.fix):
            assert text[:1].isupper() or text[:1] in "`(" or text[:1].isdigit(), (entry.key, text)
            assert text.rstrip()[-1:] in ".?)" or re.search(r"https?://\S+$", text), (entry.key, text)
            assert "{}" not in text, (entry.key, text)
            assert all(f[1] is None or f[1].isidentifier() for f in string.Formatter().parse(text) if f[1]), text


@pytest.mark.parametrize(
    "message",
    [
        "temperature: Extra inputs are not permitted",  # ttlequals0/MinusPod 2.101.10
        "'temperature' is deprecated for this model.",  # github/app#3392
        "`temperature` and `top_p` cannot both be specified for this model. Please use only one.",  # new-api#5122
    ],
)
def test_api_version_2026_10_21_sampling_rejections(message: str) -> None:
    d = diagnose(status=400, error_type="invalid_request_error", message=message)
    assert (d.category, d.status, d.retryable) == ("invalid_request", 400, False)
    fix = " ".join(d.fix)
    assert "Remove `temperature`" in fix
    assert "anthropic-version: 2023-06-01" in fix


@pytest.mark.parametrize(
    ("message", "category", "retryable"),
    [
        ("当前分组上游负载已饱和，请稍后再试 (request id: 20250423020142736330894dLoIRrS6)", "overloaded", True),
        ("分组 default 下模型 claude-opus-5 无可用渠道（distributor）", "not_found", False),
        ("无效的令牌 (request id: 20240903132633756782166AeCxdlyd)", "invalid_key", False),
        ("预扣费额度失败, 用户剩余额度: ＄2.533620, 需要预扣费额度: ＄2.627750", "billing", False),
        ("该令牌无权访问模型 claude-opus-4-1", "permission", False),
        # A relay with no account for a named model is not_found (tests/decode/realworld/README.md, families settled
        # by convention); with no account at all, naming no model, its pool is down and recovers.
        ("No available Claude accounts support the requested model: claude-sonnet-4-5", "not_found", False),
        ("No available accounts: no available accounts", "server_error", True),
        ("No available accounts supporting model: claude-sonnet-4-5-20250929", "not_found", False),
        ("No available accounts: this group only allows Claude Code clients", "permission", False),
        # new-api, i18n/locales/en.yaml and zh-CN.yaml
        ("Invalid token", "invalid_key", False),
        ("This token has expired", "invalid_key", False),
        ("This token status is unavailable", "invalid_key", False),
        ("Insufficient quota", "billing", False),
        ("Current group upstream load is saturated, please try again later", "overloaded", True),
        ("No permission to access this group", "permission", False),
        ("无权访问该分组", "permission", False),
        # one-hub, its Go sources
        ("您的速率达到上限，请稍后再试。", "rate_limited", True),
        ("当前分组负载已饱和，请稍后再试，或升级账户以提升服务质量。", "overloaded", True),
        ("请求上游地址失败", "server_error", True),
        ("令牌不存在", "invalid_key", False),
        ("当前用户组无权使用指定的分组", "permission", False),
        # claude-relay-service, src/middleware/auth.js and src/services/scheduler/unifiedClaudeScheduler.js
        ("This endpoint only accepts requests from Claude Code CLI", "permission", False),
        ("No available Claude accounts (neither official nor console)", "server_error", True),
        (
            "All available Claude Console accounts have reached their concurrency limit. Please try again later.",
            "server_error",
            True,
        ),
        # sub2api, backend/internal/service
        ("Upstream service overloaded, please retry later", "overloaded", True),
        ("Upstream service temporarily unavailable", "server_error", True),
        ("Too many pending requests, please retry later", "rate_limited", True),
        ("Insufficient account balance", "billing", False),
        # LiteLLM proxy, litellm/proxy/_types.py (CommonProxyErrors) and its router
        ("Crossed TPM / RPM / Max Parallel Request Limit", "rate_limited", True),
        ("No deployments available for selected model", "rate_limited", True),
    ],
)
def test_relay_vocabulary(message: str, category: str, retryable: bool | None) -> None:
    d = diagnose(message=message, text=message, via=("relay",))
    assert (d.category, d.retryable) == (category, retryable)
    assert not any("platform.claude.com" in step for step in d.fix)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # LobeChat's AgentRuntimeErrorType names, as its error body carries them in `errorType`
        ('{"errorType": "InsufficientQuota"}', "billing"),
        ('{"errorType": "QuotaLimitReached"}', "rate_limited"),
        ('{"errorType": "ModelNotFound"}', "not_found"),
        ('{"errorType": "PermissionDenied"}', "permission"),
        ('{"errorType": "ExceededContextWindow"}', "context_too_long"),
        ('{"errorType": "InvalidBedrockCredentials"}', "invalid_key"),
    ],
)
def test_app_error_type_names(text: str, category: str) -> None:
    assert diagnose(text=text).category == category
