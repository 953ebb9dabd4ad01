"""Which credential each client would use, and what it shadows. Pure: an Inventory in, Choices out.

Python SDK (anthropic 2.14, `lib/credentials/_chain.py`; first match wins): ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN,
ANTHROPIC_PROFILE, workload identity federation variables, the active profile on disk. Empty variables count as unset.
It reads the process environment only: a `.env` file matters only if the program loads it.

Claude Code (authentication.md "Authentication precedence"): a cloud provider switch, ANTHROPIC_AUTH_TOKEN,
ANTHROPIC_API_KEY (unless the user rejected it), apiKeyHelper, CLAUDE_CODE_OAUTH_TOKEN, SDK profile or federation,
then the `/login` session. Settings `env` blocks are applied over the shell environment.
"""

from __future__ import annotations

from dataclasses import dataclass

from claude_doctor.checks.inventory import Inventory, Setting
from claude_doctor.i18n import N_, Msg

_TRUTHY = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Candidate:
    mechanism: str  # api_key, auth_token, profile, federation, active_profile, cloud, helper, oauth_env, login
    label: str  # for people: "ANTHROPIC_API_KEY (environment)"
    value: str | None = None  # the secret, when there is one: mask before showing
    header: str | None = None  # "x-api-key" or "authorization"
    note: str = ""


@dataclass(frozen=True)
class Choice:
    client: str
    chosen: Candidate | None
    shadowed: tuple[Candidate, ...]
    notes: tuple[str, ...] = ()


def _env_candidate(setting: Setting | None, mechanism: str, header: str) -> Candidate | None:
    if setting is None or not setting.value:
        return None
    return Candidate(mechanism, Msg("{name} ({where})", name=setting.name, where=setting.where), setting.value, header)


def federation_missing(get: dict[str, str]) -> list[str]:
    """The federation variables still needed, when some but not all are set (empty list: complete or unused)."""
    names = ("ANTHROPIC_FEDERATION_RULE_ID", "ANTHROPIC_ORGANIZATION_ID")
    token_names = ("ANTHROPIC_IDENTITY_TOKEN", "ANTHROPIC_IDENTITY_TOKEN_FILE")
    present = [n for n in (*names, *token_names) if get.get(n)]
    if not present:
        return []
    missing = [n for n in names if not get.get(n)]
    if not any(get.get(n) for n in token_names):
        missing.append(N_("ANTHROPIC_IDENTITY_TOKEN or ANTHROPIC_IDENTITY_TOKEN_FILE"))
    return missing


def _profile_candidates(inv: Inventory, values: dict[str, str]) -> list[Candidate]:
    out: list[Candidate] = []
    profile = inv.sdk_profile
    if values.get("ANTHROPIC_PROFILE"):
        out.append(
            Candidate("profile", Msg("SDK profile '{values}' (ANTHROPIC_PROFILE)", values=values["ANTHROPIC_PROFILE"]))
        )
    if not federation_missing(values) and values.get("ANTHROPIC_FEDERATION_RULE_ID"):
        out.append(Candidate("federation", N_("workload identity federation (ANTHROPIC_FEDERATION_RULE_ID …)")))
    if profile is not None and profile.name_source != "ANTHROPIC_PROFILE":
        active = profile.config is not None or profile.explicit_pointer or bool(values.get("ANTHROPIC_CONFIG_DIR"))
        if active:
            out.append(
                Candidate(
                    "active_profile",
                    Msg(
                        "active SDK profile '{name}' ({config_path})",
                        name=profile.name,
                        config_path=profile.config_path,
                    ),
                )
            )
    return out


def sdk_choice(inv: Inventory, client: str = "Python SDK", *, trims: bool = False) -> Choice:
    """The SDK's choice from the process environment. `trims`: the TypeScript SDK strips whitespace from variables
    (`readEnv`), so a value of spaces is unset there; the Python SDK takes values as they are."""
    values = {s.name: (s.value.strip() if trims else s.value) for s in inv.env}

    def env(name: str) -> Setting | None:
        setting = inv.process_env(name)
        if setting is None or not trims:
            return setting
        return Setting(setting.name, setting.value.strip(), setting.where, setting.origin, setting.path)

    candidates = [
        c
        for c in (
            _env_candidate(env("ANTHROPIC_API_KEY"), "api_key", "x-api-key"),
            _env_candidate(env("ANTHROPIC_AUTH_TOKEN"), "auth_token", "authorization"),
        )
        if c is not None
    ]
    candidates.extend(_profile_candidates(inv, values))
    notes: list[str] = []
    loader = "load_dotenv()" if not trims else "dotenv's config()"
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
        if not values.get(name) and any(s.name == name and s.value for s in inv.dotenv):
            notes.append(
                Msg(
                    "{name} is set only in .env: the SDK sees it only if your program calls {loader}",
                    name=name,
                    loader=loader,
                )
            )
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"):
        if name in values and not values[name]:
            notes.append(Msg("{name} is set but empty; the SDK treats it as unset", name=name))
    chosen = candidates[0] if candidates else None
    return Choice(client, chosen, tuple(candidates[1:]), tuple(notes))


