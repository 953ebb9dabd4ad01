"""Proxy resolution: ours against httpx's own on the same environments, plus the lints users need."""

from __future__ import annotations

import httpx
import pytest
from httpx._utils import URLPattern, get_environment_proxies

from claude_doctor.checks.resolve.lint import worst
from claude_doctor.checks.resolve.proxy import claude_code_proxy, httpx_proxy, lint_proxies, masked_proxy

API = "https://api.anthropic.com"

ENVIRONMENTS = [
    {},
    {"HTTPS_PROXY": "http://proxy.corp:3128"},
    {"https_proxy": "http://lower:3128", "HTTPS_PROXY": "http://upper:3128"},
    {"HTTP_PROXY": "http://only-http:3128"},
    {"ALL_PROXY": "http://all:3128"},
    {"ALL_PROXY": "http://all:3128", "HTTPS_PROXY": "http://https:3128"},
    {"HTTPS_PROXY": "proxy.corp:3128"},
    {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "anthropic.com"},
    {"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".anthropic.com"},
    {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"},
    {"HTTPS_PROXY": "http://p:1", "no_proxy": "example.com,api.anthropic.com"},
    {"HTTPS_PROXY": "http://p:1", "NO_PROXY": "otheranthropic.com"},
    {"HTTPS_PROXY": "http://p:1", "https_proxy": ""},
]


def httpx_choice(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, url: str) -> str | None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    mounts = sorted((URLPattern(key), value) for key, value in get_environment_proxies().items())
    for pattern, value in mounts:
        if pattern.matches(httpx.URL(url)):
            return value
    return None


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=[str(sorted(e.items())) for e in ENVIRONMENTS])
def test_same_proxy_as_httpx(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert httpx_proxy(API, env).url == httpx_choice(env, monkeypatch, API)


def test_claude_code_order_differs_from_httpx() -> None:
    env = {"HTTP_PROXY": "http://only-http:3128"}
    assert httpx_proxy(API, env).url is None  # httpx uses http_proxy for http:// URLs only
    assert claude_code_proxy(API, env).url == "http://only-http:3128"
    env = {"HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:1"}
    assert claude_code_proxy(API, env).url == "http://lower:1"


@pytest.mark.parametrize(
    ("env", "status", "needle"),
    [
        ({"HTTPS_PROXY": "http://p:1"}, "ok", None),
        ({"https_proxy": "http://a:1", "HTTPS_PROXY": "http://b:1"}, "warn", "disagree"),
        ({"HTTPS_PROXY": "p.corp:3128"}, "warn", "no scheme"),
        ({"HTTPS_PROXY": "socks5://p:1080"}, "fail", "SOCKS"),
        ({"HTTPS_PROXY": "http://u:hunter2@p:1"}, "warn", "password"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".anthropic.com"}, "warn", "around the proxy"),
    ],
)
def test_lints(env: dict[str, str], status: str, needle: str | None) -> None:
    lints = lint_proxies(API, env)
    assert worst(lints) == status
    if needle:
        assert any(needle in lint.message for lint in lints)
    assert not any("hunter2" in lint.message for lint in lints)


def test_masked_proxy() -> None:
    assert "hunter2" not in masked_proxy("http://user:hunter2hunter2@p:3128")
    assert masked_proxy(None) == "direct"
