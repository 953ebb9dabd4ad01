"""AWS's own files, read as the AWS SDKs read them and never changed: the shared config and credentials files
(`~/.aws/config`, `~/.aws/credentials`, or where `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` point, for the shell
and for Claude Code's settings alike) and the IAM Identity Center (SSO) logins cached in `~/.aws/sso/cache`, only
those the profiles name (the cache key is the SHA-1 of the `sso-session` name, else of the start URL, as botocore's
`SSOTokenLoader` computes it). Nothing is run and nothing is sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import FileProblem, IniFile, Inventory, SsoToken, sso_cache_key
from claude_doctor.checks.sources.files import read_json_object, read_text_file
from claude_doctor.i18n import Msg

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext


def config_path(ctx: CheckContext, value: str | None) -> Path:
    return Path(value).expanduser() if value else ctx.home / ".aws" / "config"


def credentials_path(ctx: CheckContext, value: str | None) -> Path:
    return Path(value).expanduser() if value else ctx.home / ".aws" / "credentials"


def collect_aws(ctx: CheckContext, inv: Inventory) -> None:
    """Every AWS file a client here would read: the shell's and the settings' choices of file, each read once."""
    for name, kind, where in (
        ("AWS_CONFIG_FILE", "config", config_path),
        ("AWS_SHARED_CREDENTIALS_FILE", "credentials", credentials_path),
    ):
        values = {ctx.env.get(name) or ""} | {s.value for s in inv.settings_env if s.name == name}
        for value in sorted(values):
            path = where(ctx, value or None)
            inv.clouds.aws_ini[f"{kind}:{value}"] = read_ini(path, ctx.pretty(path))
    for key in sorted(_sso_keys(inv.clouds.aws_ini.values())):
        cache = ctx.home / ".aws" / "sso" / "cache" / f"{sso_cache_key(key)}.json"
        token = read_sso_token(cache, key)
        if token is not None:
            inv.clouds.sso_tokens[sso_cache_key(key)] = token


def read_ini(path: Path, shown: str) -> IniFile | FileProblem | None:
    """The file's sections, None when it does not exist, or why it cannot be used."""
    loaded = read_text_file(path)
    if loaded is None or isinstance(loaded, FileProblem):
        return loaded
    import configparser  # only when the file exists: most machines have none

    parser = configparser.RawConfigParser(strict=False, default_section="\x00none")
    try:
        parser.read_string(loaded.text, source=str(path))
    except configparser.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return FileProblem(
            path,
            "fail",
            Msg("cannot be read as an AWS configuration file: {why}", why=first),
            Msg("fix the file by hand, or recreate it with `aws configure`"),
        )
    sections = {
        name.strip(): {k.lower(): v.strip() for k, v in parser.items(name)} for name in parser.sections() if name
    }
    return IniFile(str(path), shown, sections)


def _sso_keys(files: Iterable[IniFile | FileProblem | None]) -> set[str]:
    keys: set[str] = set()
    for ini in files:
        if not isinstance(ini, IniFile):
            continue
        for name, values in ini.sections.items():
            if name.startswith("sso-session "):
                keys.add(name.removeprefix("sso-session ").strip())
            elif values.get("sso_session"):
                keys.add(values["sso_session"])
            elif values.get("sso_start_url"):
                keys.add(values["sso_start_url"])
    return keys


def read_sso_token(path: Path, key: str) -> SsoToken | FileProblem | None:
    data, problems = read_json_object(path)
    if data is None:
        return problems[0] if problems else None
    token = data.get("accessToken")
    refresh = data.get("refreshToken")
    secret = data.get("clientSecret")
    return SsoToken(
        str(path),
        key,
        parse_time(data.get("expiresAt")),
        token if isinstance(token, str) and token else None,
        refresh if isinstance(refresh, str) and refresh else None,
        secret if isinstance(secret, str) and secret else None,
        parse_time(data.get("registrationExpiresAt")),
        data.get("region") if isinstance(data.get("region"), str) else None,
    )


def parse_time(value: object) -> float | None:
    """`2026-01-02T03:04:05Z`, `…UTC`, or with an offset or fraction, as the AWS tools write it: epoch seconds."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("UTC", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
