"""Per-client resolution from plain values: headers and API version by client and version, trust stores, proxies,
which clients are in use, the plan of routes and probes, and when a key may travel in clear."""

from __future__ import annotations

import pytest

from claude_doctor.checks.inventory import ClientInstall, HelperRun, Inventory, OAuthLogin, Setting
from claude_doctor.checks.resolve.clear_text import clear_text_refusal, loopback_address
from claude_doctor.checks.resolve.clients import ClientSetup, resolve_clients
from claude_doctor.checks.resolve.plan import plan_routes
from tests.checks.conftest import KEY, KEY2, OAT


def inventory(env: dict[str, str], installs: dict[str, ClientInstall] | None = None, **fields: object) -> Inventory:
    inv = Inventory(env=[Setting(k, v, "environment", "env") for k, v in env.items()])
    inv.installs = installs or {}
    for name, value in fields.items():
        setattr(inv, name, value)
    return inv


def clients(
    env: dict[str, str], installs: dict[str, ClientInstall] | None = None, **fields: object
) -> dict[str, ClientSetup]:
    inv = inventory(env, installs, **fields)
    return {c.client: c for c in resolve_clients(inv, env, 0)}


def py(version: str | None) -> dict[str, ClientInstall]:
    return {"python": ClientInstall("python", True, version, "test")}


def ts(version: str | None) -> dict[str, ClientInstall]:
    return {"typescript": ClientInstall("typescript", True, version, "test")}


@pytest.mark.parametrize(
    ("version", "env", "headers", "api_version"),
    [
        ("0.125.0", {"ANTHROPIC_API_KEY": KEY}, ["x-api-key"], "2023-06-01"),
        ("1.13.0", {"ANTHROPIC_API_KEY": KEY}, ["x-api-key"], "2023-06-01"),
        (
            "1.13.0",
            {"ANTHROPIC_API_KEY": KEY, "ANTHROPIC_AUTH_TOKEN": KEY2},
            ["x-api-key", "authorization"],
            "2023-06-01",
        ),
        ("1.13.0", {"ANTHROPIC_AUTH_TOKEN": KEY2}, ["authorization"], "2023-06-01"),
        ("2.14.0", {"ANTHROPIC_API_KEY": KEY}, ["authorization"], "2026-10-21"),
        ("2.14.0", {"ANTHROPIC_API_KEY": KEY, "ANTHROPIC_AUTH_TOKEN": KEY2}, ["authorization"], "2026-10-21"),
        (None, {"ANTHROPIC_API_KEY": KEY}, ["authorization"], "2026-10-21"),  # not installed: the newest
    ],
)
def test_python_wire_by_version(version: str | None, env: dict[str, str], headers: list[str], api_version: str) -> None:
    wire = clients(env, py(version))["python"].wire
    assert wire is not None
    assert [name for name, _v in wire.headers] == headers
    assert wire.api_version == api_version
    if version and version.startswith("2") and "ANTHROPIC_AUTH_TOKEN" in env:
        assert dict(wire.headers)["authorization"] == f"Bearer {KEY}"  # the key wins, the token is not sent


@pytest.mark.parametrize(
    ("version", "env", "label", "system", "certifi"),
    [
        ("0.125.0", {}, "certifi's bundle", False, True),
        ("1.13.0", {}, "the operating system's store", True, False),
        ("2.14.0", {"SSL_CERT_FILE": "/c.pem"}, "SSL_CERT_FILE=/c.pem", False, False),
        ("2.14.0", {"SSL_CERT_DIR": "/certs"}, "SSL_CERT_DIR=/certs", False, False),
        ("2.14.0", {"REQUESTS_CA_BUNDLE": "/r.pem"}, "the operating system's store", True, False),
    ],
)
def test_python_trust(version: str, env: dict[str, str], label: str, system: bool, certifi: bool) -> None:
    trust = clients(env, py(version))["python"].trust
    assert trust.label == label
    assert (trust.system, trust.certifi) == (system, certifi)


def test_typescript_1x_trims_and_ignores_proxies() -> None:
    env = {"ANTHROPIC_API_KEY": f"  {KEY}\n", "HTTPS_PROXY": "http://proxy:3128", "NODE_EXTRA_CA_CERTS": "/n.pem"}
    client = clients(env, ts("1.14.0"))["typescript"]
    assert client.wire is not None
    assert dict(client.wire.headers) == {"authorization": f"Bearer {KEY}"}
    assert client.proxy.url is None
    assert any("HTTPS_PROXY is set" in note for note in client.notes)
    assert client.trust.cafiles == ("/n.pem",)
    assert client.trust.certifi


@pytest.mark.parametrize(
    ("fields", "env", "headers"),
    [
        ({}, {"ANTHROPIC_API_KEY": KEY}, {"x-api-key": KEY}),
        ({}, {"ANTHROPIC_AUTH_TOKEN": KEY2}, {"authorization": f"Bearer {KEY2}"}),
        (
            {"oauth": OAuthLogin("/c", True, True, None, "max", OAT)},
            {},
            {"authorization": f"Bearer {OAT}", "anthropic-beta": "oauth-2025-04-20"},
        ),
        ({"claude_json": {"primaryApiKey": KEY}}, {}, {"x-api-key": KEY}),
    ],
)
def test_claude_code_wire(fields: dict[str, object], env: dict[str, str], headers: dict[str, str]) -> None:
    client = clients(env, **fields)["claude_code"]
    assert client.wire is not None
    assert dict(client.wire.headers) == headers
    assert client.wire.api_version == "2023-06-01"


