"""Programs that AWS's and Claude Code's settings name to produce a cloud credential: a profile's `credential_process`
and Claude Code's `awsCredentialExport`. Like `apiKeyHelper` (`sources.helper`), they run only with `--run-helpers`,
a project's own `awsCredentialExport` only when Claude Code trusts the folder (or with `--run-project-helper`), each
bounded by the same timeout, process-group kill and output cap; what they print is kept as secrets.

`awsAuthRefresh` and `gcpAuthRefresh` are never run here: they exist to change the credential files (an
`aws sso login` that waits for a browser), and this tool only reads.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import CloudRun, IniFile, Inventory
from claude_doctor.checks.sources.helper import HELPER_TIMEOUT, is_project_helper, run_program
from claude_doctor.i18n import Msg

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext

OUTPUT_CAP = 64 * 1024 + 2  # a credential document is a few hundred bytes
_FIELDS = ("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration")


def cloud_commands(ctx: CheckContext, inv: Inventory) -> list[tuple[str, str]]:
    """(command, kind) of every credential program a client here would run: the awsCredentialExport Claude Code uses,
    and the credential_process of each profile a client would select."""
    out: list[tuple[str, str]] = []
    export = next((h for h in inv.clouds.helpers if h.name == "awsCredentialExport"), None)
    if export is not None:
        out.append((export.value, "export"))
    names = {"default"}
    for variable in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        if ctx.env.get(variable):
            names.add(ctx.env[variable].strip())
        names |= {s.value.strip() for s in inv.settings_env if s.name == variable}
    for ini in inv.clouds.aws_ini.values():
        if not isinstance(ini, IniFile):
            continue
        for name in sorted(names):
            section = ini.sections.get("default" if name == "default" else f"profile {name}") or {}
            command = section.get("credential_process")
            if command and (command, "process") not in out:
                out.append((command, "process"))
    return out


def collect_cloud_runs(ctx: CheckContext, inv: Inventory) -> None:
    for command, kind in cloud_commands(ctx, inv):
        if not ctx.run_helpers:
            inv.clouds.runs[command] = CloudRun(False, Msg("not run: pass --run-helpers to run it"))
            continue
        export = next((h for h in inv.clouds.helpers if h.value == command), None)
        untrusted = inv.trusted is None and not ctx.run_project_helper
        if kind == "export" and export is not None and is_project_helper(export) and untrusted:
            inv.clouds.runs[command] = CloudRun(
                False,
                Msg(
                    "not run: it comes from this project's own settings, and Claude Code has not been told to "
                    "trust this folder; pass --run-project-helper to run it"
                ),
            )
            continue
        timeout = min(HELPER_TIMEOUT, max(0.5, ctx.remaining()))
        run = run_program(command, cwd=ctx.cwd, env=dict(ctx.env), timeout=timeout, cap=OUTPUT_CAP)
        inv.clouds.runs[command] = parse_output(run.output, run.problem, kind)


def parse_output(output: bytes, problem: str, kind: str) -> CloudRun:
    """credential_process prints `{"Version": 1, "AccessKeyId": …}`; awsCredentialExport `{"Credentials": {…}}`."""
    if problem:
        return CloudRun(True, problem)
    try:
        data = json.loads(output.decode("utf-8", "replace"))
    except ValueError:
        return CloudRun(True, Msg("did not print JSON"))
    if kind == "export" and isinstance(data, dict):
        data = data.get("Credentials")
    if not isinstance(data, dict):
        return CloudRun(True, Msg("printed JSON without the credentials object"))
    values = {k: str(data[k]) for k in _FIELDS if isinstance(data.get(k), str | int) and str(data[k])}
    if not values.get("AccessKeyId") or not values.get("SecretAccessKey"):
        return CloudRun(True, Msg("printed no AccessKeyId and SecretAccessKey"))
    return CloudRun(True, "", values)
