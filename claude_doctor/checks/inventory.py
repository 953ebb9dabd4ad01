"""Everything on this machine that decides how Claude is reached, read without changing anything.

Sources: the process environment, `.env` files from the working directory up to the repository root, Claude Code's
settings files (their `env` blocks and `apiKeyHelper`), `~/.claude.json`, `~/.claude/.credentials.json`, and the
official SDK's profile directory. Broken files become `FileProblem`s; nothing here raises for bad input.
"""

from __future__ import annotations

import io
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.files import FileProblem, TextFile, read_json_object, read_text_file

# Variables that change where requests go, what they carry, or which credential wins.
RELEVANT_VARS: tuple[str, ...] = (
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "CLAUDE_CODE_OAUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_MODEL",
    "ANTHROPIC_DEFAULT_MODEL",
    "ANTHROPIC_DEFAULT_OPUS_MODEL",
    "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL",
    "ANTHROPIC_SMALL_FAST_MODEL",
    "ANTHROPIC_CUSTOM_HEADERS",
    "ANTHROPIC_BETAS",
    "CLAUDE_CODE_USE_BEDROCK",
    "CLAUDE_CODE_USE_VERTEX",
    "CLAUDE_CODE_USE_FOUNDRY",
    "ANTHROPIC_PROFILE",
    "ANTHROPIC_CONFIG_DIR",
    "ANTHROPIC_FEDERATION_RULE_ID",
    "ANTHROPIC_ORGANIZATION_ID",
    "ANTHROPIC_IDENTITY_TOKEN",
    "ANTHROPIC_IDENTITY_TOKEN_FILE",
    "ANTHROPIC_SERVICE_ACCOUNT_ID",
    "ANTHROPIC_WORKSPACE_ID",
    "CLAUDE_CONFIG_DIR",
    "API_TIMEOUT_MS",
    "AWS_BEARER_TOKEN_BEDROCK",
    "ANTHROPIC_FOUNDRY_API_KEY",
)
SECRET_VARS: frozenset[str] = frozenset(
    {
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_AUTH_TOKEN",
        "CLAUDE_CODE_OAUTH_TOKEN",
        "ANTHROPIC_IDENTITY_TOKEN",
        "AWS_BEARER_TOKEN_BEDROCK",
        "ANTHROPIC_FOUNDRY_API_KEY",
        "ANTHROPIC_CUSTOM_HEADERS",
    }
)
CREDENTIAL_VARS: tuple[str, ...] = ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN")

# Claude Code's settings levels, highest precedence first (reference §7.3).
SETTINGS_LEVELS: tuple[str, ...] = ("managed", "local", "project", "user")


@dataclass(frozen=True)
class Setting:
    """One value found somewhere. `value` may be a secret: mask it before showing it."""

    name: str
    value: str
    where: str  # for people: "environment", ".env (/repo/.env)", "~/.claude/settings.json env block"
    origin: str  # for code: env, dotenv, settings:<level>, claude_json, credentials_json, sdk_profile
    path: str | None = None


@dataclass(frozen=True)
class OAuthLogin:
    path: str
    has_access: bool
    has_refresh: bool
    expires_at_ms: int | None
    subscription: str | None
    access_token: str | None = None

    def expired(self, now_ms: int) -> bool:
        return self.expires_at_ms is not None and self.expires_at_ms < now_ms


@dataclass(frozen=True)
class SdkProfile:
    config_dir: str
    name: str
    name_source: str  # ANTHROPIC_PROFILE, active_config, default
    config_path: str
    config: dict[str, Any] | None
    credentials_path: str
    credentials: dict[str, Any] | None
    explicit_pointer: bool

    @property
    def auth_type(self) -> str | None:
        auth = (self.config or {}).get("authentication")
        return auth.get("type") if isinstance(auth, dict) else None

    @property
    def base_url(self) -> str | None:
        value = (self.config or {}).get("base_url")
        return value if isinstance(value, str) and value else None


@dataclass
class Inventory:
    env: list[Setting] = field(default_factory=list)
    dotenv: list[Setting] = field(default_factory=list)
    dotenv_files: list[str] = field(default_factory=list)
    dotenv_bad_lines: list[tuple[str, int, str]] = field(default_factory=list)  # path, line, text (masked later)
    settings_env: list[Setting] = field(default_factory=list)  # highest precedence first
    settings_files: list[tuple[str, str]] = field(default_factory=list)  # (level, path) that exist and parse
    helper: Setting | None = None
    claude_json_path: str = ""
    claude_json: dict[str, Any] | None = None
    oauth: OAuthLogin | None = None
    sdk_profile: SdkProfile | None = None
    problems: list[FileProblem] = field(default_factory=list)
    platform: str = sys.platform

    def process_env(self, name: str) -> Setting | None:
        return next((s for s in self.env if s.name == name), None)

    def claude_code_env(self, name: str) -> Setting | None:
        """The value Claude Code sees: a settings `env` block (highest level first) beats the shell environment."""
        found = next((s for s in self.settings_env if s.name == name), None)
        return found or self.process_env(name)

    def everywhere(self, name: str) -> list[Setting]:
        return [s for s in (*self.env, *self.settings_env, *self.dotenv) if s.name == name]


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


def sdk_config_dir(ctx: CheckContext) -> Path:
    configured = ctx.env.get("ANTHROPIC_CONFIG_DIR")
    if configured:
        return Path(configured).expanduser()
    if sys.platform == "win32":
        appdata = ctx.env.get("APPDATA")
        return (Path(appdata) if appdata else ctx.home / "AppData" / "Roaming") / "Anthropic"
    return ctx.home / ".config" / "anthropic"


