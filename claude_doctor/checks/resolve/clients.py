"""Per client, what it would really use: its endpoint, its credential, the headers that carry them (by client and
version), its proxy, its trust store and how often it retries. Pure: an Inventory and an environment in, one
`ClientSetup` per client out.

What differs, read from the packages themselves (anthropic 0.125, 1.0, 1.13, 1.17, 2.0, 2.14; @anthropic-ai/sdk 1.14):

- Python SDK before 2.0: an API key as `X-Api-Key`, a token as `Authorization: Bearer` (both headers when both are
  set), `anthropic-version: 2023-06-01`; 1.x on `httpx2` (the OS store), 0.x on `httpx` (certifi).
- Python SDK 2.x: the API key (else the token) as `Authorization: Bearer`, `anthropic-version: 2026-10-21`, the OS
  store. Both read the `*_proxy` variables.
- TypeScript SDK before 1.0: as the Python SDK before 2.0. TypeScript SDK 1.x: Bearer and 2026-10-21, variables
  trimmed. Neither reads a proxy variable; both trust Node's store.
- Claude Code: `ANTHROPIC_API_KEY` as `X-Api-Key`, `ANTHROPIC_AUTH_TOKEN` as Bearer, an apiKeyHelper's output as both,
  a `/login` token as Bearer with the OAuth beta; `anthropic-version: 2023-06-01` (assumed: not documented); the
  first of https_proxy … HTTP_PROXY; bundled and system CAs.

Claude Code sees its settings' `env` blocks over the shell's environment; the SDKs see the process environment only.
A cloud provider is one more `provider` of a client: Claude Code's `CLAUDE_CODE_USE_BEDROCK` / `_MANTLE` / `_VERTEX` /
`_FOUNDRY`, and the SDK's `AnthropicBedrock` and `AnthropicVertex` clients when the project uses them (two more
clients, `python_bedrock` and `python_vertex`). Their region, endpoint and credential there are `resolve.aws`'s and
`resolve.google`'s (a `CloudSetup` in `clouds`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Literal

from claude_doctor.checks.inventory import ClientInstall, Inventory
from claude_doctor.checks.resolve.credential import Candidate, Choice, claude_code_choice, sdk_choice
from claude_doctor.checks.resolve.endpoint import DEFAULT_BASE_URL, sdk_base_url
from claude_doctor.checks.resolve.proxy import ProxyChoice, claude_code_proxy, httpx_proxy
from claude_doctor.checks.resolve.trust import TrustStore, claude_code_trust, node_trust, python_trust
from claude_doctor.i18n import N_, Msg

if TYPE_CHECKING:  # the cloud modules are imported only when a client is on a cloud (most machines: never)
    from claude_doctor.checks.resolve.cloud import CloudSetup

ClientId = Literal["claude_code", "python", "typescript", "python_bedrock", "python_vertex"]
CLIENT_IDS: Final[tuple[ClientId, ...]] = ("claude_code", "python", "typescript")
CLOUD_CLIENT_IDS: Final[tuple[ClientId, ...]] = ("python_bedrock", "python_vertex")
CLIENT_NAMES: Final[dict[str, str]] = {
    "claude_code": N_("Claude Code"),
    "python": N_("Python SDK"),
    "typescript": N_("TypeScript SDK"),
    "python_bedrock": N_("Python SDK (AnthropicBedrock)"),
    "python_vertex": N_("Python SDK (AnthropicVertex)"),
}
# What an SDK nobody installed here is checked as: the newest release this tool was checked against.
NEWEST: Final[dict[str, str]] = {"python": "2.14.0", "typescript": "1.14.0"}
API_VERSION_2023: Final = "2023-06-01"
API_VERSION_2026: Final = "2026-10-21"
OAUTH_BETA: Final = "oauth-2025-04-20"  # what Claude Code sends with a subscription token (undocumented)
SDK_MAX_RETRIES: Final = 2
CLAUDE_CODE_MAX_RETRIES: Final = 10  # errors.md "Automatic retries"; CLAUDE_CODE_MAX_RETRIES, capped at 15
CLOUD_SWITCHES: Final[tuple[tuple[str, str], ...]] = (
    ("CLAUDE_CODE_USE_BEDROCK", "bedrock"),
    ("CLAUDE_CODE_USE_MANTLE", "mantle"),
    ("CLAUDE_CODE_USE_VERTEX", "vertex"),
    ("CLAUDE_CODE_USE_FOUNDRY", "foundry"),
)
# The shell variables that, with no sign in the project's code, say an SDK's cloud client is in use.
_SDK_CLOUD_VARS: Final[dict[str, tuple[str, ...]]] = {
    "bedrock": ("AWS_BEARER_TOKEN_BEDROCK", "ANTHROPIC_BEDROCK_BASE_URL"),
    "vertex": ("ANTHROPIC_VERTEX_PROJECT_ID", "ANTHROPIC_VERTEX_BASE_URL"),
}
_TRUTHY = {"1", "true", "yes", "on"}
_STATIC_CREDENTIALS = ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_PROFILE", "ANTHROPIC_FEDERATION_RULE_ID")


@dataclass(frozen=True)
class Wire:
    """How one client puts its credential and the API version on the wire. Header values are secrets."""

    api_version: str
    headers: tuple[tuple[str, str], ...]  # (lower-case name, value)

    @property
    def style(self) -> str:
        """`x-api-key`, `bearer`, or `x-api-key+bearer`: what a relay must accept."""
        names = [name for name, _v in self.headers if name in ("x-api-key", "authorization")]
        return "+".join("bearer" if n == "authorization" else n for n in sorted(names))

    def described(self) -> str:
        parts = [
            {"x-api-key": "X-Api-Key", "authorization": "Authorization: Bearer"}.get(n, n) for n, _ in self.headers
        ]
        return Msg("{headers}, anthropic-version {version}", headers=" + ".join(parts), version=self.api_version)


@dataclass(frozen=True)
class ClientSetup:
    client: ClientId
    version: str | None  # None: not installed here, checked as NEWEST (or unknown for Claude Code)
    in_use: bool
    why: str  # why it is checked, or why not
    install: ClientInstall
    endpoint: str
    endpoint_source: str
    choice: Choice
    wire: Wire | None  # None: no credential this tool can send (none, a cloud's, a profile's token exchange)
    proxy: ProxyChoice
    trust: TrustStore
    max_retries: int
    provider: str = "anthropic"  # or bedrock, mantle, vertex, foundry: a cloud switch is on
    provider_source: str = ""
    env: Mapping[str, str] = field(default_factory=dict)  # the environment this client sees
    notes: tuple[str, ...] = ()
    clouds: tuple[CloudSetup, ...] = ()  # the cloud setups of a client on a cloud provider (Bedrock and Mantle: two)

    @property
    def name(self) -> str:
        base = CLIENT_NAMES[self.client]
        if self.version:
            return Msg("{client} {version}", client=base, version=self.version)
        return base

    @property
    def assumed_version(self) -> str | None:
        return self.version or NEWEST.get(self.client)


def major(version: str | None) -> int | None:
    try:
        return int((version or "").split(".", 1)[0])
    except ValueError:
        return None


def claude_code_env(shell: Mapping[str, str], inv: Inventory) -> dict[str, str]:
    """The environment Claude Code runs with: the shell's, with its settings' `env` blocks applied on top."""
    env = dict(shell)
    for setting in reversed(inv.settings_env):  # lowest level first, so the highest is applied last and wins
        env[setting.name] = setting.value
    return env


def resolve_clients(
    inv: Inventory, shell: Mapping[str, str], now_ms: int, requested: tuple[str, ...] = ()
) -> tuple[ClientSetup, ...]:
    """Every client, in report order, each marked in use or not: the clients asked for with `--for`, else the clients
    found (an SDK nobody installed is still checked when the shell holds a credential for it, or when nothing at all
    was found, as the newest release of the Python SDK would behave)."""
    use = _in_use(inv, shell, requested)
    claude_code = _claude_code(inv, shell, now_ms, use["claude_code"])
    clouds = [_sdk_cloud(inv, shell, now_ms, cloud, claude_code, requested) for cloud in ("bedrock", "vertex")]
    return (
        claude_code,
        _python(inv, shell, use["python"]),
        _typescript(inv, shell, use["typescript"]),
        *(c for c in clouds if c is not None),  # listed only when in use: most projects use neither
    )


def _sdk_cloud(
    inv: Inventory,
    shell: Mapping[str, str],
    now_ms: int,
    cloud: str,
    claude_code: ClientSetup,
    requested: tuple[str, ...],
) -> ClientSetup | None:
    """The SDK's AnthropicBedrock or AnthropicVertex client: in use when the project's code or dependencies name it, or
    (with no sign in the project) when the shell sets its own variables for a cloud Claude Code is not switched to.
    None when not in use: its setup is then neither resolved nor listed."""
    client_id: ClientId = "python_bedrock" if cloud == "bedrock" else "python_vertex"
    install = inv.installs.get("python") or ClientInstall("python", False)
    evidence = inv.clouds.sdk_clouds.get(cloud)
    variable = next((name for name in _SDK_CLOUD_VARS[cloud] if (shell.get(name) or "").strip()), None)
    use: tuple[bool, str]
    if requested:
        use = (client_id in requested or "all" in requested, Msg("asked for with --for"))
        if not use[0]:
            use = (False, Msg("not asked for (--for)"))
    elif evidence:
        use = (True, evidence)
    elif variable is not None and cloud not in {c.provider for c in claude_code.clouds}:
        use = (True, Msg("{variable} is set in the shell", variable=variable))
    else:
        use = (False, Msg("not in use here: the project does not use this client"))
    if not use[0]:
        return None
    where = _shell_where
    if cloud == "bedrock":
        from claude_doctor.checks.resolve.aws import resolve_bedrock

        setup = resolve_bedrock(shell, where, inv.clouds, now_ms / 1000, switch=use[1], claude_code=False, models=[])
    else:
        from claude_doctor.checks.resolve.google import resolve_vertex

        setup = resolve_vertex(shell, where, inv.clouds, switch=use[1], claude_code=False, models=[])
    setup = _with_library_lints(setup, inv, cloud)
    return ClientSetup(
        client_id,
        install.version,
        use[0],
        use[1],
        install,
        setup.endpoint,
        setup.endpoint_source,
        Choice(CLIENT_NAMES[client_id], Candidate("cloud", _cloud_credential(setup)), ()),
        None,
        httpx_proxy(setup.endpoint.strip(), shell),
        python_trust(shell, httpx2=(major(install.version or NEWEST["python"]) or 2) >= 1),
        SDK_MAX_RETRIES,
        cloud,
        use[1],
        shell,
        (),
        (setup,),
    )


def _cloud_credential(setup: CloudSetup) -> str:
    """The cloud credential a cloud client uses, in words (never its value)."""
    if setup.aws is not None:
        return setup.aws.source
    return setup.google.source if setup.google is not None else setup.name


def _shell_where(_name: str) -> str:
    return Msg("environment")


def _with_library_lints(setup: CloudSetup, inv: Inventory, cloud: str) -> CloudSetup:
    """What the SDK's cloud client needs installed beside it: boto3 to sign (SigV4), google-auth to log in."""
    from dataclasses import replace

    from claude_doctor.checks.resolve.cloud import CloudLint

    need = None
    if cloud == "bedrock" and (setup.aws is None or setup.aws.kind != "bearer") and "boto3" not in inv.clouds.libraries:
        need = ("boto3", "anthropic[bedrock]")
    if cloud == "vertex" and "google-auth" not in inv.clouds.libraries:
        need = ("google-auth", "anthropic[vertex]")
    if need is None or not inv.installs.get("python", ClientInstall("python", False)).interpreter:
        return setup
    lint = CloudLint(
        "library",
        "fail",
        Msg("{library} is not installed where the project's Python runs", library=need[0]),
        Msg(
            "{client} imports it on its first request and fails without it",
            client="AnthropicBedrock" if cloud == "bedrock" else "AnthropicVertex",
        ),
        (Msg("pip install '{extra}'", extra=need[1]),),
    )
    return replace(setup, lints=(*setup.lints, lint))