def test_claude_code_helper_output_goes_in_both_headers_only_when_run() -> None:
    helper = Setting("apiKeyHelper", "echo x", "~/.claude/settings.json apiKeyHelper", "settings:user", "/s.json")
    assert clients({}, helpers=[helper])["claude_code"].wire is None  # not run: nothing to send
    ran = clients({}, helpers=[helper], helper_runs={"/s.json": HelperRun(True, KEY, "")})["claude_code"]
    assert ran.wire is not None
    assert dict(ran.wire.headers) == {"x-api-key": KEY, "authorization": f"Bearer {KEY}"}


def test_claude_code_settings_env_block_wins_and_a_cloud_switch_is_a_provider() -> None:
    block = [
        Setting("ANTHROPIC_BASE_URL", "https://relay.example", "settings env block", "settings:user"),
        Setting("HTTPS_PROXY", "http://corp:3128", "settings env block", "settings:user"),
    ]
    client = clients({"ANTHROPIC_API_KEY": KEY}, settings_env=block)["claude_code"]
    assert client.endpoint == "https://relay.example"
    assert client.proxy.url == "http://corp:3128"
    bedrock = [Setting("CLAUDE_CODE_USE_BEDROCK", "1", "settings env block", "settings:user")]
    cloud = clients({"ANTHROPIC_API_KEY": KEY}, settings_env=bedrock)["claude_code"]
    assert cloud.provider == "bedrock"
    assert cloud.wire is None


@pytest.mark.parametrize(
    ("env", "found", "in_use"),
    [
        ({}, {}, {"python"}),  # nothing found: checked as the newest Python SDK
        ({}, {"claude_code"}, {"claude_code"}),  # a /login user: no SDK to fail
        ({"ANTHROPIC_API_KEY": KEY}, {"claude_code"}, {"claude_code", "python"}),  # the shell configures an SDK
        ({"ANTHROPIC_API_KEY": KEY}, {"typescript"}, {"typescript"}),
        ({}, {"python", "typescript"}, {"python", "typescript"}),
    ],
)
def test_which_clients_are_in_use(env: dict[str, str], found: set[str], in_use: set[str]) -> None:
    installs = {c: ClientInstall(c, True, None, "test") for c in found}
    assert {c for c, s in clients(env, installs).items() if s.in_use} == in_use


def test_plan_one_probe_per_endpoint_credential_and_proxy() -> None:
    env = {"ANTHROPIC_API_KEY": KEY, "ANTHROPIC_BASE_URL": "https://relay.example"}
    found = {c: ClientInstall(c, True, v, "t") for c, v in (("python", "2.14.0"), ("typescript", "1.14.0"))}
    routes = plan_routes(tuple(resolve_clients(inventory(env, found), env, 0)))
    assert len(routes) == 1  # the TypeScript SDK has no proxy either: same path
    [probe] = routes[0].probes
    assert [c.client for c in probe.clients] == ["python", "typescript"]
    env["HTTPS_PROXY"] = "http://127.0.0.1:3128"  # the Python SDK takes it, the TypeScript SDK does not
    routes = plan_routes(tuple(resolve_clients(inventory(env, found), env, 0)))
    assert [r.proxy for r in routes] == ["http://127.0.0.1:3128", None]


@pytest.mark.parametrize(
    ("url", "target", "proxy", "proxy_addresses", "allowed"),
    [
        ("https://api.anthropic.com", ["160.79.104.10"], "http://10.0.0.1:3128", ["10.0.0.1"], True),
        ("http://127.0.0.1:8080", ["127.0.0.1"], None, None, True),
        ("http://localhost:8080", ["::1"], None, None, True),
        ("http://relay.localhost:8080", ["10.1.2.3"], None, None, False),  # the name does not make it loopback
        ("http://127.0.0.1:8080", ["127.0.0.1"], "http://10.1.2.3:3128", ["10.1.2.3"], False),
        ("http://127.0.0.1:8080", ["127.0.0.1"], "https://10.1.2.3:3128", ["10.1.2.3"], False),
        ("http://127.0.0.1:8080", ["127.0.0.1"], "http://127.0.0.1:3128", ["127.0.0.1"], True),
        ("http://gw.example:80", [], None, None, False),  # not resolved: cannot be shown to be this machine
        ("http://[::ffff:127.0.0.1]:80", ["::ffff:127.0.0.1"], None, None, True),
    ],
)
def test_clear_text_only_over_loopback_addresses(
    url: str, target: list[str], proxy: str | None, proxy_addresses: list[str] | None, allowed: bool
) -> None:
    assert (clear_text_refusal(url, target, proxy, proxy_addresses) is None) is allowed


def test_loopback_is_an_address_not_a_name() -> None:
    assert loopback_address("127.0.0.53")
    assert not loopback_address("localhost")
    assert not loopback_address("10.1.2.3")
