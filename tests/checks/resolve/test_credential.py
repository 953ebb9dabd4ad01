"""Which credential wins, for the Python SDK and for Claude Code, on real temporary home directories."""

from __future__ import annotations

import time

import pytest

from claude_doctor.checks.state import LocalState
from tests.checks.conftest import KEY, KEY2, OAT, Machine


def state(m: Machine) -> LocalState:
    return LocalState.gather(m.ctx())


def test_nothing_anywhere(machine: Machine) -> None:
    s = state(machine)
    assert s.sdk.chosen is None
    assert s.claude_code.chosen is None
    assert machine.result("credentials.sdk").status == "fail"
    assert machine.result("credentials.sdk", allow_missing_key=True).status == "skip"
    assert machine.result("credentials.claude_code").status == "skip"


def test_env_key_wins_for_both(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    s = state(machine)
    assert s.sdk.chosen is not None
    assert s.sdk.chosen.mechanism == "api_key"
    assert s.claude_code.chosen is not None
    assert s.claude_code.chosen.mechanism == "api_key"
    assert machine.result("credentials.sdk").status == "ok"


def test_stray_api_key_shadows_subscription_login(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    future = int(time.time() * 1000) + 3_600_000
    machine.write(
        machine.home / ".claude" / ".credentials.json",
        {
            "claudeAiOauth": {
                "accessToken": OAT,
                "refreshToken": "sk-ant-ort01-x",
                "expiresAt": future,
                "subscriptionType": "max",
            }
        },
    )
    result = machine.result("credentials.claude_code")
    assert result.status == "warn"
    assert "overrides your /login max subscription session" in result.detail
    assert result.data["shadowed"][0]["mechanism"] == "login"
    assert any("unset ANTHROPIC_API_KEY" in f for f in result.fix)


def test_login_alone_is_used(machine: Machine) -> None:
    future = int(time.time() * 1000) + 3_600_000
    machine.write(
        machine.home / ".claude" / ".credentials.json",
        {"claudeAiOauth": {"accessToken": OAT, "refreshToken": "r", "expiresAt": future}},
    )
    result = machine.result("credentials.claude_code")
    assert result.status == "ok"
    assert result.data["chosen"]["mechanism"] == "login"


def test_expired_login_without_refresh_fails(machine: Machine) -> None:
    machine.write(
        machine.home / ".claude" / ".credentials.json",
        {"claudeAiOauth": {"accessToken": OAT, "expiresAt": 1_600_000_000_000}},
    )
    assert machine.result("credentials.claude_code").status == "fail"
    assert machine.result("claude_code.login_expiry").status == "fail"


def test_auth_token_beats_api_key_in_claude_code_but_not_in_sdk(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    machine.env["ANTHROPIC_AUTH_TOKEN"] = KEY2
    s = state(machine)
    assert s.sdk.chosen is not None
    assert s.sdk.chosen.mechanism == "api_key"
    assert s.claude_code.chosen is not None
    assert s.claude_code.chosen.mechanism == "auth_token"


def test_settings_env_block_beats_shell_for_claude_code_only(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    machine.write(machine.home / ".claude" / "settings.json", {"env": {"ANTHROPIC_API_KEY": KEY2}})
    s = state(machine)
    assert s.claude_code.chosen is not None
    assert s.claude_code.chosen.value == KEY2
    assert s.sdk.chosen is not None
    assert s.sdk.chosen.value == KEY
    assert "applies settings `env` blocks over the shell" in machine.result("credentials.claude_code").detail
    conflicts = machine.result("credentials.conflicts")
    assert conflicts.status == "warn"
    assert "ANTHROPIC_API_KEY" in conflicts.detail


@pytest.mark.parametrize(
    ("levels", "winner"),
    [
        (("user", "project"), "project"),
        (("user", "project", "local"), "local"),
        (("user", "project", "local", "managed"), "managed"),
    ],
)
def test_settings_levels(machine: Machine, levels: tuple[str, ...], winner: str) -> None:
    paths = {
        "user": machine.home / ".claude" / "settings.json",
        "project": machine.cwd / ".claude" / "settings.json",
        "local": machine.cwd / ".claude" / "settings.local.json",
        "managed": machine.managed,
    }
    for level in levels:
        machine.write(paths[level], {"env": {"ANTHROPIC_MODEL": f"model-{level}"}})
    setting = state(machine).inv.claude_code_env("ANTHROPIC_MODEL")
    assert setting is not None
    assert setting.value == f"model-{winner}"


def test_rejected_key_is_skipped_by_claude_code(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    machine.write(machine.home / ".claude.json", {"customApiKeyResponses": {"approved": [], "rejected": [KEY[-20:]]}})
    result = machine.result("credentials.claude_code")
    assert result.data["chosen"] is None or result.data["chosen"]["mechanism"] != "api_key"
    assert any("rejected" in n for n in result.data["notes"])


def test_claude_config_dir_moves_everything(machine: Machine) -> None:
    moved = machine.root / "cc"
    machine.env["CLAUDE_CONFIG_DIR"] = str(moved)
    machine.write(moved / ".claude.json", {"primaryApiKey": KEY})
    machine.write(machine.home / ".claude.json", {"primaryApiKey": KEY2})
    s = state(machine)
    assert s.claude_code.chosen is not None
    assert s.claude_code.chosen.value == KEY


def test_helper_outranks_oauth_env_and_is_not_run_by_default(machine: Machine) -> None:
    marker = machine.root / "ran"
    machine.env["CLAUDE_CODE_OAUTH_TOKEN"] = OAT
    machine.write(machine.home / ".claude" / "settings.json", {"apiKeyHelper": f"touch {marker}; echo {KEY}"})
    s = state(machine)
    assert s.claude_code.chosen is not None
    assert s.claude_code.chosen.mechanism == "helper"
    assert machine.result("credentials.helper").status == "skip"
    assert not marker.exists()
    ran = machine.result("credentials.helper", run_helpers=True)
    assert marker.exists()
    assert ran.status == "ok"
    assert KEY not in ran.title


def test_failing_helper_is_reported(machine: Machine) -> None:
    machine.write(machine.home / ".claude" / "settings.json", {"apiKeyHelper": "echo oops >&2; exit 3"})
    result = machine.result("credentials.helper", run_helpers=True)
    assert result.status == "fail"
    assert "status 3" in result.title


def test_dotenv_only_key_is_a_warning_for_the_sdk(machine: Machine) -> None:
    machine.write(machine.cwd / ".env", f"ANTHROPIC_API_KEY={KEY}\n")
    result = machine.result("credentials.sdk")
    assert result.status == "fail"
    assert "load_dotenv" in result.detail


def test_dotenv_found_up_to_repository_root(machine: Machine) -> None:
    machine.git_init(machine.root / "work")
    machine.write(machine.root / "work" / ".env", f"export ANTHROPIC_API_KEY='{KEY}'\n")
    machine.write(machine.root / ".env", f"ANTHROPIC_API_KEY={KEY2}\n")  # above the repository: not read
    inv = state(machine).inv
    assert [s.value for s in inv.dotenv] == [KEY]


def test_stray_anthropic_api_key_field(machine: Machine) -> None:
    machine.write(machine.home / ".claude.json", {"hasCompletedOnboarding": True, "anthropic_api_key": KEY})
    result = machine.result("claude_code.stray_key_field")
    assert result.status == "warn"
    assert "primaryApiKey" in result.detail
    assert KEY not in str(result.to_json())


def test_sdk_profile_broken_when_selected(machine: Machine) -> None:
    machine.env["ANTHROPIC_PROFILE"] = "work"
    result = machine.result("credentials.sdk_profile")
    assert result.status == "fail"


def test_sdk_active_profile_complete(machine: Machine) -> None:
    base = machine.home / ".config" / "anthropic"
    machine.write(base / "configs" / "default.json", {"authentication": {"type": "user_oauth"}}, mode=0o644)
    machine.write(base / "credentials" / "default.json", {"type": "oauth_token", "access_token": OAT})
    s = state(machine)
    assert s.sdk.chosen is not None
    assert s.sdk.chosen.mechanism == "active_profile"
    assert machine.result("credentials.sdk_profile").status == "ok"


def test_federation_half_configured(machine: Machine) -> None:
    machine.env["ANTHROPIC_FEDERATION_RULE_ID"] = "fdrl_1"
    result = machine.result("credentials.federation")
    assert result.status == "fail"
    assert "ANTHROPIC_ORGANIZATION_ID" in result.detail