def _in_use(inv: Inventory, shell: Mapping[str, str], requested: tuple[str, ...]) -> dict[str, tuple[bool, str]]:
    installs = {c: inv.installs.get(c) or ClientInstall(c, False) for c in CLIENT_IDS}
    if requested:
        wanted = set(CLIENT_IDS) if "all" in requested else set(requested)
        return {
            c: (True, Msg("asked for with --for")) if c in wanted else (False, Msg("not asked for (--for)"))
            for c in CLIENT_IDS
        }
    out: dict[str, tuple[bool, str]] = {}
    for client in CLIENT_IDS:
        install = installs[client]
        out[client] = (True, install.where or Msg("found")) if install.found else (False, _absent(client))
    switch = next(
        (
            (name, setting)
            for name, _cloud in CLOUD_SWITCHES
            if (setting := inv.claude_code_env(name)) is not None and setting.value.strip().lower() in _TRUTHY
        ),
        None,
    )
    if not out["claude_code"][0] and switch is not None:  # only Claude Code reads these switches
        out["claude_code"] = (True, Msg("{variable} is set ({where})", variable=switch[0], where=switch[1].where))
    # The project uses the SDK only through a cloud client (AnthropicBedrock, AnthropicVertex): that is what is checked.
    on_cloud = bool(inv.clouds.sdk_clouds) or any(
        (shell.get(name) or "").strip() for names in _SDK_CLOUD_VARS.values() for name in names
    )
    if not out["python"][0] and not out["typescript"][0]:
        if not any(found for found, _why in out.values()) and not on_cloud:
            out["python"] = (True, Msg("no client found here: checked as the newest Python SDK would behave"))
        elif any(shell.get(name) for name in _STATIC_CREDENTIALS):
            out["python"] = (
                True,
                Msg("no SDK found, but the shell holds an SDK credential: checked as the newest Python SDK would"),
            )
    return out


