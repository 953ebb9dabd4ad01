"""Claude Code and the SDKs on Amazon Bedrock and Google Vertex AI (issue 14): every configuration mistake found
offline from real files in a throw-away home, and, online, the identity and the model checked against a loopback
stand-in for the AWS and Google endpoints. No test reaches a cloud."""

from __future__ import annotations

import io
import json
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claude_doctor.commands.check import build_report
from claude_doctor.render import emit
from tests.checks.cloud_servers import (
    ACCESS_KEY,
    BEARER,
    GOOGLE_TOKEN,
    ROLE_KEY,
    ROLE_SECRET,
    ROLE_SESSION,
    SECRET_KEY,
    fake_cloud,
)
from tests.checks.clouds import (
    CLIENT_SECRET,
    REFRESH_TOKEN,
    SSO_CLIENT_SECRET,
    SSO_REFRESH,
    SSO_TOKEN,
    authorized_user,
    aws_config,
    aws_credentials,
    bedrock_sdk_project,
    claude_code,
    cloud_lines,
    gcloud_project,
    point_at,
    problems,
    run,
    service_account,
    sso_profile,
    static_keys,
    vertex_sdk_project,
)
from tests.checks.conftest import Machine
from tests.checks.servers import silent_listener


@pytest.fixture(autouse=True)
def _no_outside_names(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every name these tests resolve must be this machine's: a lookup of any other fails the test."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def guarded(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in {"127.0.0.1", "localhost", "::1"}:
            asked.append(name)
            raise socket.gaierror(socket.EAI_NONAME, f"outside name looked up in a test: {name}")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    yield asked
    assert asked == [], asked


def titles(report: object, status: str | None = None) -> str:
    return "\n".join(r.title for r in cloud_lines(report, status))  # type: ignore[arg-type]


def fixes(report: object) -> str:
    return "\n".join(f for r in cloud_lines(report) for f in r.fix)  # type: ignore[arg-type]


# -- offline: what the issue lists, each with its cause and fix ---------------------------------------------------


def test_bedrock_switch_with_no_aws_settings_is_no_longer_a_clean_report(machine: Machine) -> None:
    machine.env["CLAUDE_CODE_USE_BEDROCK"] = "1"
    report, results = run(machine, offline=True)
    assert report.exit_code == 1
    assert "No AWS credentials found" in titles(report, "fail")
    assert "No AWS region set: Claude Code falls back to us-east-1" in titles(report, "warn")
    assert "aws configure" in fixes(report)
    assert results["clients.claude_code"].status == "ok"  # the switch alone says Claude Code is in use


@pytest.mark.parametrize(
    ("env", "config", "client", "expected"),
    [
        ({"AWS_REGION": "us-east-1"}, "", "claude_code", ("ok", "us-east-1", "AWS_REGION (environment)")),
        (
            {},
            "[default]\nregion = eu-west-3\n",
            "claude_code",
            ("ok", "eu-west-3", "region in ~/.aws/config [default]"),
        ),
        ({"AWS_DEFAULT_REGION": "ap-northeast-1"}, "", "sdk", ("ok", "ap-northeast-1", "AWS_DEFAULT_REGION")),
        (
            {"AWS_REGION": "us-east"},
            "[default]\nregion = us-west-2\n",
            "claude_code",
            ("warn", "us-west-2", "config [default]"),
        ),
        ({"AWS_REGION": "US_EAST_1"}, "", "sdk", ("fail", "US_EAST_1", "not an AWS region")),
        ({}, "[default]\nregion = us-west-2\n", "sdk", ("fail", None, "No AWS region")),  # boto3 not installed
        ({"AWS_REGION": "cn-north-1"}, "", "claude_code", ("fail", "cn-north-1", "China region")),
    ],
)
def test_region_and_where_it_came_from(
    machine: Machine, env: dict[str, str], config: str, client: str, expected: tuple[str, str | None, str]
) -> None:
    status, region, words = expected
    machine.env |= env | {"AWS_BEARER_TOKEN_BEDROCK": BEARER}
    if config:
        aws_config(machine, config)
    if client == "claude_code":
        machine.env["CLAUDE_CODE_USE_BEDROCK"] = "1"
    else:
        bedrock_sdk_project(machine)
        machine.env.pop("AWS_BEARER_TOKEN_BEDROCK")
        machine.env["AWS_ACCESS_KEY_ID"], machine.env["AWS_SECRET_ACCESS_KEY"] = ACCESS_KEY, SECRET_KEY
    report, _results = run(machine, offline=True)
    setup = next(r for r in report.checks if r.id.startswith("cloud.") and r.id.endswith(".bedrock"))
    assert setup.data["region"] == region
    region_lines = [r for r in cloud_lines(report) if ".region" in r.id]
    if status == "ok":
        assert not region_lines, region_lines
        assert words in str(setup.data["region_source"])
    else:
        assert [r.status for r in region_lines] == [status]
        assert words in region_lines[0].title + region_lines[0].detail + str(setup.data["region_source"])


def test_a_profile_that_does_not_exist(machine: Machine) -> None:
    static_keys(machine)
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "prod"}
    _report, results = run(machine, offline=True)
    line = results["cloud.bedrock.profile"]
    assert line.status == "fail"
    assert line.title == "AWS profile prod (AWS_PROFILE (environment)) does not exist"
    assert "aws configure --profile prod" in line.fix[0]


