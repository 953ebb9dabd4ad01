"""What the local checks share: the context, the inventory and the two precedence decisions, computed once."""

from __future__ import annotations

import time
from dataclasses import dataclass

from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.inventory import SECRET_VARS, Inventory
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
        return tuple(v for v in values if v)