def _absent(client: str) -> str:
    return {
        "claude_code": Msg("not in use here: no claude on PATH and none of its files"),
        "python": Msg("not in use here: anthropic is not installed for this project's Python and not declared"),
        "typescript": Msg("not in use here: no node_modules/@anthropic-ai/sdk and no package.json naming it"),
    }[client]


def _python(inv: Inventory, shell: Mapping[str, str], use: tuple[bool, str]) -> ClientSetup:
    install = inv.installs.get("python") or ClientInstall("python", False)
    version = install.version
    found = major(version or NEWEST["python"])
    m = 2 if found is None else found
    choice = sdk_choice(inv)
    url, source = sdk_base_url(inv, choice)
    notes = list(install.notes)
    if version is None and use[0]:
        notes.append(
            Msg("anthropic is not installed here: checked as anthropic {version} would", version=NEWEST["python"])
        )
    wire = _sdk_wire(choice, inv, m, both_when_both=m < 2)
    return ClientSetup(
        "python",
        version,
        use[0],
        use[1],
        install,
        url,
        source,
        choice,
        wire,
        httpx_proxy(url.strip(), shell),
        python_trust(shell, httpx2=m >= 1),
        SDK_MAX_RETRIES,
        env=shell,
        notes=tuple(notes),
    )


