"""How Claude Code and AnthropicBedrock pick their AWS region, credential and endpoint, and how Vertex AI clients pick
their project: pure resolution from plain values."""

from __future__ import annotations

import pytest

from claude_doctor.checks.inventory import CloudFiles, GoogleCredentials, IniFile, SsoToken, sso_cache_key
from claude_doctor.checks.resolve.aws import resolve_bedrock
from claude_doctor.checks.resolve.google import resolve_vertex, token_uri_refusal, vertex_base_url

HOME = "/home/me"


def files(config: str = "", credentials: str = "", **extra: object) -> CloudFiles:
    def ini(path: str, text: str) -> IniFile | None:
        if not text:
            return None
        sections: dict[str, dict[str, str]] = {}
        current = None
        for line in text.splitlines():
            if line.startswith("["):
                current = line.strip("[]")
                sections[current] = {}
            elif "=" in line and current is not None:
                key, value = line.split("=", 1)
                sections[current][key.strip()] = value.strip()
        return IniFile(path, path.replace(HOME, "~"), sections)

    found = CloudFiles()
    found.aws_ini = {"config:": ini(f"{HOME}/.aws/config", config)}
    found.aws_ini["credentials:"] = ini(f"{HOME}/.aws/credentials", credentials)
    for key, value in extra.items():
        setattr(found, key, value)
    return found


def where(_name: str) -> str:
    return "environment"


def bedrock(env: dict[str, str], found: CloudFiles, *, claude_code: bool, now: float = 1_000.0):  # type: ignore[no-untyped-def]
    return resolve_bedrock(env, where, found, now, switch="test", claude_code=claude_code)


@pytest.mark.parametrize(
    ("config", "credentials", "claude_code", "boto3", "region"),
    [
        (
            "[default]\nregion = eu-west-1",
            "[default]\nregion = us-west-2",
            True,
            False,
            "us-west-2",
        ),  # credentials first
        ("[default]\nregion = eu-west-1", "", False, True, "eu-west-1"),  # boto3 reads the config file
        ("[default]\nregion = eu-west-1", "", False, False, None),  # without boto3 the SDK reads no profile
        ("[default]\nregion = nowhere", "", True, False, "us-east-1"),  # not a region: ignored, then the fallback
    ],
)
def test_region_from_the_profile(
    config: str, credentials: str, claude_code: bool, boto3: bool, region: str | None
) -> None:
    found = files(config, credentials, libraries={"boto3": "1.40"} if boto3 else {})
    setup = bedrock({"AWS_BEARER_TOKEN_BEDROCK": "ABSK" + "x" * 30}, found, claude_code=claude_code)
    assert (setup.region.value if setup.region else None) == region


def test_keys_and_profile_each_client_its_own() -> None:
    """botocore (the Python SDK) takes the key pair over AWS_PROFILE; the JavaScript SDK (Claude Code) the profile."""
    found = files(
        "[profile dev]\nregion = us-east-1",
        "[dev]\naws_access_key_id = AKIAPROFILE0000000000\naws_secret_access_key = s" + "x" * 30,
    )
    env = {"AWS_PROFILE": "dev", "AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT00000", "AWS_SECRET_ACCESS_KEY": "e" * 40}
    sdk = bedrock(env, found, claude_code=False)
    cc = bedrock(env, found, claude_code=True)
    assert sdk.aws is not None
    assert cc.aws is not None
    assert (sdk.aws.kind, sdk.aws.access_key) == ("env_keys", "AKIAENVIRONMENT00000")
    assert (cc.aws.kind, cc.aws.access_key) == ("profile_keys", "AKIAPROFILE0000000000")
    assert "keys_and_profile" in {lint.key for lint in sdk.lints}
    assert "keys_and_profile" in {lint.key for lint in cc.lints}


def test_profile_order_within_a_profile() -> None:
    role = files("[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\nregion = us-east-1")
    assert bedrock({}, role, claude_code=True).aws.kind == "assume_role"  # type: ignore[union-attr]
    process = files("[default]\ncredential_process = /bin/creds\nregion = us-east-1")
    credential = bedrock({}, process, claude_code=True).aws
    assert credential is not None
    assert (credential.kind, credential.command) == ("process", "/bin/creds")
    assert "--run-helpers" in credential.note


