"""Google's own files, read and never changed: the credentials file `GOOGLE_APPLICATION_CREDENTIALS` names (for the
shell and for Claude Code's settings alike), the application-default credentials file gcloud writes
(`~/.config/gcloud/application_default_credentials.json`, under `CLOUDSDK_CONFIG` or `%APPDATA%\\gcloud` when set), and
the project of gcloud's active configuration (`configurations/config_<name>`, `[core] project`), which is what
`gcloud config get project` would print: read from the file, so gcloud is never run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import FileProblem, GoogleCredentials, Inventory
from claude_doctor.checks.sources.files import read_json_object, read_text_file
from claude_doctor.i18n import Msg

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext

ADC_FILE = "application_default_credentials.json"


def gcloud_dir(ctx: CheckContext, env_value: str | None = None) -> Path:
    configured = env_value if env_value is not None else ctx.env.get("CLOUDSDK_CONFIG")
    if configured:
        return Path(configured).expanduser()
    if os.name == "nt" and ctx.env.get("APPDATA"):
        return Path(ctx.env["APPDATA"]) / "gcloud"
    return ctx.home / ".config" / "gcloud"


def collect_google(ctx: CheckContext, inv: Inventory) -> None:
    folder = gcloud_dir(ctx)
    adc = folder / ADC_FILE
    inv.clouds.adc_path = str(adc)
    paths = {ctx.env.get("GOOGLE_APPLICATION_CREDENTIALS")}
    paths |= {s.value for s in inv.settings_env if s.name == "GOOGLE_APPLICATION_CREDENTIALS"}
    for value in sorted(p for p in paths if p is not None):
        if not value.strip():
            inv.clouds.google[value] = GoogleCredentials(value, repr(value), False, Msg("is set but empty"))
            continue
        path = Path(value).expanduser()
        inv.clouds.google[value] = read_google_file(path, ctx.pretty(path))
    inv.clouds.google[str(adc)] = read_google_file(adc, ctx.pretty(adc))
    inv.clouds.gcloud_project = _gcloud_project(folder, ctx)


def read_google_file(path: Path, shown: str) -> GoogleCredentials:
    data, problems = read_json_object(path)
    if data is None:
        if problems:
            return GoogleCredentials(str(path), shown, True, problems[0].message)
        return GoogleCredentials(str(path), shown, False, Msg("does not exist"))
    kind = data.get("type")
    return GoogleCredentials(str(path), shown, True, None, kind if isinstance(kind, str) else None, data)


def _gcloud_project(folder: Path, ctx: CheckContext) -> tuple[str, str] | None:
    name = "default"
    active = read_text_file(folder / "active_config")
    if active is not None and not isinstance(active, FileProblem) and active.text.strip():
        name = active.text.strip().splitlines()[0].strip()
    if ctx.env.get("CLOUDSDK_ACTIVE_CONFIG_NAME"):
        name = ctx.env["CLOUDSDK_ACTIVE_CONFIG_NAME"]
    path = folder / "configurations" / f"config_{name}"
    loaded = read_text_file(path)
    if loaded is None or isinstance(loaded, FileProblem):
        return None
    import configparser  # only when gcloud is configured here

    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(loaded.text)
        project = parser.get("core", "project", fallback="").strip()
    except configparser.Error:
        return None
    return (project, ctx.pretty(path)) if project else None
