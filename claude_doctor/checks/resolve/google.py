"""Claude on Google Vertex AI: the region, endpoint, project and Google credential a client would use, and the lints
of each. Pure: the environment the client sees and the files `sources.google` read in; a `CloudSetup` out.

How each client picks (anthropic 2.14 `lib/vertex/_client.py`, google-auth's `_default.py`; Claude Code's
google-vertex-ai.md and env-vars.md):
- Region. AnthropicVertex: `CLOUD_ML_REGION`, required. Claude Code: a model's `VERTEX_REGION_CLAUDE_*`, then
  `CLOUD_ML_REGION`, then us-east5. `global`, `us` and `eu` have endpoints of their own.
- Project. AnthropicVertex: `ANTHROPIC_VERTEX_PROJECT_ID`, else what google-auth finds (`GOOGLE_CLOUD_PROJECT`,
  `GCLOUD_PROJECT`, the credentials file's `project_id`, gcloud's configured project). Claude Code: `GCLOUD_PROJECT`,
  `GOOGLE_CLOUD_PROJECT` and the `GOOGLE_APPLICATION_CREDENTIALS` file's project beat `ANTHROPIC_VERTEX_PROJECT_ID`;
  gcloud's configured project last.
- Credential. The file `GOOGLE_APPLICATION_CREDENTIALS` names, else gcloud's application-default file, else (on Google
  Cloud only) the metadata server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from claude_doctor.checks.inventory import GOOGLE_SECRET_FIELDS, CloudFiles, GoogleCredentials
from claude_doctor.checks.resolve.aws import MODEL_VARS, Where, model_values, truthy
from claude_doctor.checks.resolve.cloud import (
    CREDENTIALS,
    CloudLint,
    CloudSetup,
    GoogleCredential,
    Value,
    vertex_model_lints,
    vertex_region_variable,
)
from claude_doctor.hosts import is_loopback
from claude_doctor.i18n import Msg

REGION_SHAPE = re.compile(r"^(?:global|us|eu|[a-z]+-[a-z]+\d{1,2})$")
CLAUDE_CODE_FALLBACK_REGION = "us-east5"
DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token"
# Types google-auth loads, and the fields each needs.
KNOWN_TYPES: dict[str, tuple[str, ...]] = {
    "service_account": ("client_email", "private_key", "token_uri"),
    "authorized_user": ("client_id", "client_secret", "refresh_token"),
    "external_account": ("audience", "subject_token_type", "token_url"),
    "external_account_authorized_user": ("refresh_token", "token_url"),
    "impersonated_service_account": ("service_account_impersonation_url", "source_credentials"),
    "gdch_service_account": ("project", "private_key", "token_uri"),
}
SECRET_FIELDS = GOOGLE_SECRET_FIELDS


def vertex_base_url(region: str) -> str:
    if region == "global":
        return "https://aiplatform.googleapis.com/v1"
    if region in {"us", "eu"}:
        return f"https://aiplatform.{region}.rep.googleapis.com/v1"
    return f"https://{region}-aiplatform.googleapis.com/v1"


def token_uri_refusal(uri: str) -> str | None:
    """Why a credentials file's secret may not be sent to its `token_uri`: Google's own host over HTTPS, or loopback
    (a stand-in on this machine), and nothing else."""
    parts = urlsplit(uri)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and (host == "googleapis.com" or host.endswith(".googleapis.com")):
        return None
    if is_loopback(host) and parts.scheme in {"http", "https"}:
        return None
    return Msg("its token_uri {uri} is not Google's token endpoint: its secret is not sent there", uri=uri)


def credential_file_lints(file: GoogleCredentials, source: str) -> list[CloudLint]:
    if file.problem is not None:
        fix = (
            Msg("point GOOGLE_APPLICATION_CREDENTIALS at the JSON key file, or unset it to use gcloud's login")
            if "GOOGLE_APPLICATION_CREDENTIALS" in source
            else Msg("run `gcloud auth application-default login`")
        )
        return [
            CloudLint(
                "google_credentials",
                "fail",
                Msg("{source}: {path} {problem}", source=source, path=file.shown, problem=file.problem),
                fix=(fix,),
                section=CREDENTIALS,
            )
        ]
    if file.kind not in KNOWN_TYPES:
        return [
            CloudLint(
                "google_credentials",
                "fail",
                Msg(
                    "{source}: {path} is not a Google credentials file (its type is {kind})",
                    source=source,
                    path=file.shown,
                    kind=repr(file.kind),
                ),
                Msg("expected a service-account key or an authorized-user file"),
                (Msg("download a service-account key, or run `gcloud auth application-default login`"),),
                CREDENTIALS,
            )
        ]
    missing = [name for name in KNOWN_TYPES[file.kind] if not (file.info or {}).get(name)]
    if missing:
        return [
            CloudLint(
                "google_credentials",
                "fail",
                Msg(
                    "{source}: {path} ({kind}) lacks {fields}",
                    source=source,
                    path=file.shown,
                    kind=file.kind,
                    fields=", ".join(missing),
                ),
                fix=(Msg("replace it with a complete file"),),
                section=CREDENTIALS,
            )
        ]
    # google-auth sends a service account's assertion to the file's token_uri, and always sends a user's refresh token
    # to Google's own endpoint whatever the file says.
    uri = file.text("token_uri") if file.kind in {"service_account", "gdch_service_account"} else None
    refusal = token_uri_refusal(uri) if uri else None
    if refusal is not None:
        return [
            CloudLint(
                "google_credentials",
                "fail",
                Msg("{source}: {path}: {why}", source=source, path=file.shown, why=refusal),
                fix=(Msg("use the file Google issued, whose token_uri is {uri}", uri=DEFAULT_TOKEN_URI),),
                section=CREDENTIALS,
            )
        ]
    return []


def resolve_google_credential(
    env: Mapping[str, str], where: Where, files: CloudFiles, *, claude_code: bool
) -> tuple[GoogleCredential, list[CloudLint]]:
    if claude_code and truthy(env.get("CLAUDE_CODE_SKIP_VERTEX_AUTH")):
        return GoogleCredential("skip", Msg("none: CLAUDE_CODE_SKIP_VERTEX_AUTH is set (a gateway authenticates)")), []
    explicit = env.get("GOOGLE_APPLICATION_CREDENTIALS")
    if explicit is not None:
        source = Msg("GOOGLE_APPLICATION_CREDENTIALS ({where})", where=where("GOOGLE_APPLICATION_CREDENTIALS"))
        file = files.google.get(explicit)
        if file is None:
            file = GoogleCredentials(explicit, explicit, False, Msg("does not exist"))
        lints = credential_file_lints(file, source)
        kind = file.kind if not lints and file.kind else "broken"
        return GoogleCredential(kind, Msg("{source}: {path}", source=source, path=file.shown), file), lints
    adc = files.google.get(files.adc_path)
    if adc is not None and adc.exists:
        source = Msg("application-default credentials")
        lints = credential_file_lints(adc, source)
        kind = adc.kind if not lints and adc.kind else "broken"
        return GoogleCredential(kind, Msg("{source} ({path})", source=source, path=adc.shown), adc), lints
    return GoogleCredential("none", Msg("none")), [
        CloudLint(
            "google_credentials",
            "fail",
            Msg("No Google credentials found"),
            Msg(
                "GOOGLE_APPLICATION_CREDENTIALS is not set and {path} does not exist (on Google Cloud itself the "
                "metadata server would supply them)",
                path=adc.shown if adc is not None else files.adc_path,
            ),
            (Msg("run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a key file"),),
            CREDENTIALS,
        )
    ]


def resolve_project(
    env: Mapping[str, str], where: Where, files: CloudFiles, credential: GoogleCredential, *, claude_code: bool
) -> tuple[Value | None, tuple[Value, ...], list[CloudLint]]:
    def var(name: str) -> Value | None:
        value = (env.get(name) or "").strip()
        return Value(value, Msg("{variable} ({where})", variable=name, where=where(name))) if value else None

    file_project = None
    if credential.file is not None and (credential.file.text("project_id") or credential.file.text("quota_project_id")):
        value = credential.file.text("project_id") or credential.file.text("quota_project_id") or ""
        file_project = Value(value, Msg("project_id in {path}", path=credential.file.shown))
    gcloud = Value(*files.gcloud_project) if files.gcloud_project else None
    if gcloud is not None:
        gcloud = Value(gcloud.value, Msg("gcloud's configured project ({path})", path=gcloud.source))
    if claude_code:
        explicit_file = file_project if "GOOGLE_APPLICATION_CREDENTIALS" in credential.source else None
        order = [var("GCLOUD_PROJECT"), var("GOOGLE_CLOUD_PROJECT"), explicit_file, var("ANTHROPIC_VERTEX_PROJECT_ID")]
        order += [gcloud]
    else:
        order = [var("ANTHROPIC_VERTEX_PROJECT_ID"), var("GOOGLE_CLOUD_PROJECT"), var("GCLOUD_PROJECT"), file_project]
        order += [gcloud]
    found = tuple(v for v in order if v is not None)
    lints: list[CloudLint] = []
    if not found:
        lints.append(
            CloudLint(
                "project",
                "fail",
                Msg("No Google Cloud project for Vertex AI"),
                Msg('the client raises "Could not resolve project_id"')
                if not claude_code
                else Msg("Claude Code needs a project to build the Vertex AI address"),
                (Msg("export ANTHROPIC_VERTEX_PROJECT_ID=your-project-id"),),
            )
        )
        return None, found, lints
    if len({v.value for v in found}) > 1:
        lines = [Msg("{project} from {source}", project=v.value, source=v.source) for v in found]
        lints.append(
            CloudLint(
                "project",
                "warn",
                Msg(
                    "Google Cloud projects disagree: {project} ({source}) is used",
                    project=found[0].value,
                    source=found[0].source,
                ),
                Msg.joined("\n", lines),
                (Msg("keep one project: unset the variables you did not mean, or make them agree"),),
            )
        )
    return found[0], found, lints


def resolve_vertex(
    env: Mapping[str, str],
    where: Where,
    files: CloudFiles,
    *,
    switch: str,
    claude_code: bool,
    models: list[Value] | None = None,
) -> CloudSetup:
    lints: list[CloudLint] = []
    raw = env.get("CLOUD_ML_REGION")
    region: Value | None = None
    if raw is not None and raw.strip():
        region = Value(raw.strip(), Msg("CLOUD_ML_REGION ({where})", where=where("CLOUD_ML_REGION")))
        if not REGION_SHAPE.match(raw.strip()):
            lints.append(
                CloudLint(
                    "region",
                    "fail",
                    Msg(
                        "CLOUD_ML_REGION ({where}) is {value!r}, not a Vertex AI region",
                        where=where("CLOUD_ML_REGION"),
                        value=raw,
                    ),
                    fix=(Msg("set it to global, us, eu or a region such as us-east5"),),
                )
            )
    elif claude_code:
        region = Value(CLAUDE_CODE_FALLBACK_REGION, Msg("Claude Code's fallback"))
        lints.append(
            CloudLint(
                "region",
                "warn",
                Msg("CLOUD_ML_REGION is not set: Claude Code uses {region}", region=CLAUDE_CODE_FALLBACK_REGION),
                fix=(Msg("export CLOUD_ML_REGION=global (or the region where your quota is)"),),
            )
        )
    else:
        lints.append(
            CloudLint(
                "region",
                "fail",
                Msg('CLOUD_ML_REGION is not set: AnthropicVertex raises "No region was given"'),
                fix=(Msg("export CLOUD_ML_REGION=global, or pass region= to AnthropicVertex"),),
            )
        )
    credential, more = resolve_google_credential(env, where, files, claude_code=claude_code)
    lints += more
    project, projects, more = resolve_project(env, where, files, credential, claude_code=claude_code)
    lints += more
    base = (env.get("ANTHROPIC_VERTEX_BASE_URL") or "").strip()
    if base:
        endpoint, endpoint_source = (
            base,
            Msg("ANTHROPIC_VERTEX_BASE_URL ({where})", where=where("ANTHROPIC_VERTEX_BASE_URL")),
        )
    elif region is not None and REGION_SHAPE.match(region.value):
        endpoint, endpoint_source = vertex_base_url(region.value), Msg("derived from the region")
    else:
        endpoint, endpoint_source = "", Msg("no region")
    found = models if models is not None else model_values(env, where)
    overrides = sorted(name for name in env if name.startswith("VERTEX_REGION_CLAUDE_") and env[name].strip())
    for model in found:
        model_region = region.value if region else None
        variable = vertex_region_variable(model.value, overrides) if claude_code else None
        if variable is not None:
            model_region = env[variable].strip()
        for severity, title, fix in vertex_model_lints(model.value, model_region, model.source):
            lints.append(CloudLint("models", severity, title, fix=(fix,)))
    return CloudSetup(
        "vertex",
        switch,
        endpoint,
        endpoint_source,
        region,
        google=credential,
        project=project,
        projects=projects,
        models=tuple(found),
        lints=tuple(lints),
    )


__all__ = ["MODEL_VARS", "SECRET_FIELDS", "resolve_vertex", "token_uri_refusal", "vertex_base_url"]