def test_sso_session_expired_names_the_login_command(machine: Machine) -> None:
    sso_profile(machine, expires_in=-7200)
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev"}
    _report, results = run(machine, offline=True)
    line = results["cloud.bedrock.sso"]
    assert line.status == "fail"
    assert "expired 2.0 h ago" in line.title
    assert line.fix == ("aws sso login --sso-session corp",)


def test_sso_session_expired_but_renewable_is_a_warning(machine: Machine) -> None:
    sso_profile(machine, expires_in=-600, refresh=True)
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev"}
    _report, results = run(machine, offline=True)
    assert results["cloud.bedrock.sso"].status == "warn"
    assert "refresh token" in results["cloud.bedrock.sso"].detail


def test_sso_session_valid_or_never_logged_in(machine: Machine) -> None:
    sso_profile(machine, expires_in=3600)
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev"}
    report, results = run(machine, offline=True)
    assert "cloud.bedrock.sso" not in results
    assert report.exit_code == 0, problems(report)
    for cache in (machine.home / ".aws" / "sso" / "cache").iterdir():
        cache.unlink()
    _report, results = run(machine, offline=True)
    assert results["cloud.bedrock.sso"].title == "AWS SSO: no cached login for profile dev"


CREDENTIAL_SCRIPT = f"""import json, sys
print(json.dumps({{"Version": 1, "AccessKeyId": "{ACCESS_KEY}", "SecretAccessKey": "{SECRET_KEY}",
                  "SessionToken": "{ROLE_SESSION}", "Expiration": "2099-01-01T00:00:00Z"}}))
"""


def test_credential_process_runs_only_with_consent_and_is_masked(machine: Machine) -> None:
    script = machine.write(machine.root / "creds.py", CREDENTIAL_SCRIPT)
    marker = machine.root / "ran"
    command = f"sh -c 'touch {marker}; {sys.executable} {script}'"
    aws_config(machine, f"[default]\nregion = us-east-1\ncredential_process = {command}\n")
    machine.env["CLAUDE_CODE_USE_BEDROCK"] = "1"
    _report, results = run(machine, offline=True)
    assert not marker.exists()
    assert results["cloud.helper.credential_process"].status == "skip"
    assert "--run-helpers" in results["cloud.helper.credential_process"].detail
    report, results = run(machine, offline=True, run_helpers=True)
    assert marker.exists()
    assert results["cloud.helper.credential_process"].status == "ok"
    assert report.exit_code == 0, problems(report)
    out = io.StringIO()
    emit(build_report(machine.ctx(run_helpers=True)), "json", out=out)
    text = out.getvalue()
    for secret in (SECRET_KEY, ROLE_SESSION, ACCESS_KEY):
        assert secret not in text


