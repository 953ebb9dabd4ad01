"""Claude on Amazon Bedrock (and its Mantle endpoint): the region, endpoint and AWS credential a client would use, and
the lints of each. Pure: the environment the client sees and the files `sources.aws` read in; a `CloudSetup` out.

How each client picks (reference (c), verified against anthropic 2.14 `lib/bedrock/_client.py`, `lib/aws/*` and
botocore's `configprovider.py` / `credentials.py`):
- Region. Claude Code (2.1.172+): `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region` (credentials file,
  then config file), values not shaped like a region ignored; with none, us-east-1 (its source; older versions require
  `AWS_REGION`). AnthropicBedrock: `AWS_REGION` or `AWS_DEFAULT_REGION` as given, else boto3's profile region (the
  config file; only when boto3 is installed), else it raises "No AWS region was provided".
- Credential. A bearer token (`AWS_BEARER_TOKEN_BEDROCK`) first, for both. Then the AWS SDKs' default chain: botocore
  (the Python SDK) takes `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` before `AWS_PROFILE`; the JavaScript SDK (Claude
  Code) takes `AWS_PROFILE` over the key pair. Then the profile: assume-role, SSO, keys in the credentials file,
  `credential_process`, keys in the config file. Claude Code's `awsCredentialExport` comes before all of these.
- Endpoint. `ANTHROPIC_BEDROCK_BASE_URL`, else `https://bedrock-runtime.<region>.amazonaws.com`; Claude Code's AWS SDK
  also honours `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` and `AWS_ENDPOINT_URL`. Mantle: `ANTHROPIC_BEDROCK_MANTLE_BASE_URL`,
  else `https://bedrock-mantle.<region>.api.aws/anthropic`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from claude_doctor.checks.inventory import CloudFiles, IniFile, SsoToken, sso_cache_key
from claude_doctor.checks.resolve.cloud import (
    CREDENTIALS,
    REGION_PREFIXES,
    AwsCredential,
    CloudLint,
    CloudSetup,
    Value,
    bedrock_model_lints,
    mantle_model_lints,
)
from claude_doctor.i18n import Msg

REGION_SHAPE = re.compile(r"^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$")
CHINA = ("cn-north-1", "cn-northwest-1")
CLAUDE_CODE_FALLBACK_REGION = "us-east-1"
MODEL_VARS = (
    "ANTHROPIC_MODEL",
    "ANTHROPIC_DEFAULT_OPUS_MODEL",
    "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL",
    "ANTHROPIC_SMALL_FAST_MODEL",
)
_TRUTHY = {"1", "true", "yes", "on"}

Where = Callable[[str], str]  # a variable's name → where the client's value of it comes from


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in _TRUTHY


@dataclass(frozen=True)
class AwsView:
    """The AWS files as one client sees them (its `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`)."""

    config: IniFile | None
    credentials: IniFile | None
    config_path: str
    credentials_path: str

    def profile(self, name: str) -> tuple[dict[str, str] | None, dict[str, str] | None]:
        """(its config section, its credentials section), each None when that file does not have it."""
        config_name = "default" if name == "default" else f"profile {name}"
        config = self.config.sections.get(config_name) if self.config else None
        if config is None and name == "default" and self.config is not None:
            config = self.config.sections.get("profile default")
        creds = self.credentials.sections.get(name) if self.credentials else None
        return config, creds

    def sso_session(self, name: str) -> dict[str, str] | None:
        return self.config.sections.get(f"sso-session {name}") if self.config else None

    def shown(self, name: str, config: bool) -> str:
        ini = self.config if config else self.credentials
        path = ini.shown if ini else (self.config_path if config else self.credentials_path)
        section = ("default" if name == "default" else f"profile {name}") if config else name
        return f"{path} [{section}]"


def aws_view(env: Mapping[str, str], files: CloudFiles) -> AwsView:
    config = env.get("AWS_CONFIG_FILE") or ""
    creds = env.get("AWS_SHARED_CREDENTIALS_FILE") or ""
    return AwsView(
        files.ini(f"config:{config}"),
        files.ini(f"credentials:{creds}"),
        config or "~/.aws/config",
        creds or "~/.aws/credentials",
    )


def profile_name(env: Mapping[str, str], where: Where, claude_code: bool) -> Value:
    names = ("AWS_PROFILE",) if claude_code else ("AWS_DEFAULT_PROFILE", "AWS_PROFILE")
    for name in names:
        value = (env.get(name) or "").strip()
        if value:
            return Value(value, Msg("{variable} ({where})", variable=name, where=where(name)))
    return Value("default", Msg("the default profile"))


def resolve_region(
    env: Mapping[str, str], where: Where, view: AwsView, profile: str, *, claude_code: bool, boto3: bool
) -> tuple[Value | None, list[CloudLint]]:
    lints: list[CloudLint] = []
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        raw = env.get(name)
        if raw is None:
            continue
        value = raw.strip()
        source = Msg("{variable} ({where})", variable=name, where=where(name))
        if value and REGION_SHAPE.match(value):
            return Value(value, source), lints
        if not claude_code:  # the SDK takes it as given and builds a host name from it
            lints.append(
                CloudLint(
                    "region",
                    "fail",
                    Msg("{source} is {value!r}, not an AWS region", source=source, value=raw),
                    Msg(
                        "AnthropicBedrock would send its requests to bedrock-runtime.{value}.amazonaws.com", value=value
                    ),
                    (Msg("set {variable} to a region such as us-east-1", variable=name),),
                )
            )
            return Value(value, source), lints
        lints.append(
            CloudLint(
                "region_shape",
                "warn",
                Msg("{source} is {value!r}, not an AWS region: Claude Code ignores it", source=source, value=raw),
                fix=(Msg("set {variable} to a region such as us-east-1, or unset it", variable=name),),
            )
        )
    config, creds = view.profile(profile)
    places = [(creds, False), (config, True)] if claude_code else ([(config, True)] if boto3 else [])
    for section, is_config in places:
        value = (section or {}).get("region", "").strip()
        if not value:
            continue
        source = Msg("region in {place}", place=view.shown(profile, is_config))
        if REGION_SHAPE.match(value) or not claude_code:
            return Value(value, source), lints
    if claude_code:
        lints.append(
            CloudLint(
                "region",
                "warn",
                Msg("No AWS region set: Claude Code falls back to {region}", region=CLAUDE_CODE_FALLBACK_REGION),
                Msg(
                    "neither AWS_REGION, AWS_DEFAULT_REGION nor the profile {profile} sets one; Claude Code versions "
                    "before 2.1.172 require AWS_REGION",
                    profile=profile,
                ),
                (Msg("export AWS_REGION=us-east-1 (the region where your Bedrock model access is)"),),
            )
        )
        return Value(CLAUDE_CODE_FALLBACK_REGION, Msg("Claude Code's fallback")), lints
    why = Msg("and boto3 is not installed, so the profile's region is not read") if not boto3 else ""
    lints.append(
        CloudLint(
            "region",
            "fail",
            Msg('No AWS region: AnthropicBedrock raises "No AWS region was provided"'),
            Msg.joined(" ", [Msg("neither AWS_REGION nor AWS_DEFAULT_REGION is set"), why]),
            (Msg("export AWS_REGION=us-east-1, or pass aws_region= to AnthropicBedrock"),),
        )
    )
    return None, lints


def region_lints(region: Value | None) -> list[CloudLint]:
    if region is None or region.value not in CHINA:
        return []
    return [
        CloudLint(
            "region_offered",
            "fail",
            Msg(
                "{region} ({source}) is a China region, where Anthropic's models are not offered",
                region=region.value,
                source=region.source,
            ),
            Msg(
                'Bedrock answers "Access to Anthropic models is not allowed from unsupported countries" '
                "(anthropics/claude-code#2656)"
            ),
            (Msg("use a region where Claude is offered on Bedrock, for example us-east-1 or eu-central-1"),),
        )
    ]


def _keys_from(section: dict[str, str] | None) -> tuple[str | None, str | None, str | None]:
    s = section or {}
    return (
        s.get("aws_access_key_id") or None,
        s.get("aws_secret_access_key") or None,
        s.get("aws_session_token") or None,
    )


def resolve_credential(
    env: Mapping[str, str],
    where: Where,
    view: AwsView,
    profile: Value,
    files: CloudFiles,
    now_s: float,
    *,
    claude_code: bool,
    export: tuple[str, str] | None = None,  # (command, where) of Claude Code's awsCredentialExport
) -> tuple[AwsCredential, list[CloudLint]]:
    lints: list[CloudLint] = []
    token = (env.get("AWS_BEARER_TOKEN_BEDROCK") or "").strip()
    key_id = (env.get("AWS_ACCESS_KEY_ID") or "").strip()
    secret = (env.get("AWS_SECRET_ACCESS_KEY") or "").strip()
    session = (env.get("AWS_SESSION_TOKEN") or "").strip() or None
    profile_set = profile.source != Msg("the default profile")
    config, creds = view.profile(profile.value)
    if profile_set and config is None and creds is None:
        lints.append(
            CloudLint(
                "profile",
                "fail",
                Msg("AWS profile {profile} ({source}) does not exist", profile=profile.value, source=profile.source),
                Msg(
                    "neither {config} nor {credentials} has it",
                    config=view.config_path,
                    credentials=view.credentials_path,
                ),
                (
                    Msg(
                        "run `aws configure --profile {profile}` (or `aws configure sso`), or fix the name",
                        profile=profile.value,
                    ),
                ),
                CREDENTIALS,
            )
        )
    if (key_id and not secret) or (secret and not key_id):
        missing = "AWS_SECRET_ACCESS_KEY" if key_id else "AWS_ACCESS_KEY_ID"
        lints.append(
            CloudLint(
                "keys",
                "fail",
                Msg("Half an AWS key pair in the environment: {missing} is not set", missing=missing),
                fix=(Msg("set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither"),),
                section=CREDENTIALS,
            )
        )
    if key_id.startswith("ASIA") and secret and not session:
        lints.append(
            CloudLint(
                "keys",
                "fail",
                Msg("AWS_ACCESS_KEY_ID is a temporary key (ASIA…) but AWS_SESSION_TOKEN is not set"),
                Msg("temporary keys are refused without their session token"),
                (Msg("export AWS_SESSION_TOKEN with the token issued with these keys"),),
                CREDENTIALS,
            )
        )
    if token:
        others = [
            n for n in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE") if (env.get(n) or "").strip()
        ]
        if others:
            lints.append(
                CloudLint(
                    "bearer_and_keys",
                    "warn",
                    Msg(
                        "AWS_BEARER_TOKEN_BEDROCK and {others} are both set: the bearer token is used and the AWS "
                        "credentials are not",
                        others=", ".join(others),
                    ),
                    Msg(
                        'the SDK raises "Cannot specify both `api_key` and AWS credentials" when both are passed to '
                        "AnthropicBedrock in code"
                    ),
                    (Msg("keep one: unset AWS_BEARER_TOKEN_BEDROCK to use the AWS credentials, or unset the others"),),
                    CREDENTIALS,
                )
            )
        source = Msg("AWS_BEARER_TOKEN_BEDROCK ({where})", where=where("AWS_BEARER_TOKEN_BEDROCK"))
        return AwsCredential("bearer", source, bearer=token), lints
    if export is not None and claude_code:
        command, place = export
        run = files.runs.get(command)
        values = run.values if run is not None else {}
        note = run.problem if run is not None and not values else ""
        return (
            AwsCredential(
                "export",
                Msg("awsCredentialExport ({where})", where=place),
                profile.value,
                values.get("AccessKeyId"),
                values.get("SecretAccessKey"),
                values.get("SessionToken"),
                command=command,
                note=note,
            ),
            lints,
        )
    env_keys = AwsCredential(
        "env_keys",
        Msg("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ({where})", where=where("AWS_ACCESS_KEY_ID")),
        None,
        key_id,
        secret,
        session,
    )
    if key_id and secret and profile_set:
        # Each client's choice between the two, said from the side of the client whose setup this is.
        both = (
            Msg(
                "AWS_ACCESS_KEY_ID and {profile_source} are both set: Claude Code uses the profile, the Python SDK "
                "the keys",
                profile_source=profile.source,
            )
            if claude_code
            else Msg(
                "AWS_ACCESS_KEY_ID and {profile_source} are both set: the Python SDK uses the keys, "
                "Claude Code the profile",
                profile_source=profile.source,
            )
        )
        lints.append(
            CloudLint(
                "keys_and_profile",
                "warn",
                both,
                fix=(Msg("unset one of them so that every client uses the same identity"),),
                section=CREDENTIALS,
            )
        )
    if key_id and secret and not (claude_code and profile_set):
        return env_keys, lints
    credential, more = _profile_credential(view, profile, files, now_s)
    lints += more
    if credential.kind == "none":
        if env.get("AWS_WEB_IDENTITY_TOKEN_FILE") and env.get("AWS_ROLE_ARN"):
            return AwsCredential(
                "web_identity",
                Msg("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN"),
                note=Msg("web identity needs an STS AssumeRoleWithWebIdentity call, which this version does not make"),
            ), lints
        if env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") or env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"):
            return AwsCredential(
                "container",
                Msg("the container's credentials endpoint"),
                note=Msg("credentials from the container endpoint are not fetched by this version"),
            ), lints
        lints.append(
            CloudLint(
                "credentials",
                "fail",
                Msg("No AWS credentials found"),
                Msg(
                    "no AWS_BEARER_TOKEN_BEDROCK, no AWS_ACCESS_KEY_ID, and the profile {profile} has no keys, SSO "
                    "login, role or credential_process (an EC2 instance role would still work on AWS itself)",
                    profile=profile.value,
                ),
                (
                    Msg("run `aws configure` or `aws configure sso` and then `aws sso login`"),
                    Msg("or export AWS_BEARER_TOKEN_BEDROCK with a Bedrock API key"),
                ),
                CREDENTIALS,
            )
        )
    return credential, lints


def _profile_credential(
    view: AwsView, profile: Value, files: CloudFiles, now_s: float
) -> tuple[AwsCredential, list[CloudLint]]:
    """The credential a profile provides, in botocore's order within a profile."""
    name = profile.value
    config, creds = view.profile(name)
    cfg = config or {}
    if cfg.get("role_arn"):
        return AwsCredential(
            "assume_role",
            Msg("role {role} of {place}", role=cfg["role_arn"], place=view.shown(name, True)),
            name,
            note=Msg("an assume-role profile needs an STS AssumeRole call, which this version does not make"),
        ), []
    if cfg.get("sso_session") or cfg.get("sso_start_url"):
        return _sso(view, name, cfg, files, now_s)
    key_id, secret, session = _keys_from(creds)
    if key_id and secret:
        return AwsCredential(
            "profile_keys", Msg("keys in {place}", place=view.shown(name, False)), name, key_id, secret, session
        ), []
    if cfg.get("credential_process"):
        command = cfg["credential_process"]
        run = files.runs.get(command)
        values = run.values if run is not None else {}
        note = (run.problem if run is not None else "") if not values else ""
        return AwsCredential(
            "process",
            Msg("credential_process of {place}", place=view.shown(name, True)),
            name,
            values.get("AccessKeyId"),
            values.get("SecretAccessKey"),
            values.get("SessionToken"),
            command=command,
            note=note or Msg("not run: pass --run-helpers to run it"),
        ), []
    key_id, secret, session = _keys_from(config)
    if key_id and secret:
        return AwsCredential(
            "profile_keys", Msg("keys in {place}", place=view.shown(name, True)), name, key_id, secret, session
        ), []
    return AwsCredential("none", Msg("none"), name), []


