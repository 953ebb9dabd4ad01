"""Our reading of the Python SDK's credential precedence, checked against the installed SDK on the same machines."""

from __future__ import annotations

import pytest

from claude_doctor.checks.state import LocalState
from tests.checks.conftest import KEY, KEY2, OAT, Machine

anthropic = pytest.importorskip("anthropic")


def sdk_mechanism(m: Machine, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """What the real SDK picked, in our vocabulary."""
    from anthropic.lib.credentials._providers import CredentialsFile
    from anthropic.lib.credentials._workload import WorkloadIdentityCredentials

    monkeypatch.setenv("HOME", str(m.home))
    for name, value in m.env.items():
        monkeypatch.setenv(name, value)
    client = anthropic.Anthropic()
    if client.api_key:
        return "api_key"
    if client.auth_token:
        return "auth_token"
    creds = client.credentials
    if isinstance(creds, CredentialsFile):
        return "profile" if m.env.get("ANTHROPIC_PROFILE") else "active_profile"
    if isinstance(creds, WorkloadIdentityCredentials):
        return "federation"
    if creds is not None:
        return "auth_token"  # StaticToken from ANTHROPIC_AUTH_TOKEN
    return None


def ours(m: Machine) -> str | None:
    chosen = LocalState.gather(m.ctx()).sdk.chosen
    return None if chosen is None else chosen.mechanism


def _profile(m: Machine, name: str) -> None:
    base = m.home / ".config" / "anthropic"
    m.write(base / "configs" / f"{name}.json", {"authentication": {"type": "user_oauth"}}, mode=0o644)
    m.write(base / "credentials" / f"{name}.json", {"type": "oauth_token", "access_token": OAT})


def _federation(m: Machine) -> None:
    token = m.write(m.root / "oidc-token", "eyJhbGciOiJSUzI1NiJ9.e30.sig")
    m.env.update(
        {
            "ANTHROPIC_FEDERATION_RULE_ID": "fdrl_01",
            "ANTHROPIC_ORGANIZATION_ID": "00000000-0000-0000-0000-000000000000",
            "ANTHROPIC_IDENTITY_TOKEN_FILE": str(token),
        }
    )


SCENARIOS = {
    "nothing": lambda m: None,
    "api_key": lambda m: m.env.update(ANTHROPIC_API_KEY=KEY),
    "auth_token": lambda m: m.env.update(ANTHROPIC_AUTH_TOKEN=KEY2),
    "both": lambda m: m.env.update(ANTHROPIC_API_KEY=KEY, ANTHROPIC_AUTH_TOKEN=KEY2),
    "empty_api_key_and_token": lambda m: m.env.update(ANTHROPIC_API_KEY="", ANTHROPIC_AUTH_TOKEN=KEY2),
    "explicit_profile": lambda m: (_profile(m, "work"), m.env.update(ANTHROPIC_PROFILE="work")),
    "active_default_profile": lambda m: _profile(m, "default"),
    "pointer_profile": lambda m: (
        _profile(m, "team"),
        m.write(m.home / ".config" / "anthropic" / "active_config", "team\n", mode=0o644),
    ),
    "stray_other_profile_only": lambda m: _profile(m, "other"),
    "federation": _federation,
    "federation_beats_active_profile": lambda m: (_profile(m, "default"), _federation(m)),
    "profile_beats_federation": lambda m: (_profile(m, "work"), _federation(m), m.env.update(ANTHROPIC_PROFILE="work")),
    "key_beats_profile": lambda m: (_profile(m, "default"), m.env.update(ANTHROPIC_API_KEY=KEY)),
    "key_only_in_dotenv": lambda m: m.write(m.cwd / ".env", f"ANTHROPIC_API_KEY={KEY}\n"),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_same_choice_as_the_sdk(machine: Machine, monkeypatch: pytest.MonkeyPatch, scenario: str) -> None:
    SCENARIOS[scenario](machine)
    monkeypatch.chdir(machine.cwd)
    assert ours(machine) == sdk_mechanism(machine, monkeypatch)