def repo_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def pretty(path: Path | str, ctx: CheckContext) -> str:
    """`~/.claude/settings.json` rather than the full home path."""
    text = str(path)
    home = str(ctx.home)
    return "~" + text[len(home) :] if text == home or text.startswith(home + "/") else text


def _collect_env(ctx: CheckContext, inv: Inventory) -> None:
    for name in RELEVANT_VARS:
        if name in ctx.env:
            inv.env.append(Setting(name, ctx.env[name], "environment", "env"))


def _collect_dotenv(ctx: CheckContext, inv: Inventory) -> None:
    from dotenv.parser import parse_stream

    root = repo_root(ctx.cwd)
    folders = [ctx.cwd]
    if root is not None and root != ctx.cwd:
        folders.extend(p for p in ctx.cwd.parents if p == root or root in p.parents)
    for folder in folders:
        path = folder / ".env"
        loaded = read_text_file(path)
        if loaded is None:
            continue
        if isinstance(loaded, FileProblem):
            inv.problems.append(loaded)
            continue
        inv.dotenv_files.append(str(path))
        _note_encoding(loaded, inv)
        for binding in parse_stream(io.StringIO(loaded.text)):
            if binding.error:
                inv.dotenv_bad_lines.append((str(path), binding.original.line, binding.original.string.strip()))
            elif binding.key in RELEVANT_VARS and binding.value is not None:
                where = f".env ({pretty(path, ctx)})"
                inv.dotenv.append(Setting(binding.key, binding.value, where, "dotenv", str(path)))


def _note_encoding(loaded: TextFile, inv: Inventory) -> None:
    if loaded.had_bom:
        inv.problems.append(
            FileProblem(
                loaded.path,
                "warn",
                "starts with a byte-order mark (BOM); some loaders then miss the first variable",
                "save it as UTF-8 without BOM",
            )
        )


def _settings_paths(ctx: CheckContext) -> list[tuple[str, Path]]:
    cc_dir = claude_config_dir(ctx)
    return [
        ("managed", managed_settings_path(ctx)),
        ("local", ctx.cwd / ".claude" / "settings.local.json"),
        ("project", ctx.cwd / ".claude" / "settings.json"),
        ("user", cc_dir / "settings.json"),
    ]


def _collect_settings(ctx: CheckContext, inv: Inventory) -> None:
    seen: set[Path] = set()
    for level, path in _settings_paths(ctx):
        if path in seen:  # the working directory is the home directory: ~/.claude/settings.json read once
            continue
        seen.add(path)
        data, problem = read_json_object(path)
        if problem is not None:
            inv.problems.append(problem)
        if data is None:
            continue
        inv.settings_files.append((level, str(path)))
        label = pretty(path, ctx)
        env_block = data.get("env")
        if isinstance(env_block, dict):
            for name, value in env_block.items():
                if name in RELEVANT_VARS and isinstance(value, str | int | float | bool):
                    inv.settings_env.append(
                        Setting(name, str(value), f"{label} env block", f"settings:{level}", str(path))
                    )
        elif env_block is not None:
            inv.problems.append(FileProblem(path, "warn", "has an `env` that is not an object; Claude Code ignores it"))
        helper = data.get("apiKeyHelper")
        if isinstance(helper, str) and helper.strip() and inv.helper is None:
            inv.helper = Setting("apiKeyHelper", helper, f"{label} apiKeyHelper", f"settings:{level}", str(path))


def _collect_claude_state(ctx: CheckContext, inv: Inventory) -> None:
    path = claude_json_path(ctx)
    inv.claude_json_path = str(path)
    data, problem = read_json_object(path)
    if problem is not None:
        inv.problems.append(problem)
    inv.claude_json = data
    cred_path = claude_config_dir(ctx) / ".credentials.json"
    creds, problem = read_json_object(cred_path)
    if problem is not None:
        inv.problems.append(problem)
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


def _collect_sdk_profile(ctx: CheckContext, inv: Inventory) -> None:
    base = sdk_config_dir(ctx)
    pointer_path = base / "active_config"
    pointer = read_text_file(pointer_path)
    pointer_name = pointer.text.strip() if isinstance(pointer, TextFile) else ""
    if isinstance(pointer, FileProblem):
        inv.problems.append(pointer)
    explicit = ctx.env.get("ANTHROPIC_PROFILE") or ""
    if explicit:
        name, source = explicit, "ANTHROPIC_PROFILE"
    elif pointer_name:
        name, source = pointer_name, "active_config"
    else:
        name, source = "default", "default"
    safe = bool(name) and "/" not in name and "\\" not in name and not name.startswith(".") and name == name.strip()
    config_path = base / "configs" / f"{name}.json"
    credentials_path = base / "credentials" / f"{name}.json"
    config = credentials = None
    if safe:
        config, problem = read_json_object(config_path)
        if problem is not None:
            inv.problems.append(problem)
        credentials, problem = read_json_object(credentials_path)
        if problem is not None:
            inv.problems.append(problem)
    if config is None and credentials is None and source == "default" and not ctx.env.get("ANTHROPIC_CONFIG_DIR"):
        return
    inv.sdk_profile = SdkProfile(
        config_dir=str(base),
        name=name,
        name_source=source,
        config_path=str(config_path),
        config=config,
        credentials_path=str(credentials_path),
        credentials=credentials,
        explicit_pointer=bool(pointer_name),
    )


def collect(ctx: CheckContext) -> Inventory:
    inv = Inventory()
    _collect_env(ctx, inv)
    _collect_dotenv(ctx, inv)
    _collect_settings(ctx, inv)
    _collect_claude_state(ctx, inv)
    _collect_sdk_profile(ctx, inv)
    return inv


def now_ms() -> int:
    return int(time.time() * 1000)
