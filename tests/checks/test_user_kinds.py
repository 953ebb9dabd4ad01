"""Every kind of user, end to end against the mock on loopback: which credential reached which endpoint with which
headers (from the mock's own request log), a correct setup passes, and a broken one names its one root cause with a
fix that fits the client and the endpoint in use (issue 13)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from claude_doctor.commands.check import build_report
from claude_doctor.mock import MockServer, running
from claude_doctor.mock.relay import Relay
from claude_doctor.mock.status_page import FakeIncident, FakeStatusPage, status_page
from claude_doctor.model import CheckResult, Report
from claude_doctor.secrets import mask
from tests.checks.conftest import KEY, KEY2, OAT, Machine

RELAY_TOKEN = "sk-" + "Zq7" * 16  # a relay's own token: not an Anthropic key


def check(m: Machine, timeout: float = 8.0, **options: Any) -> tuple[Report, dict[str, CheckResult]]:
    report = build_report(m.ctx(offline=False, timeout=timeout, **options)).report
    return report, {r.id: r for r in report.checks}


def wire(mock: MockServer) -> list[tuple[str, str | None, str, str | None]]:
    """(path, masked credential, credential headers sent, anthropic-version) of each request the mock saw."""
    out = []
    for r in mock.requests:
        names = "+".join(sorted(n for n in ("x-api-key", "authorization") if n in r.headers))
        out.append((r.path, r.credential, names, r.headers.get("anthropic-version")))
    return out


def problems(report: Report) -> list[CheckResult]:
    return [r for r in report.checks if r.status == "fail"]


def no_advice_to_run_check(report: Report) -> None:
    for result in report.checks:
        for fix in result.fix:
            assert "claude-doctor check" not in fix, (result.id, fix)


def settings(m: Machine, data: dict[str, Any], level: str = "user") -> None:
    path = {
        "user": m.home / ".claude" / "settings.json",
        "project": m.cwd / ".claude" / "settings.json",
        "managed": m.managed,
    }[level]
    m.write(path, data, mode=0o644)


def login(m: Machine) -> None:
    future = int(time.time() * 1000) + 3_600_000
    m.write(
        m.home / ".claude" / ".credentials.json",
        {"claudeAiOauth": {"accessToken": OAT, "refreshToken": "sk-ant-ort01-r", "expiresAt": future}},
    )
    m.write(m.home / ".claude.json", {"hasCompletedOnboarding": True})


# -- correct setups pass, and their credential went only where their client sends it ------------------------------


def test_claude_code_subscription_login(machine: Machine) -> None:
    login(machine)
    with running("ok") as mock:
        settings(machine, {"env": {"ANTHROPIC_BASE_URL": mock.base_url}})
        report, results = check(machine)
        sent = wire(mock)
        beta = {r.headers.get("anthropic-beta") for r in mock.requests}
    assert report.exit_code == 0, problems(report)
    assert sent[0] == ("/v1/models", mask(OAT), "authorization", "2023-06-01")
    assert beta == {"oauth-2025-04-20"}
    assert {credential for _p, credential, _h, _v in sent} == {mask(OAT)}
    assert results["credentials.sdk"].status == "skip"  # no Python SDK here: not a failure
    assert results["clients.claude_code"].status == "ok"
    no_advice_to_run_check(report)


def test_claude_code_api_key_in_the_shell(machine: Machine) -> None:
    """The shell's key: Claude Code sends it as X-Api-Key. The shell also configures an SDK nobody installed, and
    that one probe (same endpoint, key and path) is sent once."""
    machine.write(machine.home / ".claude.json", {"hasCompletedOnboarding": True})
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, results = check(machine)
        sent = wire(mock)
    assert report.exit_code == 0, problems(report)
    assert [s[0] for s in sent] == ["/v1/models", "/v1/messages/count_tokens"]
    assert sent[0][1:] == (mask(KEY), "x-api-key", "2023-06-01")
    assert "Claude Code" in results["api.models"].title
    assert "Python SDK" in results["api.models"].title


def test_claude_code_api_key_helper(machine: Machine) -> None:
    with running("ok") as mock:
        settings(machine, {"apiKeyHelper": f"echo {KEY2}", "env": {"ANTHROPIC_BASE_URL": mock.base_url}})
        report, results = check(machine)
        assert mock.requests == []  # not run without consent: no credential, no request
        assert report.exit_code == 0
        assert "--run-helpers" in results["api.models"].title
        report, results = check(machine, run_helpers=True)
        sent = wire(mock)
    assert report.exit_code == 0, problems(report)
    assert sent[0] == ("/v1/models", mask(KEY2), "authorization+x-api-key", "2023-06-01")  # the helper's: both


def test_settings_env_block_with_relay_url_and_token(machine: Machine) -> None:
    """The usual relay setup of Claude Code: base URL and token in ~/.claude/settings.json's env block. The relay
    gets the request; nothing goes to api.anthropic.com."""
    machine.write(machine.home / ".claude.json", {"hasCompletedOnboarding": True})
    relay = Relay(tokens=frozenset({RELAY_TOKEN}))
    with running("ok", relay=relay) as mock:
        settings(machine, {"env": {"ANTHROPIC_BASE_URL": mock.base_url, "ANTHROPIC_AUTH_TOKEN": RELAY_TOKEN}})
        report, results = check(machine)
        sent = wire(mock)
    assert report.exit_code == 0, problems(report)
    assert sent[0] == ("/v1/models", mask(RELAY_TOKEN), "authorization", "2023-06-01")
    network = [r for r in results.values() if r.section == "Network"]
    assert all(r.data.get("clients", ["Claude Code"]) == ["Claude Code"] for r in network)
    assert all("127.0.0.1" in r.title for r in results.values() if r.id.startswith(("network.dns", "network.tcp")))
    assert results["config.base_url"].data["base_url"] == mock.base_url
    assert "Claude Code" in results["config.base_url"].title
    accepts = results["api.relay_headers"]
    assert accepts.data["accepts"] == {"bearer": True, "x-api-key": True}
    assert results["credentials.lint.ANTHROPIC_AUTH_TOKEN.settings:user"].status == "warn"  # not sk-ant-: fine for it


def test_managed_settings_win(machine: Machine) -> None:
    machine.write(machine.home / ".claude.json", {"hasCompletedOnboarding": True})
    with running("ok") as mock:
        settings(machine, {"env": {"ANTHROPIC_BASE_URL": mock.base_url, "ANTHROPIC_API_KEY": KEY}})
        settings(machine, {"env": {"ANTHROPIC_BASE_URL": mock.base_url, "ANTHROPIC_API_KEY": KEY2}}, "managed")
        report, _results = check(machine)
        sent = wire(mock)
    assert report.exit_code == 0, problems(report)
    assert {credential for _p, credential, _h, _v in sent} == {mask(KEY2)}


def test_typescript_sdk_sends_bearer_and_ignores_https_proxy(machine: Machine) -> None:
    """The TypeScript SDK 1.x sends the key as Bearer with anthropic-version 2026-10-21, and does not read
    HTTPS_PROXY: a dead proxy in it does not stop the SDK, which connects directly."""
    machine.write(machine.cwd / "package.json", {"dependencies": {"@anthropic-ai/sdk": "^1.14.0"}}, mode=0o644)
    machine.write(
        machine.cwd / "node_modules" / "@anthropic-ai" / "sdk" / "package.json",
        {"name": "@anthropic-ai/sdk", "version": "1.14.0"},
        mode=0o644,
    )
    machine.env["ANTHROPIC_API_KEY"] = KEY
    machine.env["HTTPS_PROXY"] = "http://127.0.0.1:9"
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, results = check(machine)
        sent = wire(mock)
    assert report.exit_code == 0, problems(report)
    assert sent[0] == ("/v1/models", mask(KEY), "authorization", "2026-10-21")
    assert results["clients.typescript"].status == "ok"
    assert "TypeScript SDK 1.14.0" in results["clients.typescript"].title
    assert results["credentials.sdk"].status == "skip"
    assert "ignores it" in results["network.proxy"].detail


def test_relay_in_the_shell_for_the_sdk(machine: Machine) -> None:
    machine.write(machine.cwd / "requirements.txt", "anthropic>=2\n", mode=0o644)
    machine.env["ANTHROPIC_API_KEY"] = RELAY_TOKEN
    with running("ok", relay=Relay(tokens=frozenset({RELAY_TOKEN}))) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, results = check(machine)
        sent = wire(mock)
    assert report.exit_code == 0, problems(report)
    assert sent[0] == ("/v1/models", mask(RELAY_TOKEN), "authorization", "2026-10-21")
    assert "declared in" in results["clients.python"].title


# -- broken setups: one root cause, a fix for the client and endpoint in use -------------------------------------


def test_relay_that_reads_only_x_api_key_with_the_sdk_2(machine: Machine) -> None:
    machine.write(machine.cwd / "requirements.txt", "anthropic==2.14.0\n", mode=0o644)
    machine.env["ANTHROPIC_API_KEY"] = RELAY_TOKEN
    with running("ok", relay=Relay(accepts=frozenset({"x-api-key"}))) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, _results = check(machine)
    [failure] = problems(report)
    assert failure.id == "api.relay_headers"
    assert "Bearer" in failure.title
    assert any("anthropic<2" in fix for fix in failure.fix)
    no_advice_to_run_check(report)


def test_relay_that_reads_only_x_api_key_with_claude_code_and_a_token(machine: Machine) -> None:
    machine.write(machine.home / ".claude.json", {"hasCompletedOnboarding": True})
    with running("ok", relay=Relay(accepts=frozenset({"x-api-key"}))) as mock:
        settings(machine, {"env": {"ANTHROPIC_BASE_URL": mock.base_url, "ANTHROPIC_AUTH_TOKEN": RELAY_TOKEN}})
        report, _results = check(machine)
    [failure] = problems(report)
    assert any("to ANTHROPIC_API_KEY" in fix and "settings.json env block" in fix for fix in failure.fix)


def test_relay_rejects_the_token_in_chinese(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = RELAY_TOKEN
    with running("ok", relay=Relay(tokens=frozenset({"sk-other"}))) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, results = check(machine)
        assert len(mock.requests) == 2  # the probe, and the same request in the other header: then it stops
    [failure] = problems(report)
    assert failure.id == "api.models"
    assert "relay" in failure.title
    assert "无效的令牌" in failure.detail
    assert failure.data["diagnosis"]["category"] == "invalid_key"
    assert not any("platform.claude.com" in fix for fix in failure.fix)
    assert any("token issued by this relay" in fix for fix in failure.fix)
    assert results["api.relay_headers"].status == "skip" if "api.relay_headers" in results else True


def test_relay_without_a_channel_for_the_model(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = RELAY_TOKEN
    machine.env["ANTHROPIC_MODEL"] = "claude-opus-4-5-20251101"
    relay = Relay(channels=frozenset({"claude-haiku-4-5-20251001"}))
    with running("ok", relay=relay) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, _results = check(machine)
    [failure] = problems(report)
    assert failure.id == "api.count_tokens"
    assert "无可用渠道" in failure.detail
    assert not any("status.claude.com" in fix for fix in failure.fix)
    assert any("model list" in fix for fix in failure.fix)


def test_relay_that_speaks_only_the_openai_api(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = RELAY_TOKEN
    machine.env["ANTHROPIC_MODEL"] = "claude-haiku-4-5-20251001"
    with running("ok", relay=Relay(messages_api=False, models=False)) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, results = check(machine)
    [failure] = problems(report)
    assert failure.id == "api.messages_api"
    assert "only the OpenAI API" in failure.title
    assert results["api.models"].status == "ok"  # no /v1/models is no failure: the clients do not need it


def test_relay_without_models_or_count_tokens_still_passes(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = RELAY_TOKEN
    machine.env["ANTHROPIC_MODEL"] = "claude-haiku-4-5-20251001"
    with running("ok", relay=Relay(models=False, count_tokens=False)) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, results = check(machine)
    assert report.exit_code == 0, problems(report)
    assert results["api.count_tokens"].data["messages_api"] is True


def test_base_url_ending_in_v1_is_one_failure(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url + "/v1"
        report, results = check(machine)
    assert [r.id for r in problems(report)] == ["config.base_url"]
    assert results["api.models"].status == "skip"


def test_claude_code_and_the_sdk_on_one_host_each_thing_said_once(machine: Machine) -> None:
    """Claude Code's settings and the shell point at the same host (one with a trailing /v1): two probes, one line
    about who answers there."""
    machine.write(machine.home / ".claude.json", {"hasCompletedOnboarding": True})
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        settings(machine, {"env": {"ANTHROPIC_BASE_URL": mock.base_url + "/v1", "ANTHROPIC_AUTH_TOKEN": KEY2}})
        report, _results = check(machine)
    titles = [str(r.title) for r in report.checks]
    assert len(titles) == len(set(titles)), sorted(t for t in titles if titles.count(t) > 1)
    assert any("passes Anthropic's own answers on" in t for t in titles)


def test_resolver_that_never_answers(machine: Machine) -> None:
    """DNS that never answers: one failure (DNS), the API step skipped because of it, never "connection made";
    the fix names the relay's host, not api.anthropic.com; the run ends inside --timeout."""

    def silent(host: str, port: int) -> list[str]:
        time.sleep(30)
        return []

    machine.resolver = silent
    machine.env["ANTHROPIC_API_KEY"] = RELAY_TOKEN
    machine.env["ANTHROPIC_BASE_URL"] = "https://relay.example.test"
    started = time.monotonic()
    report, results = check(machine, timeout=3.0)
    assert time.monotonic() - started < 4.5
    failures = problems(report)
    assert [r.id for r in failures] == ["network.dns"]
    assert "no answer" in failures[0].title
    assert results["api.models"].status == "skip"
    assert results["api.models"].data["skipped_because"] == "network.dns"
    text = json.dumps([r.to_json() for r in report.checks])
    assert "connection was made" not in text
    assert "api.anthropic.com" not in " ".join(failures[0].fix)
    no_advice_to_run_check(report)