def test_credential_process_that_hangs_is_ended(machine: Machine) -> None:
    aws_config(machine, "[default]\nregion = us-east-1\ncredential_process = sleep 60\n")
    machine.env["CLAUDE_CODE_USE_BEDROCK"] = "1"
    started = time.monotonic()
    _report, results = run(machine, offline=True, run_helpers=True, timeout=1.5)
    assert time.monotonic() - started < 5
    assert results["cloud.helper.credential_process"].status == "fail"
    assert "did not finish" in results["cloud.helper.credential_process"].title


def test_cloud_refresh_helpers_are_named_never_run(machine: Machine) -> None:
    marker = machine.root / "refreshed"
    machine.write(
        machine.home / ".claude" / "settings.json",
        {"awsAuthRefresh": f"touch {marker}", "env": {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}},
    )
    static_keys(machine, region=None)
    _report, results = run(machine, offline=True, run_helpers=True)
    assert not marker.exists()
    assert results["cloud.helper.awsAuthRefresh"].status == "skip"


def test_bearer_token_and_keys_both_set(machine: Machine) -> None:
    machine.env |= {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_REGION": "us-west-2",
        "AWS_BEARER_TOKEN_BEDROCK": BEARER,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
    }
    _report, results = run(machine, offline=True)
    line = results["cloud.bedrock.bearer_and_keys"]
    assert line.status == "warn"
    assert "the bearer token is used" in line.title


def test_temporary_keys_without_their_session_token(machine: Machine) -> None:
    machine.env |= {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_REGION": "us-west-2",
        "AWS_ACCESS_KEY_ID": ROLE_KEY,
        "AWS_SECRET_ACCESS_KEY": ROLE_SECRET,
    }
    _report, results = run(machine, offline=True)
    assert results["cloud.bedrock.keys"].status == "fail"


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("claude-sonnet-4-5-20250929", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ],
)
def test_model_ids_in_the_wrong_shape_for_bedrock(machine: Machine, model: str, expected: str) -> None:
    machine.env |= {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_REGION": "us-east-1",
        "AWS_BEARER_TOKEN_BEDROCK": BEARER,
        "ANTHROPIC_MODEL": model,
    }
    _report, results = run(machine, offline=True)
    line = results["cloud.bedrock.models"]
    assert line.status == "fail"
    assert "ANTHROPIC_MODEL (environment)" in line.title
    assert expected in line.fix[0]


def test_a_right_bedrock_model_and_an_alias_pass(machine: Machine) -> None:
    machine.env |= {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_REGION": "eu-west-1",
        "AWS_BEARER_TOKEN_BEDROCK": BEARER,
        "ANTHROPIC_MODEL": "opus[1m]",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        "ANTHROPIC_BEDROCK_REGION_PREFIX": "eu",
    }
    report, results = run(machine, offline=True)
    assert report.exit_code == 0, problems(report)
    assert "cloud.bedrock.models" not in results


def test_vertex_ids_need_their_version_and_global_needs_a_global_model(machine: Machine) -> None:
    gcloud_project(machine, "my-project")
    authorized_user(machine)
    machine.env |= {
        "CLAUDE_CODE_USE_VERTEX": "1",
        "CLOUD_ML_REGION": "global",
        "ANTHROPIC_MODEL": "claude-sonnet-4-5",
        "ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-1@20250805",
    }
    report, _results = run(machine, offline=True)
    failed = titles(report, "fail")
    assert "ANTHROPIC_MODEL (environment) (claude-sonnet-4-5) needs its version on Vertex AI" in failed
    assert "(claude-opus-4-1@20250805) is not served by Vertex AI's global endpoint" in failed
    assert "claude-sonnet-4-5@20250929" in fixes(report)
    machine.env["VERTEX_REGION_CLAUDE_4_1_OPUS"] = "europe-west1"  # Claude Code's per-model region
    report, _results = run(machine, offline=True)
    assert "global endpoint" not in titles(report, "fail")


