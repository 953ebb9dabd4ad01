"""A client on a cloud provider: what it would use there (region, endpoint, credential, project, models) and what is
wrong with it, before anything is sent. Pure: the data model shared by `resolve.aws` (Bedrock and its Mantle
endpoint) and `resolve.google` (Vertex AI), and the model-id lints of each provider.

Model ids, as the providers document them (platform.claude.com "Claude on Vertex AI" and "Amazon Bedrock"; Claude
Code's amazon-bedrock.md and google-vertex-ai.md):
- Bedrock: `anthropic.<id>-v1:0`, invoked on demand only through an inference profile for Claude 3.7 and later, whose
  id carries a geography prefix (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `us-gov.`, `global.`), or an ARN;
- Mantle: `anthropic.<id>` with neither prefix nor version suffix;
- Vertex AI: `<id>@<date>` for models before Claude 4.6, `<id>` after; and some older models are not served by the
  `global` endpoint (Claude Code's `VERTEX_REGION_CLAUDE_*` table).
Claude Code's aliases (`sonnet`, `opus[1m]`, …) are its own and fit every provider.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from claude_doctor.checks.inventory import GoogleCredentials, SsoToken
from claude_doctor.i18n import Msg

Severity = Literal["warn", "fail"]
PROVIDER_NAMES: Final[dict[str, str]] = {
    "bedrock": "Amazon Bedrock",
    "mantle": "Amazon Bedrock (Mantle)",
    "vertex": "Google Vertex AI",
    "foundry": "Microsoft Foundry",
}
CREDENTIALS = "Credentials"
CONFIGURATION = "Configuration"


@dataclass(frozen=True)
class Value:
    value: str
    source: str  # for people: "AWS_REGION (environment)", "region in ~/.aws/config [profile dev]"


@dataclass(frozen=True)
class CloudLint:
    """One finding about a cloud setup, naming the variable or file that causes it."""

    key: str  # stable part of the check id: region, profile, sso, models, project, …
    severity: Severity
    title: str
    detail: str = ""
    fix: tuple[str, ...] = ()
    section: str = CONFIGURATION


@dataclass(frozen=True)
class AwsCredential:
    """The AWS credential a client would use, as far as the files and the environment tell. Values are secrets."""

    kind: str  # bearer, env_keys, profile_keys, sso, process, export, assume_role, web_identity, container, skip, none
    source: str
    profile: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    session_token: str | None = None
    bearer: str | None = None
    sso: SsoToken | None = None
    sso_account: str | None = None
    sso_role: str | None = None
    sso_region: str | None = None
    command: str | None = None  # credential_process or awsCredentialExport
    note: str = ""  # why it cannot be used for a probe, when it cannot

    @property
    def signing(self) -> bool:
        """Keys in hand to sign a request with (SigV4)."""
        return bool(self.access_key and self.secret_key)


@dataclass(frozen=True)
class GoogleCredential:
    kind: str  # service_account, authorized_user, external_account, …, skip, none
    source: str
    file: GoogleCredentials | None = None


@dataclass(frozen=True)
class CloudSetup:
    provider: str  # bedrock, mantle, vertex, foundry
    switch: str  # what put the client there: "CLAUDE_CODE_USE_BEDROCK (environment)", "AnthropicBedrock in app.py:3"
    endpoint: str
    endpoint_source: str
    region: Value | None = None
    aws: AwsCredential | None = None
    google: GoogleCredential | None = None
    project: Value | None = None
    projects: tuple[Value, ...] = ()  # every project value found, the winner first
    models: tuple[Value, ...] = ()  # model ids the client is set to use, each with its variable
    lints: tuple[CloudLint, ...] = ()

    @property
    def name(self) -> str:
        return PROVIDER_NAMES.get(self.provider, self.provider)


def first_value(env: Mapping[str, str], names: tuple[str, ...], where: str) -> Value | None:
    """The first of `names` set (not blank) in `env`, with its source."""
    for name in names:
        value = (env.get(name) or "").strip()
        if value:
            return Value(value, Msg("{variable} ({where})", variable=name, where=where))
    return None


# -- model ids ------------------------------------------------------------------------------------------------------

CLAUDE_CODE_ALIASES: Final = frozenset({"sonnet", "opus", "haiku", "fable", "opusplan", "default", "best"})
# Vertex AI ids of the models before Claude 4.6, which need their `@date` (platform.claude.com, Claude on Vertex AI).
VERTEX_DATED: Final[dict[str, str]] = {
    "claude-opus-4-5": "claude-opus-4-5@20251101",
    "claude-sonnet-4-5": "claude-sonnet-4-5@20250929",
    "claude-haiku-4-5": "claude-haiku-4-5@20251001",
    "claude-opus-4-1": "claude-opus-4-1@20250805",
    "claude-opus-4": "claude-opus-4@20250514",
    "claude-sonnet-4": "claude-sonnet-4@20250514",
    "claude-3-7-sonnet": "claude-3-7-sonnet@20250219",
    "claude-3-5-haiku": "claude-3-5-haiku@20241022",
    "claude-3-5-sonnet-v2": "claude-3-5-sonnet-v2@20241022",
    "claude-3-opus": "claude-3-opus@20240229",
    "claude-3-haiku": "claude-3-haiku@20240307",
}
# Not served by Vertex AI's global endpoint: the models of Claude Code's VERTEX_REGION_CLAUDE_* table.
VERTEX_NOT_GLOBAL: Final = ("claude-3-", "claude-opus-4@", "claude-sonnet-4@", "claude-opus-4-1")
BEDROCK_GEOS: Final = ("us-gov", "us", "eu", "apac", "jp", "au", "global")
REGION_PREFIXES: Final = frozenset({"us", "eu", "apac", "jp", "au", "global"})  # ANTHROPIC_BEDROCK_REGION_PREFIX
_DATE = re.compile(r"-(20\d{6})(?:-v\d+:\d+)?$")
_ARN = re.compile(r"^arn:aws(?:-[a-z]+)*:bedrock:([a-z0-9-]*):\d*:([a-z-]+)/(.+)$")


def plain_model(model: str) -> str:
    """The id without Claude Code's context suffix (`[1m]`)."""
    return re.sub(r"\[[0-9a-z]+\]$", "", model.strip())


