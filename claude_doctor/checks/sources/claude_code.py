"""Claude Code's files: the settings levels (their `env` blocks and `apiKeyHelper`), `~/.claude.json`, and the
`/login` session in `~/.claude/.credentials.json`. `CLAUDE_CONFIG_DIR` moves all of them but the managed file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import NETWORK_VARS, FileProblem, Inventory, OAuthLogin, Setting, is_relevant
from claude_doctor.checks.sources.files import read_json_object
from claude_doctor.i18n import Msg

_NETWORK_VARS = frozenset(NETWORK_VARS)
# Settings that name a program Claude Code runs to renew a cloud credential (reference (c); CC-DOC amazon-bedrock.md,
# google-vertex-ai.md).
CLOUD_HELPERS = ("awsAuthRefresh", "awsCredentialExport", "gcpAuthRefresh")

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext


def claude_config_dir(ctx: CheckContext) -> Path:
    configured = ctx.env.get("CLAUDE_CONFIG_DIR")
    return Path(configured).expanduser() if configured else ctx.home / ".claude"


def claude_json_path(ctx: CheckContext) -> Path:
    configured = ctx.env.get("CLAUDE_CONFIG_DIR")
    return Path(configured).expanduser() / ".claude.json" if configured else ctx.home / ".claude.json"


def managed_settings_path(ctx: CheckContext) -> Path:
    if ctx.managed_settings is not None:
        return ctx.managed_settings
    if sys.platform == "darwin":
        return Path("/Library/Application Support/ClaudeCode/managed-settings.json")
    if sys.platform == "win32":
        return Path(r"C:\Program Files\ClaudeCode\managed-settings.json")
    return Path("/etc/claude-code/managed-settings.json")


def _settings_paths(ctx: CheckContext) -> list[tuple[str, Path]]:
    """Highest precedence first, as SETTINGS_LEVELS lists them."""
    cc_dir = claude_config_dir(ctx)
    return [
        ("managed", managed_settings_path(ctx)),
        ("local", ctx.cwd / ".claude" / "settings.local.json"),
        ("project", ctx.cwd / ".claude" / "settings.json"),
        ("user", cc_dir / "settings.json"),
    ]


def collect_settings(ctx: CheckContext, inv: Inventory) -> None:
    seen: set[Path] = set()
    for level, path in _settings_paths(ctx):
        if path in seen:  # the working directory is the home directory: ~/.claude/settings.json read once
            continue
        seen.add(path)
        data, problems = read_json_object(path)
        inv.problems.extend(problems)
        if data is None:
            continue
        inv.settings_files.append((level, str(path)))
        label = ctx.pretty(path)
        env_block = data.get("env")
        if isinstance(env_block, dict):
            for name, value in env_block.items():
                if (name in _NETWORK_VARS or is_relevant(name)) and isinstance(value, str | int | float | bool):
                    text = str(value).lower() if isinstance(value, bool) else str(value)
                    inv.settings_env.append(
                        Setting(name, text, Msg("{file} env block", file=label), f"settings:{level}", str(path))
                    )
        elif env_block is not None:
            inv.problems.append(
                FileProblem(path, "warn", Msg("has an `env` that is not an object; Claude Code ignores it"), key="env")
            )
        helper = data.get("apiKeyHelper")
        if isinstance(helper, str) and helper.strip():
            where = Msg("{file} apiKeyHelper", file=label)
            inv.helpers.append(Setting("apiKeyHelper", helper, where, f"settings:{level}", str(path)))
        for name in CLOUD_HELPERS:
            command = data.get(name)
            if isinstance(command, str) and command.strip():
                where = Msg("{file} {setting}", file=label, setting=name)
                inv.clouds.helpers.append(Setting(name, command, where, f"settings:{level}", str(path)))


def collect_claude_state(ctx: CheckContext, inv: Inventory) -> None:
    path = claude_json_path(ctx)
    inv.claude_json_path = str(path)
    data, problems = read_json_object(path)
    inv.problems.extend(problems)
    inv.claude_json = data
    inv.trusted = _trusted_folder(ctx, data)
    cred_path = claude_config_dir(ctx) / ".credentials.json"
    creds, problems = read_json_object(cred_path)
    inv.problems.extend(problems)
    oauth = (creds or {}).get("claudeAiOauth")
    if isinstance(oauth, dict):
        expires = oauth.get("expiresAt")
        access = oauth.get("accessToken")
        inv.oauth = OAuthLogin(
            path=str(cred_path),
            has_access=isinstance(access, str) and bool(access),
            has_refresh=isinstance(oauth.get("refreshToken"), str) and bool(oauth.get("refreshToken")),
            expires_at_ms=int(expires) if isinstance(expires, int | float) else None,
            subscription=oauth.get("subscriptionType") if isinstance(oauth.get("subscriptionType"), str) else None,
            access_token=access if isinstance(access, str) else None,
        )


def _trusted_folder(ctx: CheckContext, claude_json: dict[str, object] | None) -> str | None:
    """The folder at or above the working directory whose trust dialog was accepted in Claude Code, as recorded in
    `~/.claude.json` (`projects[<path>].hasTrustDialogAccepted`); None when there is none."""
    projects = (claude_json or {}).get("projects")
    if not isinstance(projects, dict):
        return None
    folders = [ctx.cwd, *ctx.cwd.parents]
    try:
        real = ctx.cwd.resolve()
        folders += [real, *real.parents]
    except (OSError, RuntimeError):
        pass
    for folder in folders:
        entry = projects.get(str(folder))
        if isinstance(entry, dict) and entry.get("hasTrustDialogAccepted") is True:
            return str(folder)
    return None