def test_sso_expiry_against_the_clock() -> None:
    key = sso_cache_key("corp")
    token = SsoToken("/c.json", "corp", expires_at=2_000.0, access_token="t" * 20)
    found = files(
        "[default]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\nregion = us-east-1\n"
        "[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://x/start",
        sso_tokens={key: token},
    )
    assert not [lint for lint in bedrock({}, found, claude_code=True, now=1_000).lints if lint.key == "sso"]
    expired = [lint for lint in bedrock({}, found, claude_code=True, now=9_200).lints if lint.key == "sso"]
    assert [(lint.severity, lint.fix) for lint in expired] == [("fail", ("aws sso login --sso-session corp",))]


@pytest.mark.parametrize(
    ("env", "claude_code", "endpoint"),
    [
        ({"AWS_REGION": "eu-west-1"}, True, "https://bedrock-runtime.eu-west-1.amazonaws.com"),
        ({"AWS_REGION": "cn-north-1"}, True, "https://bedrock-runtime.cn-north-1.amazonaws.com.cn"),
        ({"AWS_REGION": "us-east-1", "ANTHROPIC_BEDROCK_BASE_URL": "https://gw.example"}, False, "https://gw.example"),
        (
            {"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "https://vpce.example"},
            True,
            "https://vpce.example",
        ),
        (
            {"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "https://vpce.example"},
            False,
            "https://bedrock-runtime.us-east-1.amazonaws.com",
        ),
    ],
)
def test_bedrock_endpoint(env: dict[str, str], claude_code: bool, endpoint: str) -> None:
    env = {**env, "AWS_BEARER_TOKEN_BEDROCK": "ABSK" + "x" * 30}
    assert bedrock(env, files(), claude_code=claude_code).endpoint == endpoint


def test_vertex_project_precedence_differs_per_client() -> None:
    found = CloudFiles(adc_path="/adc.json", gcloud_project=("from-gcloud", "config_default"))
    found.google["/adc.json"] = GoogleCredentials(
        "/adc.json",
        "adc",
        True,
        None,
        "authorized_user",
        {"client_id": "c", "client_secret": "s", "refresh_token": "r"},
    )
    env = {
        "CLOUD_ML_REGION": "us-east5",
        "ANTHROPIC_VERTEX_PROJECT_ID": "from-anthropic",
        "GCLOUD_PROJECT": "from-gcloud-var",
    }
    sdk = resolve_vertex(env, where, found, switch="t", claude_code=False)
    cc = resolve_vertex(env, where, found, switch="t", claude_code=True)
    assert sdk.project is not None
    assert cc.project is not None
    assert (sdk.project.value, cc.project.value) == ("from-anthropic", "from-gcloud-var")
    assert [v.value for v in cc.projects] == ["from-gcloud-var", "from-anthropic", "from-gcloud"]


@pytest.mark.parametrize(
    ("region", "url"),
    [
        ("global", "https://aiplatform.googleapis.com/v1"),
        ("us", "https://aiplatform.us.rep.googleapis.com/v1"),
        ("europe-west1", "https://europe-west1-aiplatform.googleapis.com/v1"),
    ],
)
def test_vertex_address_follows_the_sdk(region: str, url: str) -> None:
    assert vertex_base_url(region) == url


@pytest.mark.parametrize(
    ("uri", "refused"),
    [
        ("https://oauth2.googleapis.com/token", False),
        ("http://127.0.0.1:8080/token", False),
        ("http://oauth2.googleapis.com/token", True),
        ("https://googleapis.com.evil.example/token", True),
        ("https://evil.example/oauth2.googleapis.com/token", True),
    ],
)
def test_a_service_account_secret_goes_only_to_google(uri: str, refused: bool) -> None:
    assert (token_uri_refusal(uri) is not None) == refused