def test_vertex_without_a_project_or_with_projects_that_disagree(machine: Machine) -> None:
    authorized_user(machine)
    machine.env |= {"CLAUDE_CODE_USE_VERTEX": "1", "CLOUD_ML_REGION": "us-east5"}
    _report, results = run(machine, offline=True)
    assert results["cloud.vertex.project"].status == "fail"
    machine.env |= {"ANTHROPIC_VERTEX_PROJECT_ID": "team-a", "GOOGLE_CLOUD_PROJECT": "team-b"}
    _report, results = run(machine, offline=True)
    line = results["cloud.vertex.project"]
    assert line.status == "warn"
    assert "team-b (GOOGLE_CLOUD_PROJECT (environment)) is used" in line.title  # Claude Code's precedence
    assert "team-a from ANTHROPIC_VERTEX_PROJECT_ID" in line.detail


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "does not exist"),
        ("{not json", "is not valid JSON"),
        ({"type": "api_key", "key": "x"}, "is not a Google credentials file"),
        ({"type": "service_account", "project_id": "p"}, "lacks client_email, private_key, token_uri"),
        (
            {
                "type": "service_account",
                "client_email": "c",
                "private_key": "k",
                "token_uri": "https://collector.example/t",
            },
            "is not Google's token endpoint",
        ),
    ],
)
def test_google_credentials_file_that_cannot_be_used(machine: Machine, content: object, words: str) -> None:
    path = machine.root / "keys" / "creds.json"
    if content is not None:
        machine.write(path, content if isinstance(content, str | dict) else json.dumps(content))  # type: ignore[arg-type]
    machine.env |= {
        "CLAUDE_CODE_USE_VERTEX": "1",
        "CLOUD_ML_REGION": "us-east5",
        "ANTHROPIC_VERTEX_PROJECT_ID": "p",
        "GOOGLE_APPLICATION_CREDENTIALS": str(path),
    }
    _report, results = run(machine, offline=True)
    line = results["cloud.vertex.google_credentials"]
    assert line.status == "fail"
    assert words in line.title
    assert line.section == "Credentials"


def test_bedrock_and_vertex_both_switched_on(machine: Machine) -> None:
    machine.env |= {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "CLAUDE_CODE_USE_VERTEX": "1",
        "AWS_REGION": "us-east-1",
        "AWS_BEARER_TOKEN_BEDROCK": BEARER,
    }
    _report, results = run(machine, offline=True)
    assert results["cloud.bedrock.both_clouds"].status == "fail"


def test_sdk_clients_found_in_the_project(machine: Machine) -> None:
    bedrock_sdk_project(machine)
    machine.env |= {"AWS_REGION": "us-east-1", "AWS_BEARER_TOKEN_BEDROCK": BEARER}
    _report, results = run(machine, offline=True)
    assert results["clients.python_bedrock"].status == "ok"
    assert "AnthropicBedrock in ~/../work/project/app.py:1" in results["clients.python_bedrock"].title or (
        "app.py:1" in results["clients.python_bedrock"].title
    )
    assert "clients.python_vertex" not in results


def test_secrets_from_cloud_files_never_leave(machine: Machine) -> None:
    """AWS keys, SSO tokens, a refresh token and a client secret are in the files read; no format shows one."""
    sso_profile(machine, expires_in=-60, refresh=True)
    aws_credentials(machine, f"[dev]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n")
    authorized_user(machine)
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev", "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
    result = build_report(machine.ctx())
    for fmt in ("json", "markdown", "table", "github"):
        out = io.StringIO()
        emit(result, fmt, out=out, err=io.StringIO(), verbose=True)  # type: ignore[arg-type]
        text = out.getvalue()
        for secret in (SECRET_KEY, SSO_TOKEN, SSO_REFRESH, SSO_CLIENT_SECRET, REFRESH_TOKEN, CLIENT_SECRET):
            assert secret not in text, (fmt, secret[:8])


# -- online: a loopback stand-in for AWS and Google -----------------------------------------------------------------


