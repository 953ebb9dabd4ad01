"""A loopback stand-in for the AWS and Google endpoints the cloud probes call, pointed at by the clients' own override
variables (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_BEDROCK`, `AWS_ENDPOINT_URL_SSO`, `ANTHROPIC_BEDROCK_BASE_URL`,
`ANTHROPIC_BEDROCK_MANTLE_BASE_URL`, `ANTHROPIC_VERTEX_BASE_URL`, the credentials file's `token_uri`, and
`CLAUDE_DOCTOR_GOOGLE_TOKENINFO_URL`). Each operation answers as told: ok, throttled, denied, expired, not_found or
quota, with the clouds' own error shapes and messages copied from public reports (URLs beside each).

It checks what a cloud would check first: an AWS request must carry a SigV4 `Authorization` whose credential scope
names the expected access key, region and service (or the expected bearer token); a Google request the access token
it minted.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ACCESS_KEY = "AKIA" + "Q7XW3LMN5PRT2VZK"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "Zq81Hq7aTuv3"
ROLE_KEY = "ASIA" + "R2D2C3POBB8EETK9"
ROLE_SECRET = "Sso/role/secret/" + "Kq72mZuPw9LeXn4Tt8Yc"
ROLE_SESSION = "IQoJb3JpZ2luX2VjE" + "Ak" * 40
BEARER = "ABSK" + "QmVkcm9ja0FQSUtleS1" + "x" * 40
GOOGLE_TOKEN = "ya29." + "a0AfB_byStandInAccessToken" + "Q" * 30
ACCOUNT = "123456789012"


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def scope(self) -> tuple[str, str, str] | None:
        """(access key, region, service) of a SigV4 signature."""
        auth = self.headers.get("authorization", "")
        if not auth.startswith("AWS4-HMAC-SHA256 Credential="):
            return None
        key, _date, region, service, _end = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
        return key, region, service


# (status, headers, body) of each error, by operation family and scenario.
def _aws_error(name: str, status: int, message: str) -> tuple[int, dict[str, str], bytes]:
    return (
        status,
        {"x-amzn-ErrorType": f"{name}:http://internal.amazon.com/coral/com.amazon.bedrock/"},
        json.dumps({"message": message}).encode(),
    )


AWS_ERRORS = {
    # anthropics/claude-code#1293, and many since
    "throttled": _aws_error("ThrottlingException", 429, "Too many tokens, please wait before trying again."),
    # danilop/multimodal-chat#7
    "denied": _aws_error(
        "AccessDeniedException", 403, "You don't have access to the model with the specified model ID."
    ),
    # cline/cline#852
    "expired": _aws_error("ExpiredTokenException", 403, "The security token included in the request is expired"),
    # Wei-Shaw/sub2api#1714
    "not_found": _aws_error("ValidationException", 400, "The provided model identifier is invalid."),
    # the error's own documentation in botocore's bedrock-runtime service model (data/bedrock-runtime/…/service-2.json)
    "quota": _aws_error(
        "ServiceQuotaExceededException",
        400,
        "Your request exceeds the service quota for your account. You can view your quotas at Viewing service quotas. "
        "You can resubmit your request later.",
    ),
}
STS_EXPIRED = (
    b'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
    b"<Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error>"
    b"<RequestId>4d0ab3a2-1f58-4a8e-9c3c-0b7f3a1e2d11</RequestId></ErrorResponse>"
)


def _google_error(code: int, status: str, message: str) -> tuple[int, dict[str, str], bytes]:
    return code, {}, json.dumps({"error": {"code": code, "message": message, "status": status}}).encode()


GOOGLE_ERRORS = {
    # cline/cline#651
    "quota": _google_error(
        429,
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: "
        "anthropic-claude-3-5-sonnet-v2. Please submit a quota increase request. "
        "https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.",
    ),
    # charmbracelet/crush#879
    "not_found": _google_error(
        404,
        "NOT_FOUND",
        "Publisher Model `projects/my-vertex-ai-project/locations/global/publishers/google/models/"
        "claude-opus-4-1@20250805` not found.",
    ),
    "denied": _google_error(
        403,
        "PERMISSION_DENIED",
        "Permission 'aiplatform.endpoints.predict' denied on resource "
        "'//aiplatform.googleapis.com/projects/my-project/locations/us-east5/publishers/anthropic/models/claude' "
        "(or it may not exist).",
    ),
}


@dataclass
class FakeCloud:
    """Operations: sts, profiles, count (Bedrock), sso, mantle, token, tokeninfo, vertex."""

    answers: dict[str, str] = field(default_factory=dict)  # operation → scenario (default ok)
    region: str = "us-east-1"
    access_key: str = ACCESS_KEY
    seen: list[Seen] = field(default_factory=list)
    url: str = ""

    def scenario(self, operation: str) -> str:
        return self.answers.get(operation, "ok")

    def paths(self) -> list[str]:
        return [s.path.split("?")[0] for s in self.seen]

    def answer(self, seen: Seen) -> tuple[int, dict[str, str], bytes]:
        path = urlsplit(seen.path).path
        query = parse_qs(urlsplit(seen.path).query)
        if seen.method == "POST" and path == "/" and b"GetCallerIdentity" in seen.body:
            return self._aws(seen, "sts", "sts", self._identity)
        if seen.method == "GET" and path == "/inference-profiles":
            return self._aws(seen, "profiles", "bedrock", self._profiles)
        if seen.method == "POST" and path.startswith("/model/") and path.endswith("/count-tokens"):
            return self._aws(seen, "count", "bedrock", lambda: (200, {}, b'{"inputTokens": 8}'))
        if seen.method == "GET" and path == "/federation/credentials":
            return self._sso(seen, query)
        if seen.method == "POST" and path.endswith("/v1/messages/count_tokens"):
            return self._aws(seen, "mantle", "bedrock-mantle", lambda: (200, {}, b'{"input_tokens": 8}'))
        if seen.method == "POST" and path == "/token":
            return self._token(seen)
        if seen.method == "POST" and path == "/tokeninfo":
            return self._google(
                seen, "tokeninfo", self._tokeninfo, token=parse_qs(seen.body.decode()).get("access_token")
            )
        if seen.method == "POST" and path.endswith("/models/count-tokens:rawPredict"):
            return self._google(seen, "vertex", lambda: (200, {}, b'{"input_tokens": 8}'))
        return 404, {}, b'{"message": "no such operation here"}'

    def _aws(self, seen: Seen, operation: str, service: str, ok: Any) -> tuple[int, dict[str, str], bytes]:
        auth = seen.headers.get("authorization", "")
        scope = seen.scope
        good = auth == f"Bearer {BEARER}" or (
            scope is not None
            and scope[1] == self.region
            and scope[2] == service
            and scope[0] in {self.access_key, ROLE_KEY}
        )
        if not good:
            return _aws_error(
                "UnrecognizedClientException", 403, "The security token included in the request is invalid."
            )
        scenario = self.scenario(operation)
        if scenario == "ok":
            return ok()
        if operation == "sts" and scenario == "expired":
            return 403, {"content-type": "text/xml"}, STS_EXPIRED
        return AWS_ERRORS[scenario]

    def _identity(self) -> tuple[int, dict[str, str], bytes]:
        body = (
            '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
            f"<Arn>arn:aws:iam::{ACCOUNT}:user/dev</Arn><UserId>AIDAEXAMPLEUSERID</UserId><Account>{ACCOUNT}</Account>"
            "</GetCallerIdentityResult><ResponseMetadata><RequestId>"
            f"{uuid.uuid4()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
        )
        return 200, {"content-type": "text/xml"}, body.encode()

    def _profiles(self) -> tuple[int, dict[str, str], bytes]:
        ids = ["us.anthropic.claude-haiku-4-5-20251001-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"]
        summaries = [{"inferenceProfileId": i, "status": "ACTIVE", "type": "SYSTEM_DEFINED"} for i in ids]
        return 200, {}, json.dumps({"inferenceProfileSummaries": summaries}).encode()

    def _sso(self, seen: Seen, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        if not seen.headers.get("x-amz-sso_bearer_token"):
            return 401, {}, b'{"message": "Session token not found or invalid"}'
        if self.scenario("sso") == "expired":
            return (
                401,
                {"x-amzn-ErrorType": "UnauthorizedException"},
                b'{"message": "Session token not found or invalid"}',
            )
        creds = {
            "accessKeyId": ROLE_KEY,
            "secretAccessKey": ROLE_SECRET,
            "sessionToken": ROLE_SESSION,
            "expiration": 4102444800000,
        }
        if not (query.get("account_id") and query.get("role_name")):
            return 400, {}, b'{"message": "account_id and role_name are required"}'
        return 200, {}, json.dumps({"roleCredentials": creds}).encode()

    def _token(self, seen: Seen) -> tuple[int, dict[str, str], bytes]:
        form = parse_qs(seen.body.decode())
        grant = (form.get("grant_type") or [""])[0]
        if grant not in {"refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer"}:
            return 400, {}, b'{"error": "unsupported_grant_type"}'
        if self.scenario("token") == "expired":
            return 400, {}, b'{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}'
        return 200, {}, json.dumps({"access_token": GOOGLE_TOKEN, "expires_in": 3599, "token_type": "Bearer"}).encode()

    def _tokeninfo(self) -> tuple[int, dict[str, str], bytes]:
        info = {
            "email": "dev@example.com",
            "expires_in": "3500",
            "scope": "https://www.googleapis.com/auth/cloud-platform",
        }
        return 200, {}, json.dumps(info).encode()

    def _google(
        self, seen: Seen, operation: str, ok: Any, token: list[str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        given = (
            (token or [""])[0] if token is not None else seen.headers.get("authorization", "").removeprefix("Bearer ")
        )
        if given != GOOGLE_TOKEN:
            return _google_error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
        scenario = self.scenario(operation)
        return ok() if scenario == "ok" else GOOGLE_ERRORS[scenario]


@contextmanager
def fake_cloud(**kwargs: Any) -> Iterator[FakeCloud]:
    cloud = FakeCloud(**kwargs)

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            cloud.seen.append(seen)
            status, headers, payload = cloud.answer(seen)
            self.send_response(status)
            headers = {"content-type": "application/json", **headers}
            if not seen.path.startswith(("/token", "/tokeninfo", "/v1/projects")):  # AWS answers carry its request id
                headers["x-amzn-RequestId"] = str(uuid.uuid4())
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    cloud.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield cloud
    finally:
        server.shutdown()
        server.server_close()