def is_alias(model: str) -> bool:
    return plain_model(model).lower() in CLAUDE_CODE_ALIASES


def region_geo(region: str) -> tuple[str, ...]:
    """The Bedrock geographies whose inference profiles this source region may invoke; () when not known here."""
    if region.startswith("us-gov-"):
        return ("us-gov",)
    if region.startswith("us-"):
        return ("us", "global")
    if region.startswith("eu-"):
        return ("eu", "global")
    if region in {"ap-northeast-1", "ap-northeast-3"}:
        return ("apac", "jp", "global")
    if region in {"ap-southeast-2", "ap-southeast-4"}:
        return ("apac", "au", "global")
    if region.startswith("ap-"):
        return ("apac", "global")
    return ()


def bedrock_geo_prefix(region: str) -> str:
    geos = region_geo(region)
    return geos[0] if geos else "global"


def _needs_profile(base: str) -> bool:
    """Claude 3.7 and later are served on demand only through an inference profile."""
    body = base.removeprefix("anthropic.")
    return body.startswith("claude-3-7") or bool(re.match(r"claude-(?:opus|sonnet|haiku|fable)-\d", body))


def bedrock_model_lints(model: str, region: str | None, source: str) -> list[tuple[Severity, str, str]]:
    """(severity, problem, fix) for a model id Claude Code or AnthropicBedrock would send to Bedrock."""
    if is_alias(model):
        return []
    m = plain_model(model)
    arn = _ARN.match(m)
    if arn is not None:
        if region and arn.group(1) and arn.group(1) != region:
            return [
                (
                    "fail",
                    Msg(
                        "{source} is an ARN in {arn_region}, but requests go to {region}",
                        source=source,
                        arn_region=arn.group(1),
                        region=region,
                    ),
                    Msg(
                        "use the ARN from {region}, or set the region to {arn_region}",
                        region=region,
                        arn_region=arn.group(1),
                    ),
                )
            ]
        return []
    geo = next((g for g in BEDROCK_GEOS if m.startswith(g + ".anthropic.")), None)
    prefix = bedrock_geo_prefix(region or "")
    if m.startswith("claude-"):
        date = _DATE.search(m)
        suggestion = f"{prefix}.anthropic.{m}" + ("-v1:0" if date and not m.endswith(":0") else "")
        return [
            (
                "fail",
                Msg(
                    "{source} is an Anthropic API model id ({model}); Bedrock does not know it", source=source, model=m
                ),
                Msg("use Bedrock's id, for example {suggestion}", suggestion=suggestion),
            )
        ]
    if geo is None and m.startswith("anthropic.") and _needs_profile(m):
        return [
            (
                "fail",
                Msg(
                    '{source} ({model}) has no inference-profile prefix: Bedrock answers "Invocation of model ID … '
                    "with on-demand throughput isn't supported\"",
                    source=source,
                    model=m,
                ),
                Msg("use the inference profile {suggestion}", suggestion=f"{prefix}.{m}"),
            )
        ]
    if geo is not None and region:
        allowed = region_geo(region)
        if allowed and geo not in allowed:
            return [
                (
                    "fail",
                    Msg(
                        "{source} ({model}) is a {geo}. inference profile, which cannot be invoked from {region}",
                        source=source,
                        model=m,
                        geo=geo,
                        region=region,
                    ),
                    Msg(
                        "use {suggestion}, or a region of that geography",
                        suggestion=f"{allowed[0]}.{m[len(geo) + 1 :]}",
                    ),
                )
            ]
    return []