def test_correct_bedrock_setup_passes_and_signs_for_each_service(machine: Machine) -> None:
    claude_code(machine)
    bedrock_sdk_project(machine)
    static_keys(machine)
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}  # the SDK reads no profile region
    with fake_cloud() as cloud:  # without boto3
        point_at(machine, cloud)
        report, results = run(machine)
    assert report.exit_code == 0, problems(report)
    assert results["cloud.bedrock.identity"].title == "AWS identity: arn:aws:iam::123456789012:user/dev"
    assert "8 input tokens" in results["cloud.bedrock.count_tokens"].title
    assert results["cloud.bedrock.count_tokens"].data["clients"] == ["Claude Code", "Python SDK (AnthropicBedrock)"]
    assert [(s.path.split("?")[0], s.scope) for s in cloud.seen] == [
        ("/", (ACCESS_KEY, "us-east-1", "sts")),
        ("/inference-profiles", (ACCESS_KEY, "us-east-1", "bedrock")),
        ("/model/anthropic.claude-haiku-4-5-20251001-v1:0/count-tokens", (ACCESS_KEY, "us-east-1", "bedrock")),
    ]  # one probe for both clients: the same setup is asked once


def test_bedrock_api_key_goes_only_as_a_bearer_token_to_bedrock(machine: Machine) -> None:
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_BEARER_TOKEN_BEDROCK": BEARER}
    with fake_cloud() as cloud:
        point_at(machine, cloud)
        report, _results = run(machine)
    assert report.exit_code == 0, problems(report)
    assert [s.path.split("/")[1] for s in cloud.seen] == ["model"]  # no STS: a bearer token is Bedrock's only
    assert cloud.seen[0].headers["authorization"] == f"Bearer {BEARER}"


@pytest.mark.parametrize(
    ("answers", "line", "status", "words"),
    [
        ({"count": "throttled"}, "cloud.bedrock.count_tokens", "warn", "429"),
        ({"count": "denied"}, "cloud.bedrock.count_tokens", "fail", "403"),
        ({"count": "not_found"}, "cloud.bedrock.count_tokens", "fail", "400"),
        ({"count": "quota"}, "cloud.bedrock.count_tokens", "warn", "400 Bedrock service quota exceeded"),
        ({"sts": "expired"}, "cloud.bedrock.identity", "fail", "403"),
        ({"count": "expired"}, "cloud.bedrock.count_tokens", "fail", "403"),
        ({"profiles": "denied"}, "cloud.bedrock.inference_profiles", "fail", "403"),
    ],
)
def test_bedrock_failures_are_decoded_with_the_aws_request_id(
    machine: Machine, answers: dict[str, str], line: str, status: str, words: str
) -> None:
    static_keys(machine)
    machine.env["CLAUDE_CODE_USE_BEDROCK"] = "1"
    with fake_cloud(answers=answers) as cloud:
        point_at(machine, cloud)
        _report, results = run(machine)
    result = results[line]
    assert result.status == status, result
    assert words in result.title
    assert result.data["request_id"]
    assert "(aws)" in result.detail
    if answers.get("sts") == "expired":
        assert "cloud.bedrock.count_tokens" not in results  # the identity failed: nothing more is asked
        assert cloud.paths() == ["/"]


def test_sso_login_fetches_role_keys_then_signs_with_them(machine: Machine) -> None:
    sso_profile(machine, expires_in=3600)
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_PROFILE": "dev"}
    with fake_cloud() as cloud:
        point_at(machine, cloud)
        result = build_report(machine.ctx(offline=False, timeout=8))
    report = result.report
    assert report.exit_code == 0, problems(report)
    assert cloud.seen[0].path.startswith("/federation/credentials?")
    assert cloud.seen[0].headers["x-amz-sso_bearer_token"] == SSO_TOKEN
    assert cloud.seen[1].scope == (ROLE_KEY, "us-east-1", "sts")
    assert ROLE_SECRET in result.secrets  # masked wherever they appear
    assert ROLE_SESSION in result.secrets


def test_mantle_counts_tokens_at_its_own_endpoint(machine: Machine) -> None:
    machine.env |= {
        "CLAUDE_CODE_USE_MANTLE": "1",
        "AWS_REGION": "us-east-1",
        "AWS_BEARER_TOKEN_BEDROCK": BEARER,
        "ANTHROPIC_MODEL": "anthropic.claude-haiku-4-5",
    }
    with fake_cloud() as cloud:
        point_at(machine, cloud)
        report, results = run(machine)
    assert report.exit_code == 0, problems(report)
    assert cloud.paths() == ["/anthropic/v1/messages/count_tokens"]
    assert "8 input tokens" in results["cloud.mantle.count_tokens"].title


