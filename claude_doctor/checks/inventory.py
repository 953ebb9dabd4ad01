"""What was read: everything on this machine that decides how Claude is reached, as plain data.

`checks.sources` fills an `Inventory` (one module per source); `checks.resolve` decides from it, without I/O.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The cloud providers' own variables, as Claude Code and the SDKs' Bedrock and Vertex clients read them (reference
# clients-clouds-relays.md (c); anthropic 2.14 `lib/bedrock`, `lib/aws`, `lib/vertex`). `VERTEX_REGION_CLAUDE_*` are
# matched by prefix (`is_relevant`).
CLOUD_VARS: tuple[str, ...] = (
    "CLAUDE_CODE_USE_MANTLE",
    "CLAUDE_CODE_SKIP_BEDROCK_AUTH",
    "CLAUDE_CODE_SKIP_MANTLE_AUTH",
    "CLAUDE_CODE_SKIP_VERTEX_AUTH",
    "ANTHROPIC_BEDROCK_BASE_URL",
    "ANTHROPIC_BEDROCK_MANTLE_BASE_URL",
    "ANTHROPIC_BEDROCK_REGION_PREFIX",
    "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_BEDROCK",
    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
    "AWS_ENDPOINT_URL_SSO",
    "CLOUD_ML_REGION",
    "ANTHROPIC_VERTEX_PROJECT_ID",
    "ANTHROPIC_VERTEX_BASE_URL",
    "GCLOUD_PROJECT",
    "GOOGLE_CLOUD_PROJECT",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "CLOUDSDK_CONFIG",
)
VERTEX_REGION_PREFIX = "VERTEX_REGION_CLAUDE_"

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
    *CLOUD_VARS,
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
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_ACCESS_KEY_ID",
    }
)
CREDENTIAL_VARS: tuple[str, ...] = ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN")
# Variables that decide the path and the trust store rather than the request: read from Claude Code's settings `env`
# blocks too, since Claude Code applies them to itself. The shell's own values are in the context's environment.
NETWORK_VARS: tuple[str, ...] = (
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    "NODE_EXTRA_CA_CERTS",
    "NODE_USE_SYSTEM_CA",
    "NODE_OPTIONS",
    "CLAUDE_CODE_CERT_STORE",
    "CLAUDE_CODE_MAX_RETRIES",
    "CLAUDE_CODE_RETRY_WATCHDOG",
)


def is_relevant(name: str) -> bool:
    """A variable this tool reads: one of RELEVANT_VARS, or a per-model Vertex region (`VERTEX_REGION_CLAUDE_*`)."""
    return name in _RELEVANT or (name.startswith(VERTEX_REGION_PREFIX) and len(name) > len(VERTEX_REGION_PREFIX))


_RELEVANT = frozenset(RELEVANT_VARS)

# Claude Code's settings levels, highest precedence first (reference §7.3).
SETTINGS_LEVELS: tuple[str, ...] = ("managed", "local", "project", "user")


@dataclass(frozen=True)
class FileProblem:
    """A file that exists but cannot be used, in words the report shows as is."""

    path: Path
    severity: str  # "warn" or "fail"
    message: str
    fix: str = ""
    key: str | None = None  # the value inside the file this is about ("oauthAccount.expiresAt"), when it is one


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


@dataclass(frozen=True)
class HelperRun:
    """What one apiKeyHelper printed, or why it was not run or did not work. `value` is a secret: mask it."""

    ok: bool
    value: str | None
    problem: str
    ran: bool = True


@dataclass(frozen=True)
class ClientInstall:
    """What was found of one client on this machine, before any decision: read by `checks.sources.clients`."""

    client: str  # claude_code, python, typescript
    found: bool  # installed, or configured on disk (Claude Code's files)
    version: str | None = None
    where: str = ""  # for people: "claude on PATH (/usr/local/bin/claude)", "anthropic 2.14.0 in ~/p/.venv"
    depends: str | None = None  # the project's declaration: "pyproject.toml: anthropic>=2.0"
    interpreter: str | None = None  # Python only: the interpreter whose packages were looked at
    notes: tuple[str, ...] = ()


@dataclass
class Inventory:
    env: list[Setting] = field(default_factory=list)
    dotenv: list[Setting] = field(default_factory=list)
    dotenv_files: list[str] = field(default_factory=list)
    dotenv_bad_lines: list[tuple[str, int, str]] = field(default_factory=list)  # path, line, text (masked later)
    settings_env: list[Setting] = field(default_factory=list)  # highest precedence first
    settings_files: list[tuple[str, str]] = field(default_factory=list)  # (level, path) that exist and parse
    helpers: list[Setting] = field(default_factory=list)  # every apiKeyHelper, highest precedence first
    trusted: str | None = None  # the folder whose Claude Code trust dialog was accepted, covering the working directory
    claude_json_path: str = ""
    claude_json: dict[str, Any] | None = None
    oauth: OAuthLogin | None = None
    sdk_profile: SdkProfile | None = None
    problems: list[FileProblem] = field(default_factory=list)
    installs: dict[str, ClientInstall] = field(default_factory=dict)
    helper_runs: dict[str, HelperRun] = field(default_factory=dict)  # by the settings file that names the helper
    platform: str = sys.platform
    clouds: CloudFiles = field(default_factory=lambda: CloudFiles())

    @property
    def helper(self) -> Setting | None:
        """The apiKeyHelper Claude Code uses: the one in the highest settings level that sets one."""
        return self.helpers[0] if self.helpers else None

    def helper_run(self, helper: Setting) -> HelperRun | None:
        return self.helper_runs.get(helper.path or helper.where)

    def process_env(self, name: str) -> Setting | None:
        return next((s for s in self.env if s.name == name), None)

    def claude_code_env(self, name: str) -> Setting | None:
        """The value Claude Code sees: a settings `env` block (highest level first) beats the shell environment."""
        found = next((s for s in self.settings_env if s.name == name), None)
        return found or self.process_env(name)

    def everywhere(self, name: str) -> list[Setting]:
        return [s for s in (*self.env, *self.settings_env, *self.dotenv) if s.name == name]


# -- the clouds: what was read of AWS's and Google's own files (checks.sources.aws, checks.sources.google) -----------


@dataclass(frozen=True)
class IniFile:
    """An AWS configuration or credentials file: its sections by name (`default`, `profile dev`, `sso-session s`),
    keys lower-cased. Values may be secrets (`aws_secret_access_key`): mask them before showing them."""

    path: str
    shown: str  # ~/.aws/config
    sections: dict[str, dict[str, str]]


@dataclass(frozen=True)
class SsoToken:
    """One cached IAM Identity Center (SSO) login, `~/.aws/sso/cache/<sha1>.json`. The tokens are secrets."""

    path: str
    key: str  # the sso-session name or the start URL it belongs to
    expires_at: float | None  # seconds since the epoch; None when missing or unreadable
    access_token: str | None = None
    refresh_token: str | None = None
    client_secret: str | None = None
    registration_expires_at: float | None = None
    region: str | None = None


# The fields of a Google credentials file that are secrets (resolve.google lints them, LocalState masks them).
GOOGLE_SECRET_FIELDS = ("private_key", "refresh_token", "client_secret", "private_key_id")


@dataclass(frozen=True)
class GoogleCredentials:
    """A Google credentials file (`GOOGLE_APPLICATION_CREDENTIALS`, or the application-default file gcloud writes).
    `info` holds its secrets (a private key, a refresh token): mask them before showing them."""

    path: str
    shown: str
    exists: bool
    problem: str | None = None  # why it cannot be used, in words the report shows as is
    kind: str | None = None  # the file's `type`: service_account, authorized_user, external_account, …
    info: dict[str, Any] | None = None

    def text(self, key: str) -> str | None:
        value = (self.info or {}).get(key)
        return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class CloudRun:
    """What a program named by a cloud setting printed (`credential_process`, `awsCredentialExport`), or why it was
    not run. The values are secrets."""

    ran: bool
    problem: str = ""
    values: dict[str, str] = field(default_factory=dict)  # AccessKeyId, SecretAccessKey, SessionToken, Expiration


@dataclass
class CloudFiles:
    # By `config:<AWS_CONFIG_FILE as given>` and `credentials:<AWS_SHARED_CREDENTIALS_FILE as given>` (empty: the
    # default file); None: no such file.
    aws_ini: dict[str, IniFile | FileProblem | None] = field(default_factory=dict)
    sso_tokens: dict[str, SsoToken | FileProblem] = field(default_factory=dict)  # by cache key (sha1)
    google: dict[str, GoogleCredentials] = field(default_factory=dict)  # by path
    gcloud_project: tuple[str, str] | None = None  # (project, the gcloud configuration file it came from)
    adc_path: str = ""  # where gcloud's application-default credentials file is
    helpers: list[Setting] = field(default_factory=list)  # awsAuthRefresh, awsCredentialExport, gcpAuthRefresh
    runs: dict[str, CloudRun] = field(default_factory=dict)  # by the command run
    sdk_clouds: dict[str, str] = field(default_factory=dict)  # bedrock / vertex → where the project uses that client
    libraries: dict[str, str] = field(
        default_factory=dict
    )  # boto3, botocore, google-auth → version, in the interpreter

    def ini(self, key: str) -> IniFile | None:
        found = self.aws_ini.get(key)
        return found if isinstance(found, IniFile) else None


def sso_cache_key(session_or_url: str) -> str:
    """The name of an SSO login's cache file: the SHA-1 of the sso-session name, else of the start URL (botocore's
    `SSOTokenLoader`; not a security use)."""
    import hashlib

    return hashlib.sha1(session_or_url.encode("utf-8")).hexdigest()
