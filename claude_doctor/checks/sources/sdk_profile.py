"""The official SDK's profile directory (`ANTHROPIC_CONFIG_DIR`, else `~/.config/anthropic`): which profile is active
and what its `configs/` and `credentials/` files hold."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import FileProblem, Inventory, SdkProfile
from claude_doctor.checks.sources.files import TextFile, read_json_object, read_text_file

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext


def sdk_config_dir(ctx: CheckContext) -> Path:
    configured = ctx.env.get("ANTHROPIC_CONFIG_DIR")
    if configured:
        return Path(configured).expanduser()
    if sys.platform == "win32":
        appdata = ctx.env.get("APPDATA")
        return (Path(appdata) if appdata else ctx.home / "AppData" / "Roaming") / "Anthropic"
    return ctx.home / ".config" / "anthropic"


def collect_sdk_profile(ctx: CheckContext, inv: Inventory) -> None:
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
        config, problems = read_json_object(config_path)
        inv.problems.extend(problems)
        credentials, problems = read_json_object(credentials_path)
        inv.problems.extend(problems)
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
