"""The local half of `check` (all of `check --offline`): everything knowable without the network, in report order.

Check functions turn the gathered `LocalState` into `CheckResult`s: `credentials` (which credential each client uses
and what is wrong with it), `configuration` (endpoint, model, headers, timeouts, unreadable files) and `hygiene` (where
secrets sit on disk). They read the machine only through `checks.sources`.
"""

from __future__ import annotations

from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.local import clouds, configuration, credentials, hygiene, network
from claude_doctor.checks.runner import Check, run_checks
from claude_doctor.checks.state import LocalState
from claude_doctor.i18n import N_
from claude_doctor.model import CheckResult

LOCAL_CHECKS: tuple[tuple[str, str, Check[LocalState]], ...] = (
    ("clients", "Clients", credentials.check_clients),
    ("credentials.sources", "Credentials", credentials.check_sources),
    ("credentials.sdk", "Credentials", credentials.check_sdk_choice),
    ("credentials.typescript", "Credentials", credentials.check_typescript_choice),
    ("credentials.claude_code", "Credentials", credentials.check_claude_code_choice),
    ("credentials.lint", "Credentials", credentials.check_credential_lints),
    ("credentials.conflicts", "Credentials", credentials.check_conflicts),
    ("claude_code.state", "Credentials", credentials.check_claude_state),
    ("credentials.sdk_profile", "Credentials", credentials.check_sdk_profile),
    ("credentials.helper", "Credentials", credentials.check_helper),
    ("cloud.helpers", "Credentials", clouds.check_cloud_helpers),
    ("hygiene.dotenv_git", "Credentials", hygiene.check_dotenv_git),
    ("hygiene.permissions", "Credentials", hygiene.check_permissions),
    ("hygiene.committed_keys", "Credentials", hygiene.check_committed_keys),
    ("hygiene.history_keys", "Credentials", hygiene.check_history_keys),
    ("config.base_url", "Configuration", configuration.check_base_url),
    ("config.files", "Configuration", configuration.check_files),
    ("config.model", "Configuration", configuration.check_model),
    ("config.custom_headers", "Configuration", configuration.check_custom_headers),
    ("config.api_timeout", "Configuration", configuration.check_timeout),
    ("cloud.setups", "Configuration", clouds.check_cloud_setups),
    ("cloud.lints", "Configuration", clouds.check_cloud_lints),
    ("network.proxy", "Network", network.check_proxy),
)


def run_local(ctx: CheckContext, *, debug: bool = False) -> tuple[LocalState | None, list[CheckResult]]:
    try:
        state = LocalState.gather(ctx)
    except Exception as exc:  # reading the machine failed in a way no file check caught
        if debug:
            raise
        return None, [
            CheckResult(
                "credentials.inventory",
                "fail",
                N_("could not read the local configuration"),
                "Credentials",
                f"{type(exc).__name__}: {exc}",
                (N_("run again with --debug and report the traceback"),),
            )
        ]
    return state, run_checks(LOCAL_CHECKS, state, debug=debug)