def _sso(
    view: AwsView, name: str, cfg: dict[str, str], files: CloudFiles, now_s: float
) -> tuple[AwsCredential, list[CloudLint]]:
    session_name = cfg.get("sso_session")
    session = view.sso_session(session_name) if session_name else None
    lints: list[CloudLint] = []
    place = view.shown(name, True)
    if session_name and session is None:
        lints.append(
            CloudLint(
                "sso",
                "fail",
                Msg(
                    "{place} names sso_session {session}, which the file does not define",
                    place=place,
                    session=session_name,
                ),
                fix=(
                    Msg("run `aws configure sso` to write the [sso-session {session}] section", session=session_name),
                ),
                section=CREDENTIALS,
            )
        )
    sso_region = (session or {}).get("sso_region") or cfg.get("sso_region")
    key = session_name or cfg.get("sso_start_url") or ""
    token = files.sso_tokens.get(sso_cache_key(key)) if key else None
    login = f"aws sso login --sso-session {session_name}" if session_name else f"aws sso login --profile {name}"
    cached = token if isinstance(token, SsoToken) else None
    credential = AwsCredential(
        "sso",
        Msg("SSO login of {place}", place=place),
        name,
        sso=cached,
        sso_account=cfg.get("sso_account_id"),
        sso_role=cfg.get("sso_role_name"),
        sso_region=sso_region,
    )
    if cached is None or not cached.access_token:
        lints.append(
            CloudLint(
                "sso",
                "fail",
                Msg("AWS SSO: no cached login for profile {profile}", profile=name),
                Msg("nothing in ~/.aws/sso/cache for {key}", key=key)
                if token is None
                else getattr(token, "message", ""),
                (login,),
                CREDENTIALS,
            )
        )
        return credential, lints
    if cached.expires_at is not None and cached.expires_at <= now_s:
        renewable = bool(
            session_name
            and cached.refresh_token
            and cached.client_secret
            and (cached.registration_expires_at is None or cached.registration_expires_at > now_s)
        )
        hours = (now_s - cached.expires_at) / 3600
        lints.append(
            CloudLint(
                "sso",
                "warn" if renewable else "fail",
                Msg("AWS SSO session of profile {profile} expired {hours} h ago", profile=name, hours=f"{hours:.1f}"),
                Msg("the AWS SDKs renew it with its refresh token on the next request")
                if renewable
                else Msg(
                    "{path} says so; requests fail with an expired-token error until you log in again", path=cached.path
                ),
                (login,),
                CREDENTIALS,
            )
        )
    return credential, lints


