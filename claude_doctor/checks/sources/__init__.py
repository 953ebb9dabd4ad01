"""Readers of the machine, and nothing else: the process environment, `.env` files, Claude Code's files, the SDK's
profile directory, AWS's and Google's own files, git, and `apiKeyHelper` when asked to run it. Each source fills its
part of an `Inventory`; broken files become `FileProblem`s, and nothing here raises for bad input. What the values mean
is `checks.resolve`'s job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import Inventory
from claude_doctor.checks.sources.aws import collect_aws
from claude_doctor.checks.sources.claude_code import collect_claude_state, collect_settings
from claude_doctor.checks.sources.clients import collect_clients
from claude_doctor.checks.sources.cloud_helpers import collect_cloud_runs
from claude_doctor.checks.sources.dotenv_files import collect_dotenv
from claude_doctor.checks.sources.environment import collect_environment
from claude_doctor.checks.sources.google import collect_google
from claude_doctor.checks.sources.helper import collect_helper_runs
from claude_doctor.checks.sources.sdk_profile import collect_sdk_profile

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext

__all__ = ["collect"]


def collect(ctx: CheckContext) -> Inventory:
    """Everything on this machine that decides how Claude is reached, read without changing anything."""
    inv = Inventory()
    collect_environment(ctx, inv)
    collect_dotenv(ctx, inv)
    collect_settings(ctx, inv)
    collect_claude_state(ctx, inv)
    collect_sdk_profile(ctx, inv)
    collect_clients(ctx, inv)
    collect_aws(ctx, inv)
    collect_google(ctx, inv)
    inv.helper_runs = collect_helper_runs(ctx, inv)
    collect_cloud_runs(ctx, inv)
    return inv