def _typescript(inv: Inventory, shell: Mapping[str, str], use: tuple[bool, str]) -> ClientSetup:
    install = inv.installs.get("typescript") or ClientInstall("typescript", False)
    version = install.version if install.version != "?" else None
    found = major(version or NEWEST["typescript"])
    m = 1 if found is None else found
    choice = sdk_choice(inv, "TypeScript SDK", trims=True)
    url = (shell.get("ANTHROPIC_BASE_URL") or "").strip()
    source = Msg("ANTHROPIC_BASE_URL (environment)") if url else Msg("default")
    url = url or DEFAULT_BASE_URL
    notes = list(install.notes)
    if version is None and use[0]:
        notes.append(
            Msg(
                "@anthropic-ai/sdk is not installed here: checked as version {version} would",
                version=NEWEST["typescript"],
            )
        )
    proxied = [
        name for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY") if shell.get(name)
    ]
    proxy_note = Msg("the TypeScript SDK reads no proxy variable: it connects directly")
    if proxied:
        notes.append(
            Msg(
                "{variable} is set, but the TypeScript SDK ignores it and connects directly; give it a proxy in code "
                "(fetchOptions with an undici ProxyAgent dispatcher)",
                variable=proxied[0],
            )
        )
    return ClientSetup(
        "typescript",
        version,
        use[0],
        use[1],
        install,
        url,
        source,
        choice,
        _sdk_wire(choice, inv, m, both_when_both=m < 1),
        ProxyChoice(None, proxy_note),
        node_trust(shell),
        SDK_MAX_RETRIES,
        env=shell,
        notes=tuple(notes),
    )


def _sdk_wire(choice: Choice, inv: Inventory, m: int, *, both_when_both: bool) -> Wire | None:
    chosen = choice.chosen
    if chosen is None or chosen.value is None or chosen.mechanism not in {"api_key", "auth_token"}:
        return None
    modern = not both_when_both
    version = API_VERSION_2026 if modern else API_VERSION_2023
    if modern:
        return Wire(version, (("authorization", f"Bearer {chosen.value}"),))
    headers: list[tuple[str, str]] = []
    if chosen.mechanism == "api_key":
        headers.append(("x-api-key", chosen.value))
        token = next((c for c in choice.shadowed if c.mechanism == "auth_token" and c.value), None)
        if token is not None and token.value is not None:
            headers.append(("authorization", f"Bearer {token.value}"))  # these versions send both
    else:
        headers.append(("authorization", f"Bearer {chosen.value}"))
    return Wire(version, tuple(headers))