def mantle_model_lints(model: str, source: str) -> list[tuple[Severity, str, str]]:
    if is_alias(model):
        return []
    m = plain_model(model)
    if m.startswith("claude-"):
        return [
            (
                "fail",
                Msg(
                    "{source} ({model}) is an Anthropic API id; Mantle's ids start with anthropic.",
                    source=source,
                    model=m,
                ),
                Msg("use anthropic.{model}", model=m),
            )
        ]
    geo = next((g for g in BEDROCK_GEOS if m.startswith(g + ".anthropic.")), None)
    if geo is not None or re.search(r"-v\d+:\d+$", m):
        bare = re.sub(r"-v\d+:\d+$", "", m[len(geo) + 1 :] if geo else m)
        return [
            (
                "warn",
                Msg(
                    "{source} ({model}) is shaped for Bedrock's InvokeModel; Mantle's ids have no inference-profile "
                    "prefix or version suffix",
                    source=source,
                    model=m,
                ),
                Msg("use {suggestion}", suggestion=_DATE.sub("", bare) if _DATE.search(bare) else bare),
            )
        ]
    return []


def vertex_model_lints(model: str, region: str | None, source: str) -> list[tuple[Severity, str, str]]:
    """(severity, problem, fix) for a model id sent to Vertex AI in `region` (the region this model's requests use)."""
    if is_alias(model):
        return []
    m = plain_model(model)
    if "anthropic." in m or m.startswith("arn:") or re.search(r"-v\d+:\d+$", m):
        return [
            (
                "fail",
                Msg("{source} ({model}) is a Bedrock model id; Vertex AI does not know it", source=source, model=m),
                Msg("use Vertex AI's id, for example claude-sonnet-4-5@20250929"),
            )
        ]
    out: list[tuple[Severity, str, str]] = []
    date = re.search(r"-(20\d{6})$", m)
    if date is not None and "@" not in m:
        out.append(
            (
                "fail",
                Msg(
                    "{source} ({model}) is an Anthropic API id: Vertex AI puts the date after @, not -",
                    source=source,
                    model=m,
                ),
                Msg("use {suggestion}", suggestion=f"{m[: date.start()]}@{date.group(1)}"),
            )
        )
        m = f"{m[: date.start()]}@{date.group(1)}"
    elif "@" not in m and m in VERTEX_DATED:
        out.append(
            (
                "fail",
                Msg("{source} ({model}) needs its version on Vertex AI", source=source, model=m),
                Msg("use {suggestion}", suggestion=VERTEX_DATED[m]),
            )
        )
        m = VERTEX_DATED[m]
    if region == "global" and m.startswith(VERTEX_NOT_GLOBAL):
        out.append(
            (
                "fail",
                Msg(
                    "{source} ({model}) is not served by Vertex AI's global endpoint (CLOUD_ML_REGION=global)",
                    source=source,
                    model=m,
                ),
                Msg(
                    "set a region where the model is served (for example us-east5), or in Claude Code a "
                    "VERTEX_REGION_CLAUDE_* variable for this model"
                ),
            )
        )
    return out


def model_tokens(model: str) -> tuple[str | None, tuple[int, ...]]:
    """(family, version numbers) of a Claude model id: `claude-opus-4-1@…` → ("OPUS", (4, 1))."""
    m = plain_model(model).split("@", 1)[0].lower()
    parts = m.split("-")
    family = next((p.upper() for p in parts if p in {"opus", "sonnet", "haiku", "fable"}), None)
    numbers = tuple(int(p) for p in parts if p.isdigit() and len(p) <= 2)
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers = numbers[:-1]
    return family, numbers


def vertex_region_variable(model: str, names: list[str]) -> str | None:
    """The `VERTEX_REGION_CLAUDE_*` variable among `names` that Claude Code would apply to `model`, if any."""
    family, numbers = model_tokens(model)
    if family is None:
        return None
    for name in names:
        tokens = name.removeprefix("VERTEX_REGION_CLAUDE_").split("_")
        digits = tuple(int(t) for t in tokens if t.isdigit())
        while len(digits) > 1 and digits[-1] == 0:
            digits = digits[:-1]
        if family in tokens and digits == numbers:
            return name
    return None