def key_decision(inv: Inventory, key: str) -> str:
    """approved, rejected or unasked: what `~/.claude.json` says about this ANTHROPIC_API_KEY (last 20 characters)."""
    responses = (inv.claude_json or {}).get("customApiKeyResponses")
    if not isinstance(responses, dict):
        return "unasked"
    tail = key[-20:]
    for decision in ("rejected", "approved"):
        listed = responses.get(decision)
        if isinstance(listed, list) and tail in listed:
            return decision
    return "unasked"


def claude_code_choice(inv: Inventory, now_ms: int) -> Choice:
    get = inv.claude_code_env
    values = {name: s.value for name in {s.name for s in (*inv.env, *inv.settings_env)} if (s := get(name))}
    candidates: list[Candidate] = []
    notes: list[str] = []
    for name, provider in (
        ("CLAUDE_CODE_USE_BEDROCK", "Amazon Bedrock"),
        ("CLAUDE_CODE_USE_VERTEX", "Google Vertex AI"),
        ("CLAUDE_CODE_USE_FOUNDRY", "Microsoft Foundry"),
    ):
        setting = get(name)
        if setting is not None and setting.value.strip().lower() in _TRUTHY:
            candidates.append(
                Candidate(
                    "cloud", Msg("{provider} ({name} in {where})", provider=provider, name=name, where=setting.where)
                )
            )
    token = _env_candidate(get("ANTHROPIC_AUTH_TOKEN"), "auth_token", "authorization")
    if token:
        candidates.append(token)
    key = _env_candidate(get("ANTHROPIC_API_KEY"), "api_key", "x-api-key")
    if key and key.value:
        decision = key_decision(inv, key.value)
        if decision == "rejected":
            notes.append(
                N_(
                    "ANTHROPIC_API_KEY was rejected at Claude Code's prompt (its last 20 "
                    "characters are in customApiKeyResponses.rejected in ~/.claude.json): "
                    "interactive sessions ignore it, `claude -p` uses it"
                )
            )
        else:
            note = "" if decision == "approved" else N_("interactive sessions ask once whether to use it; `-p` uses it")
            candidates.append(Candidate(key.mechanism, key.label, key.value, key.header, note))
    if inv.helper is not None:
        run = inv.helper_run(inv.helper)
        value = run.value if run is not None and run.ok else None
        note = run.problem if run is not None and not run.ok else ""
        label = Msg("apiKeyHelper ({where})", where=inv.helper.where)
        candidates.append(Candidate("helper", label, value, "x-api-key + authorization", note))
    oauth_env = _env_candidate(get("CLAUDE_CODE_OAUTH_TOKEN"), "oauth_env", "authorization")
    if oauth_env:
        candidates.append(oauth_env)
    candidates.extend(_profile_candidates(inv, values))
    login = _login_candidate(inv, now_ms)
    if login is not None:
        candidates.append(login)
    chosen = candidates[0] if candidates else None
    return Choice("Claude Code", chosen, tuple(candidates[1:]), tuple(notes))


def _login_candidate(inv: Inventory, now_ms: int) -> Candidate | None:
    if inv.oauth is not None and inv.oauth.has_access:
        plan, path = inv.oauth.subscription, inv.oauth.path
        expired = inv.oauth.expired(now_ms)
        if plan and expired:
            label = Msg("/login {plan} subscription session ({path}) — access token expired", plan=plan, path=path)
        elif plan:
            label = Msg("/login {plan} subscription session ({path})", plan=plan, path=path)
        elif expired:
            label = Msg("/login subscription session ({path}) — access token expired", path=path)
        else:
            label = Msg("/login subscription session ({path})", path=path)
        return Candidate(
            "login",
            label,
            inv.oauth.access_token,
            "authorization",
        )
    primary = (inv.claude_json or {}).get("primaryApiKey")
    if isinstance(primary, str) and primary:
        return Candidate(
            "login",
            Msg("Console login key (primaryApiKey in {path})", path=inv.claude_json_path),
            primary,
            "x-api-key",
        )
    return None