# -- live conditions: retried as the client would, then a warning with the status page ---------------------------


def test_one_529_then_ok_passes(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("overloaded,ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report, results = check(machine)
        assert [r.status for r in mock.requests][:2] == [529, 200]
    assert report.exit_code == 0, problems(report)
    assert [a["status"] for a in results["api.models"].data["attempts"]] == [529, 200]
    assert results["api.count_tokens"].status == "ok"  # not skipped after the transient 529


def test_retry_after_is_honoured(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("rate_limited,ok", retry_after=1) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        started = time.monotonic()
        report, results = check(machine)
        assert time.monotonic() - started >= 1.0
    assert report.exit_code == 0
    [first, _second] = results["api.models"].data["attempts"]
    assert first == {"status": 429, "retry_after_s": 1.0, "waited_s": 1.0}


def test_persistent_overload_warns_and_shows_the_status_page(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    page = FakeStatusPage("major", [FakeIncident("Elevated errors on Claude Opus")], "partial_outage")
    with running("overloaded") as mock, status_page(page) as (url, page):
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        machine.env["CLAUDE_DOCTOR_STATUS_URL"] = url
        report, results = check(machine)
        strict, _ = check(machine, strict=True)
        assert page.hits == 2  # once per run, not once per request
    assert report.exit_code == 0  # a warning, not a failure
    assert results["api.models"].status == "warn"
    assert "529" in results["api.models"].title
    assert len(results["api.models"].data["attempts"]) == 3  # the SDK's 2 retries
    shown = results["api.status_page"]
    assert shown.status == "warn"
    assert "Elevated errors on Claude Opus" in shown.detail
    assert shown.data["learned"] is True
    assert strict.exit_code == 1


def test_green_status_page_does_not_clear_the_api(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("server_error") as mock, status_page() as (url, _page):
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        machine.env["CLAUDE_DOCTOR_STATUS_URL"] = url
        _report, results = check(machine)
    shown = results["api.status_page"]
    assert shown.status == "ok"
    assert "does not clear" in shown.detail


def test_relay_errors_never_ask_the_status_page(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = RELAY_TOKEN
    with running("server_error", relay=Relay()) as mock, status_page() as (url, page):
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        machine.env["CLAUDE_DOCTOR_STATUS_URL"] = url
        _report, results = check(machine)
        assert page.hits == 0
    assert "relay" in results["api.models"].title
    assert not any("status.claude.com" in f for f in results["api.models"].fix if "does not cover" not in f)


# -- what was learned is shown -------------------------------------------------------------------------------------


def test_what_was_learned(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        _report, results = check(machine, send=True)
    models = results["api.models"]
    assert "newest first: claude-opus-4-5-20251101, claude-sonnet-4-5-20250929" in models.detail
    assert "organization 00000000-0000-4000-8000-000000000000" in models.detail
    count = results["api.count_tokens"]
    assert count.data["model"] == "claude-haiku-4-5-20251001"
    assert "the newest Haiku listed" in count.detail
    message = results["api.message"]
    assert "input tokens" in message.detail
    assert "1 output token" in message.detail
    limits = results["api.rate_limits"]
    assert "requests: 49 of 50 left" in limits.detail
    assert limits.data["learned"] is True


def test_offline_runs_the_proxy_lints_and_says_what_it_did_not_check(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    machine.env["HTTPS_PROXY"] = "socks5://127.0.0.1:1080"
    report = build_report(machine.ctx(offline=True)).report
    results = {r.id: r for r in report.checks}
    assert results["network.proxy"].status == "fail"
    assert "SOCKS" in results["network.proxy"].detail
    assert report.not_checked
    assert "not checked" in report.not_checked[0]
    assert not any(r.section == "API" for r in report.checks)


@pytest.mark.parametrize("client", ["claude-code", "python", "typescript"])
def test_for_declares_a_client(machine: Machine, client: str) -> None:
    from claude_doctor.checks.state import LocalState

    state = LocalState.gather(machine.ctx(clients=(client.replace("-", "_"),)))
    assert [c.client for c in state.in_use()] == [client.replace("-", "_")]
    assert all(not c.in_use for c in state.clients if c.client != client.replace("-", "_"))


def test_nothing_in_use_is_not_a_failure_for_a_login_user(machine: Machine, tmp_path: Path) -> None:
    """The bug this issue opened with: a /login subscriber was told "Python SDK: no credential found", exit 1, and
    to export ANTHROPIC_API_KEY."""
    login(machine)
    report = build_report(machine.ctx(offline=True)).report
    assert report.exit_code == 0, problems(report)
    assert not any("export ANTHROPIC_API_KEY" in fix for r in report.checks for fix in r.fix)
