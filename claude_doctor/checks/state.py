"""What the local checks share: the context, the inventory and the two precedence decisions, computed once."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.inventory import GOOGLE_SECRET_FIELDS, SECRET_VARS, CloudFiles, IniFile, Inventory, SsoToken
from claude_doctor.checks.resolve.clients import ClientSetup, resolve_clients
from claude_doctor.checks.resolve.credential import Choice
from claude_doctor.checks.resolve.endpoint import sdk_base_url
from claude_doctor.checks.sources import collect


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True)
class LocalState:
    ctx: CheckContext
    inv: Inventory
    now_ms: int
    clients: tuple[ClientSetup, ...]
    # Credentials obtained while probing (a Google access token, SSO role keys), added as they are made.
    minted: list[str] = field(default_factory=list)

    @classmethod
    def gather(cls, ctx: CheckContext) -> LocalState:
        """Read every source, then resolve what each client would use."""
        inv = collect(ctx)
        now = now_ms()
        return cls(ctx, inv, now, resolve_clients(inv, ctx.env, now, ctx.options.clients))

    def client(self, client_id: str) -> ClientSetup:
        return next(c for c in self.clients if c.client == client_id)

    @property
    def sdk(self) -> Choice:
        """The Python SDK's credential choice."""
        return self.client("python").choice

    @property
    def claude_code(self) -> Choice:
        return self.client("claude_code").choice

    def in_use(self) -> tuple[ClientSetup, ...]:
        return tuple(c for c in self.clients if c.in_use)

    def base_url(self) -> tuple[str, str]:
        """(url, where it came from) as the Python SDK resolves it."""
        return sdk_base_url(self.inv, self.sdk)

    def secrets(self) -> tuple[str, ...]:
        """Every secret value found, so any text can be redacted before it is shown."""
        values = [s.value for s in (*self.inv.env, *self.inv.dotenv, *self.inv.settings_env) if s.name in SECRET_VARS]
        primary = (self.inv.claude_json or {}).get("primaryApiKey")
        if isinstance(primary, str):
            values.append(primary)
        if self.inv.oauth is not None and self.inv.oauth.access_token:
            values.append(self.inv.oauth.access_token)
        values += [run.value for run in self.inv.helper_runs.values() if run.value]
        values += cloud_secrets(self.inv.clouds)
        values += self.minted
        return tuple(v for v in values if v)


_AWS_SECRET_KEYS = ("aws_secret_access_key", "aws_session_token", "aws_access_key_id", "aws_security_token")


def cloud_secrets(clouds: CloudFiles) -> list[str]:
    """Every secret read from AWS's and Google's files or printed by a credential program."""
    values: list[str] = []
    for ini in clouds.aws_ini.values():
        if isinstance(ini, IniFile):
            values += [v for section in ini.sections.values() for k, v in section.items() if k in _AWS_SECRET_KEYS]
    for token in clouds.sso_tokens.values():
        if isinstance(token, SsoToken):
            values += [v for v in (token.access_token, token.refresh_token, token.client_secret) if v]
    for file in clouds.google.values():
        values += [file.text(k) or "" for k in GOOGLE_SECRET_FIELDS]
    for run in clouds.runs.values():
        values += [v for k, v in run.values.items() if k != "Expiration"]
    return values
