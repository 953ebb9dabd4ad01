"""What the local checks share: the context, the inventory and the two precedence decisions, computed once."""

from __future__ import annotations

from dataclasses import dataclass

from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.inventory import SECRET_VARS, Inventory, collect, now_ms
from claude_doctor.checks.lint.endpoint import DEFAULT_BASE_URL
from claude_doctor.checks.precedence import Choice, claude_code_choice, sdk_choice


@dataclass(frozen=True)
class LocalState:
    ctx: CheckContext
    inv: Inventory
    now_ms: int
    sdk: Choice
    claude_code: Choice

    @classmethod
    def gather(cls, ctx: CheckContext) -> LocalState:
        inv = collect(ctx)
        now = now_ms()
        return cls(ctx, inv, now, sdk_choice(inv), claude_code_choice(inv, now))

    def base_url(self) -> tuple[str, str]:
        """(url, where it came from) as the SDK resolves it: ANTHROPIC_BASE_URL, the profile's, the default."""
        setting = self.inv.process_env("ANTHROPIC_BASE_URL")
        if setting is not None and setting.value:
            return setting.value, "ANTHROPIC_BASE_URL (environment)"
        profile = self.inv.sdk_profile
        if (
            profile is not None
            and profile.base_url
            and self.sdk.chosen
            and self.sdk.chosen.mechanism
            in {
                "profile",
                "active_profile",
            }
        ):
            return profile.base_url, f"SDK profile '{profile.name}'"
        return DEFAULT_BASE_URL, "default"

    def secrets(self) -> tuple[str, ...]:
        """Every secret value found, so any text can be redacted before it is shown."""
        values = [s.value for s in (*self.inv.env, *self.inv.dotenv, *self.inv.settings_env) if s.name in SECRET_VARS]
        primary = (self.inv.claude_json or {}).get("primaryApiKey")
        if isinstance(primary, str):
            values.append(primary)
        if self.inv.oauth is not None and self.inv.oauth.access_token:
            values.append(self.inv.oauth.access_token)
        return tuple(v for v in values if v)