def vertex_machine(machine: Machine, cloud_url: str, kind: str = "service_account") -> None:
    claude_code(machine)
    if kind == "service_account":
        machine.env["GOOGLE_APPLICATION_CREDENTIALS"] = service_account(machine, cloud_url + "/token", "my-project")
    else:
        authorized_user(machine, cloud_url + "/token")
        gcloud_project(machine, "my-project")
    machine.env |= {"CLAUDE_CODE_USE_VERTEX": "1", "CLOUD_ML_REGION": "us-east5"}


@pytest.mark.parametrize("kind", ["service_account", "authorized_user"])
def test_correct_vertex_setup_passes(machine: Machine, kind: str) -> None:
    with fake_cloud() as cloud:
        vertex_machine(machine, cloud.url, kind)
        point_at(machine, cloud)
        result = build_report(machine.ctx(offline=False, timeout=8))
    report = result.report
    assert report.exit_code == 0, problems(report)
    results = {r.id: r for r in report.checks}
    assert results["cloud.vertex.identity"].title == "Google identity: dev@example.com"
    assert cloud.paths() == [
        "/token",
        "/tokeninfo",
        "/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict",
    ]
    sent = json.loads(cloud.seen[-1].body)
    assert sent == {
        "model": "claude-haiku-4-5@20251001",
        "anthropic_version": "vertex-2023-10-16",
        "messages": [{"role": "user", "content": "ping"}],
    }
    assert GOOGLE_TOKEN in result.secrets
    out = io.StringIO()
    emit(result, "json", out=out)
    assert GOOGLE_TOKEN not in out.getvalue()


@pytest.mark.parametrize(
    ("answers", "status", "words"),
    [
        ({"vertex": "quota"}, "warn", "429"),
        ({"vertex": "not_found"}, "fail", "404"),
        ({"vertex": "denied"}, "fail", "403"),
    ],
)
def test_vertex_failures_are_decoded(machine: Machine, answers: dict[str, str], status: str, words: str) -> None:
    with fake_cloud(answers=answers) as cloud:
        vertex_machine(machine, cloud.url)
        point_at(machine, cloud)
        _report, results = run(machine)
    line = results["cloud.vertex.count_tokens"]
    assert line.status == status, line
    assert words in line.title
    assert line.data["diagnosis"]["category"] in {"rate_limited", "not_found", "permission"}


def test_expired_google_login_stops_before_vertex(machine: Machine) -> None:
    with fake_cloud(answers={"token": "expired"}) as cloud:
        vertex_machine(machine, cloud.url, "authorized_user")
        point_at(machine, cloud)
        report, results = run(machine)
    assert results["cloud.vertex.token"].status == "fail"
    assert cloud.paths() == ["/token"]
    assert report.exit_code == 1


def test_a_token_uri_elsewhere_gets_nothing(machine: Machine) -> None:
    with fake_cloud() as cloud:
        vertex_machine(machine, "https://collector.example")
        point_at(machine, cloud)
        _report, results = run(machine)
    assert results["cloud.vertex.google_credentials"].status == "fail"
    assert cloud.seen == []


def test_without_botocore_the_lints_run_and_the_extra_is_named(
    machine: Machine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "botocore.auth", None)  # as if claude-doctor[aws] were not installed
    static_keys(machine)
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_MODEL": "claude-sonnet-4-5-20250929"}
    with fake_cloud() as cloud:
        point_at(machine, cloud)
        _report, results = run(machine)
    assert results["cloud.bedrock.models"].status == "fail"  # offline lints still run
    assert "claude-doctor[aws]" in results["cloud.bedrock.probes"].title
    assert cloud.seen == []


