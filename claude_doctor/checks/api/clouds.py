"""The API section for clients on a cloud: who the credential is (AWS STS `GetCallerIdentity`; Google's token info),
whether the model is reachable without spending anything (Bedrock `ListInferenceProfiles` and `CountTokens`, Mantle's
and Vertex AI's count-tokens), each answer decoded as `explain` decodes it, with the AWS or Google request id.

One probe per distinct setup (provider, endpoint, credential, project): clients that share one are named together.
Requests go to the addresses the client itself would use, the AWS SDKs' endpoint overrides included
(`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_BEDROCK`, `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL`); Google's token info
is at `CLAUDE_DOCTOR_GOOGLE_TOKENINFO_URL` and a user's token endpoint at `CLAUDE_DOCTOR_GOOGLE_TOKEN_URL` when set
(for stand-ins on this machine).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from claude_doctor.checks.api.cloud_http import (
    CloudAnswer,
    GoogleTransport,
    MissingExtra,
    Refused,
    google_credentials,
    google_url,
    send,
    sigv4_headers,
)
from claude_doctor.checks.network.deadline import Progress
from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.resolve.cloud import BEDROCK_GEOS, AwsCredential, CloudSetup, bedrock_geo_prefix, is_alias
from claude_doctor.checks.state import LocalState
from claude_doctor.i18n import Msg, plural
from claude_doctor.model import CheckResult, CheckStatus

API = "API"
TOKENINFO_URL = "https://oauth2.googleapis.com/tokeninfo"
TOKENINFO_VARIABLE = "CLAUDE_DOCTOR_GOOGLE_TOKENINFO_URL"
BEDROCK_VERSION = "bedrock-2023-05-31"
VERTEX_VERSION = "vertex-2023-10-16"
PING = [{"role": "user", "content": "ping"}]
# Claude Code's documented small/fast defaults (amazon-bedrock.md, google-vertex-ai.md): asked for when no model is set.
DEFAULT_MODELS = {"bedrock": "us.anthropic.claude-haiku-4-5-20251001-v1:0", "vertex": "claude-haiku-4-5@20251001"}
LIVE = frozenset({"rate_limited", "overloaded", "server_error", "timeout"})
STOPPING = frozenset({"invalid_key", "wrong_credential", "oauth_token", "permission", "dns", "connect", "tls", "proxy"})


@dataclass(frozen=True)
class CloudProbe:
    cloud: CloudSetup
    clients: tuple[ClientSetup, ...]

    @property
    def lead(self) -> ClientSetup:
        return self.clients[0]

    @property
    def names(self) -> str:
        return ", ".join(c.name for c in self.clients)


def plan_cloud_probes(clients: tuple[ClientSetup, ...]) -> list[CloudProbe]:
    groups: dict[tuple[Any, ...], list[tuple[ClientSetup, CloudSetup]]] = {}
    for client in clients:
        if not client.in_use:
            continue
        for cloud in client.clouds:
            if cloud.provider not in {"bedrock", "mantle", "vertex"} or not cloud.endpoint:
                continue
            aws = cloud.aws
            key = (
                cloud.provider,
                cloud.endpoint.strip().rstrip("/"),
                cloud.region.value if cloud.region else None,
                (aws.kind, aws.access_key, aws.bearer, aws.profile) if aws else None,
                (cloud.google.kind, cloud.google.file.path if cloud.google.file else None) if cloud.google else None,
                cloud.project.value if cloud.project else None,
            )
            groups.setdefault(key, []).append((client, cloud))
    return [CloudProbe(members[0][1], tuple(c for c, _ in members)) for members in groups.values()]


@dataclass
class Run:
    """One probe's run: where its lines go, and the secrets it obtains (so that every output masks them)."""

    state: LocalState
    probe: CloudProbe
    progress: Progress
    worker: str
    remaining: Callable[[], float]
    sfx: str

    @property
    def provider(self) -> str:
        return self.probe.cloud.provider

    def add(
        self, key: str, result: CheckStatus, title: str, detail: str = "", fix: tuple[str, ...] = (), **data: Any
    ) -> None:
        self.progress.add(
            self.worker,
            CheckResult(
                f"cloud.{self.provider}.{key}{self.sfx}",
                result,
                title,
                API,
                detail,
                fix,
                {"clients": [c.name for c in self.probe.clients], "provider": self.provider, **data},
            ),
        )

    def call(self, what: str, method: str, url: str, headers: dict[str, str], body: bytes | None) -> CloudAnswer | None:
        self.progress.now(self.worker, what, API, "api")
        try:
            return send(self.state.ctx, self.probe.lead, method, url, headers, body, self.remaining)
        except Refused as exc:
            self.add(
                "clear_text",
                "fail",
                Msg("{what} not sent: the credential would travel in clear text", what=what),
                str(exc),
                (Msg("use an https:// address"),),
                url=url,
            )
            return None

    def answered(
        self,
        key: str,
        what: str,
        answer: CloudAnswer,
        title_ok: str,
        detail_ok: str = "",
        extra_fix: tuple[str, ...] = (),
        **data: Any,
    ) -> bool:
        """One line for an answer; True when it succeeded."""
        if answer.ok:
            self.add(key, "ok", title_ok, detail_ok, http_status=answer.status, **data)
            return True
        if answer.redirect is not None:
            self.add(
                key,
                "fail",
                Msg(
                    "{what}: redirected ({status}) to {location}",
                    what=what,
                    http_status=answer.status,
                    location=answer.redirect,
                ),
                Msg("the redirect was not followed, so the credential was not sent there"),
                http_status=answer.status,
            )
            return False
        d = answer.diagnosis
        status_text = f"{answer.status} " if answer.status is not None else ""
        lines = [d.meaning] if d is not None and d.meaning else []
        if d is not None and d.request_id:
            lines.append(Msg("request id {id} ({kind})", id=d.request_id, kind=d.request_id_kind or "?"))
        if d is not None and d.message:
            lines.append(Msg("message: {message}", message=d.message))
        live = d is not None and d.category in LIVE and d.retryable is not False
        title = Msg("{what}: {status}{title}", what=what, status=status_text, title=d.title if d else Msg("no answer"))
        if live:
            title = Msg(
                "{what}: {status}{title}: a live condition, not a setting",
                what=what,
                status=status_text,
                title=d.title if d else "",
            )
        self.add(
            key,
            "warn" if live else "fail",
            title,
            Msg.joined("\n", lines),
            (*(extra_fix if d is not None and d.category == "permission" else ()), *(tuple(d.fix) if d else ())),
            http_status=answer.status,
            request_id=d.request_id if d else None,
            diagnosis=d.to_json() if d else None,
        )
        return False

    def stops(self, answer: CloudAnswer) -> bool:
        d = answer.diagnosis
        return answer.redirect is not None or (d is not None and d.category in STOPPING)