def bedrock_endpoint(
    env: Mapping[str, str], where: Where, region: str | None, *, claude_code: bool, mantle: bool
) -> tuple[str, str]:
    names: tuple[str, ...] = ("ANTHROPIC_BEDROCK_MANTLE_BASE_URL",) if mantle else ("ANTHROPIC_BEDROCK_BASE_URL",)
    if claude_code and not mantle:
        names += ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL")
    for name in names:
        value = (env.get(name) or "").strip()
        if value:
            return value, Msg("{variable} ({where})", variable=name, where=where(name))
    if region is None:
        return "", Msg("no region")
    suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    if mantle:
        return f"https://bedrock-mantle.{region}.api.aws/anthropic", Msg("derived from the region")
    return f"https://bedrock-runtime.{region}.{suffix}", Msg("derived from the region")


def model_values(env: Mapping[str, str], where: Where) -> list[Value]:
    return [
        Value(env[name].strip(), Msg("{variable} ({where})", variable=name, where=where(name)))
        for name in MODEL_VARS
        if (env.get(name) or "").strip()
    ]


def resolve_bedrock(
    env: Mapping[str, str],
    where: Where,
    files: CloudFiles,
    now_s: float,
    *,
    switch: str,
    claude_code: bool,
    mantle: bool = False,
    models: list[Value] | None = None,
) -> CloudSetup:
    view = aws_view(env, files)
    profile = profile_name(env, where, claude_code)
    boto3 = "boto3" in files.libraries
    region, lints = resolve_region(env, where, view, profile.value, claude_code=claude_code, boto3=boto3)
    lints += region_lints(region)
    skip = "CLAUDE_CODE_SKIP_MANTLE_AUTH" if mantle else "CLAUDE_CODE_SKIP_BEDROCK_AUTH"
    export = next(((h.value, h.where) for h in files.helpers if h.name == "awsCredentialExport"), None)
    if claude_code and truthy(env.get(skip)):
        credential = AwsCredential("skip", Msg("none: {variable} is set (a gateway signs the requests)", variable=skip))
    else:
        credential, more = resolve_credential(
            env, where, view, profile, files, now_s, claude_code=claude_code, export=export
        )
        lints += more
    if claude_code and not mantle:
        prefix = (env.get("ANTHROPIC_BEDROCK_REGION_PREFIX") or "").strip()
        if prefix and prefix not in REGION_PREFIXES:
            lints.append(
                CloudLint(
                    "region_prefix",
                    "warn",
                    Msg(
                        "ANTHROPIC_BEDROCK_REGION_PREFIX ({where}) is {value!r}, not one of {allowed}",
                        where=where("ANTHROPIC_BEDROCK_REGION_PREFIX"),
                        value=prefix,
                        allowed=", ".join(sorted(REGION_PREFIXES)),
                    ),
                    fix=(Msg("set it to us, eu, apac, jp, au or global (Claude Code 2.1.224 or later)"),),
                )
            )
    endpoint, endpoint_source = bedrock_endpoint(
        env, where, region.value if region else None, claude_code=claude_code, mantle=mantle
    )
    found = models if models is not None else model_values(env, where)
    for model in found:
        problems = (
            mantle_model_lints(model.value, model.source)
            if mantle
            else bedrock_model_lints(model.value, region.value if region else None, model.source)
        )
        for severity, title, fix in problems:
            lints.append(CloudLint("models", severity, title, fix=(fix,)))
    return CloudSetup(
        "mantle" if mantle else "bedrock",
        switch,
        endpoint,
        endpoint_source,
        region,
        credential,
        models=tuple(found),
        lints=tuple(lints),
    )