def _claude_code(inv: Inventory, shell: Mapping[str, str], now_ms: int, use: tuple[bool, str]) -> ClientSetup:
    install = inv.installs.get("claude_code") or ClientInstall("claude_code", False)
    env = claude_code_env(shell, inv)
    choice = claude_code_choice(inv, now_ms)
    base = inv.claude_code_env("ANTHROPIC_BASE_URL")
    url = base.value if base is not None and base.value else DEFAULT_BASE_URL
    source: str = (
        Msg("ANTHROPIC_BASE_URL ({where})", where=base.where) if base is not None and base.value else Msg("default")
    )
    provider, provider_source = "anthropic", ""
    switched: list[tuple[str, str]] = []
    for name, cloud in CLOUD_SWITCHES:
        setting = inv.claude_code_env(name)
        if setting is not None and setting.value.strip().lower() in _TRUTHY:
            switched.append((cloud, Msg("{variable} ({where})", variable=name, where=setting.where)))
    if switched:
        provider, provider_source = switched[0]
    clouds = _claude_code_clouds(inv, env, now_ms, switched)
    if clouds:
        url, source = clouds[0].endpoint or url, clouds[0].endpoint_source
    retries = CLAUDE_CODE_MAX_RETRIES
    raw = env.get("CLAUDE_CODE_MAX_RETRIES", "").strip()
    if raw.isdigit():
        retries = min(int(raw), 15)
    return ClientSetup(
        "claude_code",
        install.version,
        use[0],
        use[1],
        install,
        url,
        source,
        choice,
        _claude_code_wire(choice.chosen) if provider == "anthropic" else None,
        claude_code_proxy(url.strip(), env),
        claude_code_trust(env),
        retries,
        provider,
        provider_source,
        env,
        tuple(install.notes),
        clouds,
    )


def _claude_code_clouds(
    inv: Inventory, env: Mapping[str, str], now_ms: int, switched: list[tuple[str, str]]
) -> tuple[CloudSetup, ...]:
    """Claude Code's cloud setups: Bedrock, and Mantle beside it (both may be on); Vertex; Bedrock and Vertex both on
    is a mistake, named on the first."""
    if not switched:
        return ()
    from dataclasses import replace

    from claude_doctor.checks.resolve.aws import resolve_bedrock
    from claude_doctor.checks.resolve.cloud import CloudLint
    from claude_doctor.checks.resolve.google import resolve_vertex

    def where(name: str) -> str:
        setting = inv.claude_code_env(name)
        return setting.where if setting is not None else Msg("environment")

    out: list[CloudSetup] = []
    for cloud, source in switched:
        if cloud in {"bedrock", "mantle"}:
            out.append(
                resolve_bedrock(
                    env,
                    where,
                    inv.clouds,
                    now_ms / 1000,
                    switch=source,
                    claude_code=True,
                    mantle=cloud == "mantle",
                )
            )
        elif cloud == "vertex":
            out.append(resolve_vertex(env, where, inv.clouds, switch=source, claude_code=True))
    kinds = {c for c, _s in switched}
    if out and "vertex" in kinds and kinds & {"bedrock", "mantle"}:
        names = [source for c, source in switched if c in {"bedrock", "mantle", "vertex"}]
        lint = CloudLint(
            "both_clouds",
            "fail",
            Msg("Amazon Bedrock and Google Vertex AI are both switched on: {switches}", switches=", ".join(names)),
            Msg("Claude Code uses only one provider; which one wins is not documented"),
            (Msg("unset the switch of the provider you do not use"),),
        )
        out[0] = replace(out[0], lints=(lint, *out[0].lints))
        out = [c for c in out if c.provider != "vertex"] if out[0].provider != "vertex" else out[:1]
    return tuple(out)


def _claude_code_wire(chosen: Candidate | None) -> Wire | None:
    if chosen is None or not chosen.value:
        return None
    value = chosen.value.strip()
    if chosen.mechanism == "api_key":
        return Wire(API_VERSION_2023, (("x-api-key", value),))
    if chosen.mechanism == "helper":
        return Wire(API_VERSION_2023, (("x-api-key", value), ("authorization", f"Bearer {value}")))
    if chosen.mechanism in {"auth_token", "oauth_env", "login"}:
        if chosen.header == "x-api-key":  # primaryApiKey from a Console login
            return Wire(API_VERSION_2023, (("x-api-key", value),))
        headers: list[tuple[str, str]] = [("authorization", f"Bearer {value}")]
        if value.startswith("sk-ant-oat"):
            headers.append(("anthropic-beta", OAUTH_BETA))
        return Wire(API_VERSION_2023, tuple(headers))
    return None