def run_cloud_probe(
    state: LocalState, probe: CloudProbe, progress: Progress, worker: str, remaining: Callable[[], float], sfx: str
) -> None:
    run = Run(state, probe, progress, worker, remaining, sfx)
    try:
        if probe.cloud.provider == "vertex":
            _vertex(run)
        else:
            _aws(run)
    except MissingExtra as exc:
        run.add("probes", "skip", Msg("{provider} not probed: {why}", provider=probe.cloud.name, why=str(exc)))


# -- AWS --------------------------------------------------------------------------------------------------------------


def _aws_url(run: Run, service: str, region: str) -> str:
    env = run.probe.lead.env
    names = {"sts": "AWS_ENDPOINT_URL_STS", "bedrock": "AWS_ENDPOINT_URL_BEDROCK", "sso": "AWS_ENDPOINT_URL_SSO"}
    for name in (names[service], "AWS_ENDPOINT_URL"):
        value = (env.get(name) or "").strip()
        if value:
            return value.rstrip("/")
    suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    host = {"sts": f"sts.{region}", "bedrock": f"bedrock.{region}", "sso": f"portal.sso.{region}"}[service]
    return f"https://{host}.{suffix}"


def _credential(run: Run) -> AwsCredential | None:
    """The credential to sign with: what the setup resolved, SSO role keys fetched when it is an SSO login."""
    aws = run.probe.cloud.aws
    name = run.probe.cloud.name
    if aws is None or aws.kind == "none":
        run.add("probes", "skip", Msg("{provider} not probed: no AWS credential (see above)", provider=name))
        return None
    if aws.kind == "skip":
        run.add("probes", "skip", Msg("{provider} not probed: {source}", provider=name, source=aws.source))
        return None
    if aws.kind == "sso":
        return _sso_keys(run, aws)
    if aws.kind == "bearer" or aws.signing:
        return aws
    run.add(
        "probes",
        "skip",
        Msg("{provider} not probed: {source}: {why}", provider=name, source=aws.source, why=aws.note or Msg("no keys")),
    )
    return None