def test_a_cloud_endpoint_that_never_answers_is_bounded_by_timeout(machine: Machine) -> None:
    machine.env |= {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1", "AWS_BEARER_TOKEN_BEDROCK": BEARER}
    with silent_listener() as port:
        machine.env["ANTHROPIC_BEDROCK_BASE_URL"] = f"http://127.0.0.1:{port}"
        started = time.monotonic()
        report, _results = run(machine, timeout=1.5)
        elapsed = time.monotonic() - started
    assert elapsed < 4
    line = next(r for r in report.checks if r.id.startswith("cloud.bedrock.count_tokens") or ".deadline" in r.id)
    assert line.status == "warn"  # as for the API: a timeout is a live condition, said as one
    assert "timed out" in line.title or "Still waiting" in line.title


def test_vertex_sdk_project_offline(machine: Machine, tmp_path: Path) -> None:
    vertex_sdk_project(machine)
    machine.env |= {"ANTHROPIC_VERTEX_PROJECT_ID": "p"}
    _report, results = run(machine, offline=True)
    assert results["clients.python_vertex"].status == "ok"
    assert results["cloud.vertex.region"].title.startswith("CLOUD_ML_REGION is not set: AnthropicVertex raises")


def test_sdk_vertex_setup_passes_with_the_model_named(machine: Machine) -> None:
    vertex_sdk_project(machine)
    with fake_cloud() as cloud:
        machine.env |= {
            "GOOGLE_APPLICATION_CREDENTIALS": service_account(machine, cloud.url + "/token", "sa-project"),
            "CLOUD_ML_REGION": "us-east5",
        }
        point_at(machine, cloud)
        report, results = run(machine, model="claude-haiku-4-5@20251001")
    assert report.exit_code == 0, problems(report)
    assert results["cloud.vertex.count_tokens"].data["clients"] == ["Python SDK (AnthropicVertex)"]
    assert "/projects/sa-project/locations/us-east5/" in cloud.seen[-1].path  # the key file's project


EXPORT_SCRIPT = f"""import json
print(json.dumps({{"Credentials": {{"AccessKeyId": "{ACCESS_KEY}", "SecretAccessKey": "{SECRET_KEY}",
                                  "SessionToken": "{ROLE_SESSION}"}}}}))
"""


def test_aws_credential_export_is_what_claude_code_signs_with(machine: Machine) -> None:
    script = machine.write(machine.root / "export.py", EXPORT_SCRIPT)
    machine.write(
        machine.home / ".claude" / "settings.json",
        {"awsCredentialExport": f"{sys.executable} {script}", "env": {"CLAUDE_CODE_USE_BEDROCK": "1"}},
    )
    machine.env["AWS_REGION"] = "us-east-1"
    with fake_cloud() as cloud:
        point_at(machine, cloud)
        _report, results = run(machine)
        assert cloud.seen == []  # not run without consent: nothing to sign with
        assert "--run-helpers" in results["cloud.bedrock.probes"].title
        report, results = run(machine, run_helpers=True)
    assert report.exit_code == 0, problems(report)
    assert cloud.seen[0].scope == (ACCESS_KEY, "us-east-1", "sts")
    assert results["cloud.helper.awsCredentialExport"].status == "ok"


def test_cloud_reports_validate_against_the_schema(machine: Machine) -> None:
    import jsonschema

    from claude_doctor.render.report import report_json
    from tests.checks.test_json_schema import SCHEMA

    static_keys(machine)
    machine.env["CLAUDE_CODE_USE_BEDROCK"] = "1"
    with fake_cloud(answers={"count": "denied"}) as cloud:
        point_at(machine, cloud)
        report, _results = run(machine)
    jsonschema.validate(json.loads(report_json(report)), SCHEMA)


def test_cloud_secret_files_readable_by_others_are_named(machine: Machine) -> None:
    static_keys(machine)
    (machine.home / ".aws" / "credentials").chmod(0o644)
    machine.env["CLAUDE_CODE_USE_BEDROCK"] = "1"
    _report, results = run(machine, offline=True)
    line = results["hygiene.permissions"]
    assert line.status == "warn"
    assert "~/.aws/credentials mode 644" in line.detail


def test_without_google_auth_the_extra_is_named(machine: Machine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "google.oauth2", None)  # as if claude-doctor[gcp] were not installed
    with fake_cloud() as cloud:
        vertex_machine(machine, cloud.url)
        point_at(machine, cloud)
        _report, results = run(machine)
    assert "claude-doctor[gcp]" in results["cloud.vertex.probes"].title
    assert cloud.seen == []
