"""Cloud configurations of every shape for the throw-away machines of tests/checks/conftest.py: AWS's config and
credentials files and SSO cache, Google's credential files and gcloud's configuration, and the variables that point
the clients at a loopback stand-in (tests/checks/cloud_servers.py)."""

from __future__ import annotations

import functools
import hashlib
import json
import time
from datetime import UTC, datetime
from typing import Any

from claude_doctor.checks.context import CheckContext
from claude_doctor.commands.check import build_report
from claude_doctor.model import CheckResult, Report
from tests.checks.cloud_servers import ACCESS_KEY, SECRET_KEY, FakeCloud
from tests.checks.conftest import Machine

SSO_TOKEN = "aoaAAAAAGdSsoAccessToken" + "Zx" * 40
SSO_REFRESH = "aorAAAAAGdSsoRefreshToken" + "Yw" * 30
SSO_CLIENT_SECRET = "eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0" + "Vv" * 30
REFRESH_TOKEN = "1//0gStandInRefreshToken" + "Rr" * 30
CLIENT_SECRET = "GOCSPX-StandInClientSecret" + "Cc" * 8


def iso(seconds_from_now: float) -> str:
    return datetime.fromtimestamp(time.time() + seconds_from_now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def aws_config(m: Machine, text: str) -> None:
    m.write(m.home / ".aws" / "config", text)


def aws_credentials(m: Machine, text: str) -> None:
    m.write(m.home / ".aws" / "credentials", text)


def static_keys(m: Machine, profile: str = "default", region: str | None = "us-east-1") -> None:
    aws_credentials(m, f"[{profile}]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n")
    if region:
        section = "default" if profile == "default" else f"profile {profile}"
        aws_config(m, f"[{section}]\nregion = {region}\n")


def sso_profile(m: Machine, *, expires_in: float, refresh: bool = False, session: str = "corp") -> None:
    aws_config(
        m,
        f"[profile dev]\nsso_session = {session}\nsso_account_id = 123456789012\nsso_role_name = Developer\n"
        f"region = us-east-1\n\n[sso-session {session}]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n",
    )
    token: dict[str, Any] = {
        "startUrl": "https://corp.awsapps.com/start",
        "region": "us-east-1",
        "accessToken": SSO_TOKEN,
        "expiresAt": iso(expires_in),
    }
    if refresh:
        token |= {"refreshToken": SSO_REFRESH, "clientId": "cid", "clientSecret": SSO_CLIENT_SECRET}
        token["registrationExpiresAt"] = iso(86400 * 30)
    key = hashlib.sha1(session.encode()).hexdigest()
    m.write(m.home / ".aws" / "sso" / "cache" / f"{key}.json", token)


@functools.cache
def private_key_pem() -> str:
    """A real RSA key, made once per run: google-auth signs the service account's assertion with it."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def service_account(m: Machine, token_uri: str, project: str = "sa-project", name: str = "sa.json") -> str:
    pem = private_key_pem()
    path = m.write(
        m.root / "keys" / name,
        {
            "type": "service_account",
            "project_id": project,
            "private_key_id": "0123456789abcdef0123456789abcdef01234567",
            "private_key": pem,
            "client_email": f"claude@{project}.iam.gserviceaccount.com",
            "client_id": "111111111111111111111",
            "token_uri": token_uri,
        },
    )
    return str(path)


def authorized_user(m: Machine, token_uri: str | None = None, adc: bool = True) -> str:
    data = {
        "type": "authorized_user",
        "client_id": "764086051850-standin.apps.googleusercontent.com",
        "client_secret": CLIENT_SECRET,
        "refresh_token": REFRESH_TOKEN,
    }
    if token_uri:
        data["token_uri"] = token_uri
    path = (
        m.home / ".config" / "gcloud" / "application_default_credentials.json" if adc else m.root / "keys" / "user.json"
    )
    return str(m.write(path, data))


def gcloud_project(m: Machine, project: str) -> None:
    m.write(m.home / ".config" / "gcloud" / "configurations" / "config_default", f"[core]\nproject = {project}\n")


def point_at(m: Machine, cloud: FakeCloud) -> None:
    """The clients' own override variables, at the stand-in: AWS's for a Bedrock setup, Google's for a Vertex one."""
    if (
        m.env.get("CLAUDE_CODE_USE_VERTEX")
        or m.env.get("GOOGLE_APPLICATION_CREDENTIALS")
        or ((m.cwd / "app.py").exists() and "Vertex" in (m.cwd / "app.py").read_text())
    ):
        m.env |= {
            "ANTHROPIC_VERTEX_BASE_URL": cloud.url + "/v1",
            "CLAUDE_DOCTOR_GOOGLE_TOKENINFO_URL": cloud.url + "/tokeninfo",
            "CLAUDE_DOCTOR_GOOGLE_TOKEN_URL": cloud.url + "/token",
        }
        return
    m.env |= {
        "AWS_ENDPOINT_URL_STS": cloud.url,
        "AWS_ENDPOINT_URL_BEDROCK": cloud.url,
        "AWS_ENDPOINT_URL_SSO": cloud.url,
        "ANTHROPIC_BEDROCK_BASE_URL": cloud.url,
        "ANTHROPIC_BEDROCK_MANTLE_BASE_URL": cloud.url + "/anthropic",
    }


def claude_code(m: Machine) -> None:
    m.write(m.home / ".claude.json", {"hasCompletedOnboarding": True})


def bedrock_sdk_project(m: Machine) -> None:
    m.write(m.cwd / "app.py", "from anthropic import AnthropicBedrock\n\nclient = AnthropicBedrock()\n")


def vertex_sdk_project(m: Machine) -> None:
    m.write(m.cwd / "app.py", "from anthropic import AnthropicVertex\n\nclient = AnthropicVertex()\n")


def run(
    m: Machine, *, offline: bool = False, timeout: float = 8.0, **options: Any
) -> tuple[Report, dict[str, CheckResult]]:
    ctx: CheckContext = m.ctx(offline=offline, timeout=timeout, **options)
    report = build_report(ctx).report
    return report, {r.id: r for r in report.checks}


def problems(report: Report) -> list[tuple[str, str]]:
    return [(r.id, r.title) for r in report.checks if r.status == "fail"]


def cloud_lines(report: Report, status: str | None = None) -> list[CheckResult]:
    return [r for r in report.checks if r.id.startswith("cloud.") and (status is None or r.status == status)]


def dumped(report: Report) -> str:
    return json.dumps(report.to_json())