def _sso_keys(run: Run, aws: AwsCredential) -> AwsCredential | None:
    import time

    token = aws.sso
    if token is None or not token.access_token or (token.expires_at is not None and token.expires_at <= time.time()):
        run.add(
            "probes",
            "skip",
            Msg(
                "{provider} not probed: the SSO login is missing or expired (see above)", provider=run.probe.cloud.name
            ),
        )
        return None
    if not (aws.sso_account and aws.sso_role and aws.sso_region):
        run.add(
            "probes",
            "skip",
            Msg(
                "{provider} not probed: the SSO profile lacks its account, role or region",
                provider=run.probe.cloud.name,
            ),
        )
        return None
    url = (
        _aws_url(run, "sso", aws.sso_region)
        + "/federation/credentials?"
        + urlencode({"role_name": aws.sso_role, "account_id": aws.sso_account})
    )
    answer = run.call(Msg("SSO GetRoleCredentials"), "GET", url, {"x-amz-sso_bearer_token": token.access_token}, None)
    if answer is None:
        return None
    body = answer.json() if answer.ok else None
    keys = body.get("roleCredentials") if isinstance(body, dict) else None
    if not isinstance(keys, dict) or not keys.get("accessKeyId"):
        if answer.ok:
            run.add("sso", "fail", Msg("SSO GetRoleCredentials: an answer without credentials"))
        else:
            run.answered("sso", Msg("SSO GetRoleCredentials"), answer, "")
        return None
    found = AwsCredential(
        "sso",
        aws.source,
        aws.profile,
        str(keys.get("accessKeyId")),
        str(keys.get("secretAccessKey") or ""),
        str(keys.get("sessionToken") or "") or None,
    )
    run.state.minted.extend(v for v in (found.secret_key, found.session_token) if v)
    return found


def _signed(
    run: Run,
    credential: AwsCredential,
    method: str,
    url: str,
    body: bytes,
    service: str,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    region = run.probe.cloud.region.value if run.probe.cloud.region else "us-east-1"
    headers = dict(extra or {})
    if credential.kind == "bearer" and credential.bearer:
        return {**headers, "authorization": f"Bearer {credential.bearer}"}
    return sigv4_headers(method, url, headers, body, credential, region, service)


def _aws(run: Run) -> None:
    credential = _credential(run)
    if credential is None:
        return
    cloud = run.probe.cloud
    region = cloud.region.value if cloud.region else "us-east-1"
    if credential.kind != "bearer" and not _identity(run, credential, region):
        return
    model = _model(run)
    if cloud.provider == "mantle":
        _mantle_count(run, credential, model)
        return
    if credential.kind != "bearer":
        _profiles(run, credential, region, model)
    _bedrock_count(run, credential, model)


def _identity(run: Run, credential: AwsCredential, region: str) -> bool:
    url = _aws_url(run, "sts", region) + "/"
    body = b"Action=GetCallerIdentity&Version=2011-06-15"
    headers = _signed(
        run, credential, "POST", url, body, "sts", {"content-type": "application/x-www-form-urlencoded; charset=utf-8"}
    )
    answer = run.call(Msg("AWS STS GetCallerIdentity"), "POST", url, headers, body)
    if answer is None:
        return False
    answer = query_error(answer, "GetCallerIdentity")
    arn = _xml(answer.text, "Arn")
    account = _xml(answer.text, "Account")
    ok = run.answered(
        "identity",
        Msg("AWS STS GetCallerIdentity"),
        answer,
        Msg("AWS identity: {arn}", arn=arn or "?"),
        Msg("account {account}, with {source}", account=account or "?", source=credential.source),
        arn=arn,
        account=account,
    )
    return ok or not run.stops(answer)


def query_error(answer: CloudAnswer, operation: str) -> CloudAnswer:
    """STS answers errors in XML (`<Error><Code>ExpiredToken</Code><Message>…`), which the decoder reads as a gateway's
    page: decoded instead in the words botocore prints for it, with the request id."""
    code, message = _xml(answer.text, "Code"), _xml(answer.text, "Message")
    if answer.ok or code is None:
        return answer
    text = f"An error occurred ({code}) when calling the {operation} operation: {message or ''}"
    request_id = _xml(answer.text, "RequestId") or answer.headers.get("x-amzn-requestid")
    if request_id:
        text += f"\nRequestId: {request_id}"
    from dataclasses import replace

    from claude_doctor.decode import explain_text

    return replace(answer, diagnosis=explain_text(text))


def _xml(text: str, tag: str) -> str | None:
    found = re.search(rf"<{tag}>([^<]{{1,2048}})</{tag}>", text)
    return found.group(1) if found else None


def _counted(answer: CloudAnswer, field: str) -> object:
    """The token count a successful count-tokens answer carries under `field` (each cloud names it its own way)."""
    data = answer.json() if answer.ok else None
    return data.get(field) if isinstance(data, dict) else None


def _model(run: Run) -> tuple[str | None, str]:
    """The model to count tokens with, and why."""
    ctx = run.state.ctx
    if ctx.model:
        return ctx.model, Msg("from --model")
    for model in sorted(run.probe.cloud.models, key=lambda v: 0 if "HAIKU" in v.source or "SMALL" in v.source else 1):
        if not is_alias(model.value):
            return model.value, model.source
    default = DEFAULT_MODELS.get(run.probe.cloud.provider)
    if default is not None and run.probe.lead.client == "claude_code":
        if run.probe.cloud.provider == "bedrock" and run.probe.cloud.region is not None:
            default = bedrock_geo_prefix(run.probe.cloud.region.value) + default.removeprefix("us")
        return default, Msg("Claude Code's default small model")
    return None, ""


def _foundation(model: str) -> str:
    """The foundation model behind a system inference profile: `us.anthropic.x` → `anthropic.x`."""
    for geo in BEDROCK_GEOS:
        if model.startswith(geo + ".anthropic."):
            return model[len(geo) + 1 :]
    return model


def _profiles(run: Run, credential: AwsCredential, region: str, chosen: tuple[str | None, str]) -> None:
    url = _aws_url(run, "bedrock", region) + "/inference-profiles?maxResults=1000&typeEquals=SYSTEM_DEFINED"
    headers = _signed(run, credential, "GET", url, b"", "bedrock")
    answer = run.call(Msg("Bedrock ListInferenceProfiles"), "GET", url, headers, None)
    if answer is None:
        return
    body = answer.json() if answer.ok else None
    summaries = body.get("inferenceProfileSummaries") if isinstance(body, dict) else None
    ids = [
        str(s.get("inferenceProfileId")) for s in summaries or [] if isinstance(s, dict) and s.get("inferenceProfileId")
    ]
    claude = [i for i in ids if ".anthropic.claude" in i]
    model = chosen[0]
    detail = Msg("first ones: {ids}", ids=", ".join(claude[:6])) if claude else ""
    listed = model is not None and model in ids
    status_ok = plural(
        "Bedrock lists {n} Claude inference profile in {region}",
        "Bedrock lists {n} Claude inference profiles in {region}",
        n=len(claude),
        region=region,
    )
    iam = (
        Msg(
            "allow the identity bedrock:ListInferenceProfiles and bedrock:GetInferenceProfile in IAM: Claude Code "
            "calls them"
        ),
    )
    run.answered(
        "inference_profiles", Msg("Bedrock ListInferenceProfiles"), answer, status_ok, detail, iam, profiles=claude[:50]
    )
    if answer.ok and model is not None and any(model.startswith(g + ".") for g in BEDROCK_GEOS) and not listed:
        run.add(
            "profile_listed",
            "warn",
            Msg(
                "{model} ({why}) is not among the inference profiles of {region}",
                model=model,
                why=chosen[1],
                region=region,
            ),
            Msg("the token count below is the real test"),
        )


def _bedrock_count(run: Run, credential: AwsCredential, chosen: tuple[str | None, str]) -> None:
    model, why = chosen
    if model is None:
        run.add(
            "count_tokens", "skip", Msg("Bedrock CountTokens not tried: no model named"), fix=(Msg("pass --model"),)
        )
        return
    cloud = run.probe.cloud
    foundation = _foundation(model)
    payload = {"anthropic_version": BEDROCK_VERSION, "max_tokens": 1, "messages": PING}
    body = json.dumps(
        {"input": {"invokeModel": {"body": base64.b64encode(json.dumps(payload).encode()).decode()}}}
    ).encode()
    url = cloud.endpoint.strip().rstrip("/") + f"/model/{quote(foundation, safe=':')}/count-tokens"
    headers = _signed(run, credential, "POST", url, body, "bedrock", {"content-type": "application/json"})
    answer = run.call(Msg("Bedrock CountTokens"), "POST", url, headers, body)
    if answer is None:
        return
    tokens = _counted(answer, "inputTokens")
    lines = [Msg("model {model}: {why}", model=model, why=why)]
    if foundation != model:
        lines.append(
            Msg("counted with the foundation model {model}, which the inference profile serves", model=foundation)
        )
    run.answered(
        "count_tokens",
        Msg("Bedrock CountTokens with {model}", model=foundation),
        answer,
        Msg(
            "Bedrock CountTokens with {model}: {tokens} input tokens, with {source}",
            model=foundation,
            tokens=tokens,
            source=credential.source,
        ),
        Msg.joined("\n", lines),
        model=model,
    )


def _mantle_count(run: Run, credential: AwsCredential, chosen: tuple[str | None, str]) -> None:
    model, why = chosen
    if model is None:
        run.add(
            "count_tokens", "skip", Msg("Mantle count_tokens not tried: no model named"), fix=(Msg("pass --model"),)
        )
        return
    body = json.dumps({"model": model, "messages": PING}).encode()
    url = run.probe.cloud.endpoint.strip().rstrip("/") + "/v1/messages/count_tokens"
    headers = _signed(
        run,
        credential,
        "POST",
        url,
        body,
        "bedrock-mantle",
        {"content-type": "application/json", "anthropic-version": "2023-06-01"},
    )
    answer = run.call(Msg("Mantle count_tokens"), "POST", url, headers, body)
    if answer is None:
        return
    tokens = _counted(answer, "input_tokens")
    run.answered(
        "count_tokens",
        Msg("Mantle count_tokens with {model}", model=model),
        answer,
        Msg("Mantle count_tokens with {model}: {tokens} input tokens", model=model, tokens=tokens),
        Msg("model {model}: {why}", model=model, why=why),
        model=model,
    )


# -- Google -----------------------------------------------------------------------------------------------------------


def _vertex(run: Run) -> None:
    cloud = run.probe.cloud
    google = cloud.google
    name = cloud.name
    if google is None or google.kind in {"none", "broken"} or google.file is None or google.file.info is None:
        run.add("probes", "skip", Msg("{provider} not probed: no usable Google credentials (see above)", provider=name))
        return
    if cloud.project is None or cloud.region is None:
        run.add("probes", "skip", Msg("{provider} not probed: no project or no region (see above)", provider=name))
        return
    token = _google_token(run, google.kind, google.file.info)
    if token is None:
        return
    _tokeninfo(run, token)
    model, why = _model(run)
    if model is None:
        run.add(
            "count_tokens", "skip", Msg("Vertex AI count-tokens not tried: no model named"), fix=(Msg("pass --model"),)
        )
        return
    url = (
        cloud.endpoint.strip().rstrip("/")
        + f"/projects/{quote(cloud.project.value, safe='')}/locations/{quote(cloud.region.value, safe='')}"
        + "/publishers/anthropic/models/count-tokens:rawPredict"
    )
    body = json.dumps({"model": model, "anthropic_version": VERTEX_VERSION, "messages": PING}).encode()
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    answer = run.call(Msg("Vertex AI count-tokens"), "POST", url, headers, body)
    if answer is None:
        return
    tokens = _counted(answer, "input_tokens")
    run.answered(
        "count_tokens",
        Msg("Vertex AI count-tokens with {model}", model=model),
        answer,
        Msg("Vertex AI count-tokens with {model}: {tokens} input tokens", model=model, tokens=tokens),
        Msg.joined(
            "\n",
            [
                Msg("model {model}: {why}", model=model, why=why),
                Msg("project {project}, region {region}", project=cloud.project.value, region=cloud.region.value),
            ],
        ),
        model=model,
    )


def _google_token(run: Run, kind: str, info: dict[str, Any]) -> str | None:
    credentials = google_credentials(kind, info, run.probe.lead.env)
    transport = GoogleTransport(run.state.ctx, run.probe.lead, run.remaining)
    run.progress.now(run.worker, Msg("Google token endpoint"), API, "api")
    try:
        from google.auth import exceptions

        credentials.refresh(transport)
    except exceptions.GoogleAuthError as exc:
        from dataclasses import replace

        from claude_doctor.decode import explain_exception

        answer = transport.answers[-1] if transport.answers else None
        if answer is not None and not answer.ok:  # google-auth's own error says more than the endpoint's JSON
            answer = replace(answer, diagnosis=answer.diagnosis if answer.status is None else explain_exception(exc))
            run.answered("token", Msg("Google token endpoint"), answer, "")
        else:
            run.add("token", "fail", Msg("Google token endpoint: {why}", why=str(exc)[:300]))
        return None
    token = credentials.token
    if not isinstance(token, str) or not token:
        run.add("token", "fail", Msg("Google token endpoint: no access token in the answer"))
        return None
    run.state.minted.append(token)
    return token


def _tokeninfo(run: Run, token: str) -> None:
    url = google_url(run.probe.lead.env, TOKENINFO_VARIABLE, TOKENINFO_URL)
    body = urlencode({"access_token": token}).encode()
    answer = run.call(
        Msg("Google token info"), "POST", url, {"content-type": "application/x-www-form-urlencoded"}, body
    )
    if answer is None:
        return
    data = answer.json() if answer.ok else None
    info = data if isinstance(data, dict) else {}
    who = info.get("email") or info.get("azp") or "?"
    run.answered(
        "identity",
        Msg("Google token info"),
        answer,
        Msg("Google identity: {who}", who=who),
        Msg(
            "token valid for {seconds} s more; scope {scope}",
            seconds=info.get("expires_in", "?"),
            scope=info.get("scope", "?"),
        ),
        identity=who,
    )
