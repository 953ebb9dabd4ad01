"""Credentials section: what was found, which credential each client uses, and what is wrong with each one."""

from __future__ import annotations

from pathlib import Path

from claude_doctor.checks.inventory import CREDENTIAL_VARS, SECRET_VARS, IniFile, Setting
from claude_doctor.checks.resolve.clients import CLIENT_NAMES
from claude_doctor.checks.resolve.credential import Candidate, Choice, federation_missing
from claude_doctor.checks.resolve.endpoint import lint_base_url
from claude_doctor.checks.resolve.key import lint_credential
from claude_doctor.checks.resolve.lint import Lint, worst
from claude_doctor.checks.resolve.proxy import masked_proxy
from claude_doctor.checks.sources.files import is_readable_file
from claude_doctor.checks.sources.helper import is_project_helper
from claude_doctor.checks.state import LocalState
from claude_doctor.i18n import N_, Msg, plural
from claude_doctor.model import CheckResult, CheckStatus
from claude_doctor.secrets import mask, shape_of

SECTION = "Credentials"
CLIENTS = "Clients"
_EXPECTED_HEADER = {"ANTHROPIC_API_KEY": "x-api-key", "ANTHROPIC_AUTH_TOKEN": "authorization"}


def described(value: str) -> str:
    """A secret-free description for people: `sk-ant-api03-AbCd…wXyz (an Anthropic API key, 108 characters)`."""
    if not value.strip():
        return ""  # the lint says it is empty
    shape = shape_of(value.strip())
    if shape is None:
        return Msg("{value} ({length} characters)", value=mask(value.strip()), length=len(value))
    return Msg("{value} ({kind}, {length} characters)", value=mask(value.strip()), kind=shape.label, length=len(value))


def shown(setting: Setting) -> str:
    return described(setting.value) if setting.name in SECRET_VARS else repr(setting.value)


def place(setting: Setting) -> str:
    """Where a setting was found, to follow "from": the environment, a file."""
    return Msg("the environment") if setting.origin == "env" else setting.where


def check_sources(state: LocalState) -> list[CheckResult]:
    inv = state.inv
    rows = [
        {"name": s.name, "value": mask(s.value) if s.name in SECRET_VARS else s.value, "where": s.where}
        for s in (*inv.env, *inv.settings_env, *inv.dotenv)
    ]
    places = sorted({r["where"] for r in rows})
    files = [state.ctx.pretty(p) for _level, p in inv.settings_files] + [state.ctx.pretty(p) for p in inv.dotenv_files]
    if inv.claude_json is not None:
        files.append(state.ctx.pretty(inv.claude_json_path))
    if inv.oauth is not None:
        files.append(state.ctx.pretty(inv.oauth.path))
    if inv.sdk_profile is not None and inv.sdk_profile.config is not None:
        files.append(state.ctx.pretty(inv.sdk_profile.config_path))
    files += [ini.shown for ini in inv.clouds.aws_ini.values() if isinstance(ini, IniFile)]  # the clouds' own files
    files += [google.shown for google in inv.clouds.google.values() if google.exists]
    files = list(dict.fromkeys(files))
    lines = [Msg("{name} = {value} from {where}", name=r["name"], value=r["value"], where=r["where"]) for r in rows]
    if files:
        lines.append(Msg("files read: {files}", files=", ".join(files)))
    detail = Msg.joined("\n", lines)
    title = (
        plural(
            "Found {n} setting in {places}",
            "Found {n} settings in {places}",
            n=len(rows),
            places=plural("{n} place", "{n} places", n=len(places)),
        )
        if rows
        else N_("No Claude settings in the environment")
    )
    return [
        CheckResult(
            "credentials.sources",
            "ok" if rows else "skip",  # nothing found is information, not a success
            title,
            SECTION,
            detail,
            data={"settings": rows, "files": files},
        )
    ]


def _candidate_json(c: Candidate | None) -> dict[str, object] | None:
    if c is None:
        return None
    return {
        "mechanism": c.mechanism,
        "source": c.label,
        "value": None if c.value is None else mask(c.value.strip()),
        "header": c.header,
        "note": c.note,
    }


def _choice_data(choice: Choice) -> dict[str, object]:
    return {
        "client": choice.client,
        "chosen": _candidate_json(choice.chosen),
        "shadowed": [_candidate_json(c) for c in choice.shadowed],
        "notes": list(choice.notes),
    }


def _uses(c: Candidate) -> str:
    return Msg.joined(" ", [c.label, mask(c.value.strip())] if c.value else [c.label])


def check_clients(state: LocalState) -> list[CheckResult]:
    """One line per client: in use or not, and when in use what it would really use."""
    results = []
    for client in state.clients:
        if not client.in_use:
            results.append(
                CheckResult(
                    f"clients.{client.client}",
                    "skip",
                    Msg("{client}: {why}", client=client.name, why=client.why),
                    CLIENTS,
                )
            )
            continue
        chosen = client.choice.chosen
        lines: list[str] = [
            Msg("why checked: {why}", why=client.why),
            Msg("endpoint: {url} ({source})", url=client.endpoint.strip(), source=client.endpoint_source),
        ]
        if client.provider != "anthropic":
            lines.append(
                Msg("provider: {provider} ({source})", provider=client.provider, source=client.provider_source)
            )
        lines.append(Msg("credential: {credential}", credential=_uses(chosen) if chosen else Msg("none")))
        if client.wire is not None:
            lines.append(Msg("headers: {headers}", headers=client.wire.described()))
        lines.append(Msg("proxy: {proxy} ({source})", proxy=masked_proxy(client.proxy.url), source=client.proxy.source))
        lines.append(Msg("trust store: {store}", store=client.trust.label))
        lines.append(plural("retries: {n}", "retries: {n}", n=client.max_retries))
        lines += list(client.notes)
        status: CheckStatus = "warn" if client.install.notes else "ok"
        results.append(
            CheckResult(
                f"clients.{client.client}",
                status,
                Msg("{client} ({where})", client=client.name, where=client.install.where or client.why),
                CLIENTS,
                Msg.joined("\n", lines),
                data={
                    "client": client.client,
                    "version": client.version,
                    "endpoint": client.endpoint.strip(),
                    "provider": client.provider,
                    "credential": chosen.label if chosen else None,
                    "headers": client.wire.described() if client.wire else None,
                    "proxy": masked_proxy(client.proxy.url),
                    "trust": client.trust.label,
                },
            )
        )
    return results


def _sdk_result(state: LocalState, client_id: str, check_id: str) -> list[CheckResult]:
    setup = state.client(client_id)
    choice = setup.choice
    data = _choice_data(choice)
    notes = list(choice.notes)
    if not setup.in_use:
        return [
            CheckResult(
                check_id, "skip", Msg("{client}: not in use (see Clients)", client=setup.name), SECTION, data=data
            )
        ]
    if choice.chosen is None:
        if state.ctx.allow_missing_key:
            return [
                CheckResult(
                    check_id,
                    "skip",
                    Msg("{client}: no credential (allowed by --allow-missing-key)", client=setup.name),
                    SECTION,
                    Msg.joined("\n", notes),
                    data=data,
                )
            ]
        return [
            CheckResult(
                check_id,
                "fail",
                Msg("{client}: no credential found", client=setup.name),
                SECTION,
                Msg.joined("\n", [Msg("The SDK would raise 'Could not resolve authentication method'."), *notes]),
                (
                    Msg(
                        "create an API key at https://platform.claude.com/settings/keys and set it: "
                        "`export ANTHROPIC_API_KEY=sk-ant-api03-…`"
                    ),
                    Msg("in CI, add the key as a secret and pass it as ANTHROPIC_API_KEY to this step"),
                ),
                data,
            )
        ]
    lines = [Msg("uses {credential}", credential=_uses(choice.chosen))]
    lines += [Msg("shadows {credential}", credential=_uses(c)) for c in choice.shadowed]
    status: CheckStatus = "warn" if choice.shadowed or notes else "ok"
    fix: tuple[str, ...] = ()
    if choice.shadowed:
        fix = (Msg("if you meant {credential}, unset what is above it", credential=choice.shadowed[0].label),)
    return [
        CheckResult(
            check_id,
            status,
            Msg("{client} uses {credential}", client=CLIENT_NAMES[client_id], credential=choice.chosen.label),
            SECTION,
            Msg.joined("\n", [*lines, *notes]),
            fix,
            data,
        )
    ]


def check_sdk_choice(state: LocalState) -> list[CheckResult]:
    return _sdk_result(state, "python", "credentials.sdk")


def check_typescript_choice(state: LocalState) -> list[CheckResult]:
    return _sdk_result(state, "typescript", "credentials.typescript")


def check_claude_code_choice(state: LocalState) -> list[CheckResult]:
    setup = state.client("claude_code")
    choice = state.claude_code
    data = _choice_data(choice)
    notes = list(choice.notes)
    if not setup.in_use:
        return [CheckResult("credentials.claude_code", "skip", Msg("Claude Code: not set up here"), SECTION, data=data)]
    if choice.chosen is None:
        return [
            CheckResult(
                "credentials.claude_code",
                "warn",
                N_("Claude Code: no credential; it will ask you to log in"),
                SECTION,
                Msg.joined("\n", notes),
                (N_("run `claude` and /login, or export ANTHROPIC_API_KEY"),),
                data,
            )
        ]
    chosen = choice.chosen
    lines: list[str]
    if chosen.note:
        lines = [Msg("uses {credential} — {note}", credential=_uses(chosen), note=chosen.note)]
    else:
        lines = [Msg("uses {credential}", credential=_uses(chosen))]
    if " env block" in chosen.label and state.inv.process_env(chosen.label.split(" ")[0]) is not None:
        lines.append(
            N_("the shell sets it too; Claude Code applies settings `env` blocks over the shell's environment")
        )
    lines += [Msg("shadows {credential}", credential=_uses(c)) for c in choice.shadowed]
    status: CheckStatus = "ok"
    fix: list[str] = []
    logins = [c for c in choice.shadowed if c.mechanism in {"login", "oauth_env"}]
    if chosen.mechanism in {"api_key", "auth_token"} and logins:
        status = "warn"
        lines.append(
            Msg(
                "{variable} overrides your {login}: requests are billed to that key's "
                "organization, and its problems (credit balance too low, 401, "
                "organization disabled) show up in Claude Code",
                variable=chosen.label.split(" ")[0],
                login=logins[0].label,
            )
        )
        fix.append(
            Msg(
                "unset {variable} (and remove it from your shell profile) to use the login",
                variable=chosen.label.split(" ")[0],
            )
        )
    if chosen.mechanism == "login" and state.inv.oauth is not None and state.inv.oauth.expired(state.now_ms):
        if state.inv.oauth.has_refresh:
            lines.append(N_("the access token has expired; Claude Code refreshes it on the next request"))
        else:
            status = "fail"
            lines.append(N_("the login has expired and there is no refresh token"))
            fix.append(N_("run `claude` and /login again"))
    if notes:
        status = "warn" if status == "ok" else status
    return [
        CheckResult(
            "credentials.claude_code",
            status,
            Msg("Claude Code uses {label}", label=chosen.label),
            SECTION,
            Msg.joined("\n", [*lines, *notes]),
            tuple(fix),
            data,
        )
    ]


def _third_party_host(state: LocalState) -> str | None:
    """The host of a relay (or a gateway on this machine) that a client in use sends its credential to."""
    urls = [c.endpoint for c in state.in_use()] or [state.base_url()[0]]
    for url in urls:
        endpoint = lint_base_url(url)
        if endpoint.kind in {"relay", "loopback"}:
            return endpoint.host
    return None


def _credential_settings(state: LocalState) -> list[tuple[Setting, str]]:
    inv = state.inv
    out: list[tuple[Setting, str]] = []
    for s in (*inv.env, *inv.settings_env, *inv.dotenv):
        if s.name in CREDENTIAL_VARS:
            out.append((s, _EXPECTED_HEADER.get(s.name, "authorization")))
    primary = (inv.claude_json or {}).get("primaryApiKey")
    if isinstance(primary, str):
        out.append(
            (
                Setting("primaryApiKey", primary, f"{state.ctx.pretty(inv.claude_json_path)}", "claude_json"),
                "x-api-key",
            )
        )
    return out


def _predicate(message: str, name: str) -> str:
    """A lint's message to follow the variable's name: `is set but empty`, not `X is set but empty`."""
    return message[len(name) :].lstrip() if message.startswith(name + " ") else message


def check_credential_lints(state: LocalState) -> list[CheckResult]:
    relay = _third_party_host(state)
    results: list[CheckResult] = []
    seen: set[tuple[str, str]] = set()
    for setting, header in _credential_settings(state):
        if (setting.name, setting.value) in seen:
            continue
        seen.add((setting.name, setting.value))
        lints = lint_credential(setting.value, setting.name, header=header, third_party_host=relay)
        if setting.name == "CLAUDE_CODE_OAUTH_TOKEN" and setting.value.strip().startswith("sk-ant-api"):
            lints = [lint for lint in lints if "OAuth" not in lint.message]
            lints.append(
                Lint(
                    "fail",
                    N_("holds an API key, but this variable is for OAuth tokens from `claude setup-token`"),
                    N_("move the key to ANTHROPIC_API_KEY"),
                )
            )
        value = described(setting.value)
        status = worst(lints)
        problems = [_predicate(lint.message, setting.name) for lint in lints]
        if not lints:
            masked = mask(setting.value.strip())
            title = Msg("{name} from {place}: {value}", name=setting.name, place=place(setting), value=masked)
            detail = value  # with its kind and length, under -v
        else:
            title = Msg("{name} from {place} {problem}", name=setting.name, place=place(setting), problem=problems[0])
            more = [Msg("{name} {problem}", name=setting.name, problem=problem) for problem in problems[1:]]
            detail = Msg.joined("\n", [text for text in (value, *more) if text])
        results.append(
            CheckResult(
                f"credentials.lint.{setting.name}.{setting.origin}",
                status,
                title,
                SECTION,
                detail,
                tuple(lint.fix for lint in lints if lint.fix),
                {
                    "name": setting.name,
                    "where": setting.where,
                    "value": mask(setting.value.strip()),
                    "problems": [lint.message for lint in lints],
                },
            )
        )
    return results


def check_conflicts(state: LocalState) -> list[CheckResult]:
    inv = state.inv
    conflicts: list[str] = []
    names = sorted({s.name for s in (*inv.env, *inv.settings_env, *inv.dotenv)})
    for name in names:
        places = inv.everywhere(name)
        if len({p.value for p in places}) > 1:
            where = Msg.joined(N_("; "), [Msg("{value} in {where}", value=shown(p), where=p.where) for p in places])
            conflicts.append(Msg("{name}: {places}", name=name, places=where))
    if not conflicts:
        return [
            CheckResult("credentials.conflicts", "ok", N_("No variable is defined differently in two places"), SECTION)
        ]
    return [
        CheckResult(
            "credentials.conflicts",
            "warn",
            plural(
                "{n} variable defined differently in two places",
                "{n} variables defined differently in two places",
                n=len(conflicts),
            ),
            SECTION,
            Msg.joined("\n", conflicts),
            (
                N_(
                    "keep each variable in one place; the shell, a .env file and Claude "
                    "Code's settings each win for different programs"
                ),
            ),
            {"conflicts": conflicts},
        )
    ]


def check_claude_state(state: LocalState) -> list[CheckResult]:
    inv = state.inv
    data = inv.claude_json or {}
    results: list[CheckResult] = []
    path = state.ctx.pretty(inv.claude_json_path)
    stray = data.get("anthropic_api_key") or data.get("ANTHROPIC_API_KEY")
    if stray:
        results.append(
            CheckResult(
                "claude_code.stray_key_field",
                "warn",
                Msg("{path} has an `anthropic_api_key` field, which Claude Code ignores", path=path),
                SECTION,
                N_(
                    "Claude Code reads `primaryApiKey` (written by a Console /login), not "
                    "this field: with only this field set, Claude Code prints 'Not "
                    "logged in' and sends no request."
                ),
                (
                    N_(
                        "export ANTHROPIC_API_KEY in your shell, or put it in the `env` block "
                        "of ~/.claude/settings.json"
                    ),
                    N_("or run `claude` and /login with your Console account; then delete the field"),
                ),
                {"field": "anthropic_api_key", "value": mask(str(stray))},
            )
        )
    account = data.get("oauthAccount")
    if isinstance(account, dict) and account.get("emailAddress"):
        email = str(account["emailAddress"])
        local, _, domain = email.partition("@")
        results.append(
            CheckResult(
                "claude_code.account",
                "ok",
                Msg("Claude Code login recorded for {local}***@{domain}", local=local[:1], domain=domain),
                SECTION,
                data={"organization": account.get("organizationName")},
            )
        )
    if inv.oauth is not None and inv.oauth.expired(state.now_ms):
        status: CheckStatus = "warn" if inv.oauth.has_refresh else "fail"
        where = state.ctx.pretty(inv.oauth.path)
        hours = f"{(state.now_ms - (inv.oauth.expires_at_ms or 0)) / 3_600_000:.0f}"
        if inv.oauth.has_refresh:
            said = Msg(
                "{path} says it expired {hours} h ago. Claude Code refreshes it on the next request.",
                path=where,
                hours=hours,
            )
        else:
            said = Msg("{path} says it expired {hours} h ago.", path=where, hours=hours)
        results.append(
            CheckResult(
                "claude_code.login_expiry",
                status,
                N_("Claude Code login: access token expired")
                if inv.oauth.has_refresh
                else N_("Claude Code login: access token expired, no refresh token"),
                SECTION,
                said,
                (N_("if Claude Code says 'OAuth token has expired', run /login"),),
            )
        )
    return results


def check_sdk_profile(state: LocalState) -> list[CheckResult]:
    inv = state.inv
    env = {s.name: s.value for s in inv.env}
    results: list[CheckResult] = []
    missing = federation_missing(env)
    if missing:
        results.append(
            CheckResult(
                "credentials.federation",
                "fail",
                N_("Workload identity federation is only half set up"),
                SECTION,
                Msg("missing: {names}", names=", ".join(missing)),
                (Msg("set {name}", name=missing[0]),),
            )
        )
    token_file = env.get("ANTHROPIC_IDENTITY_TOKEN_FILE")
    if token_file and not is_readable_file(Path(token_file)):
        results.append(
            CheckResult(
                "credentials.identity_token_file",
                "fail",
                Msg("ANTHROPIC_IDENTITY_TOKEN_FILE {token_file} cannot be read", token_file=token_file),
                SECTION,
                fix=(
                    N_("point it at the OIDC token file your CI writes (for GitHub Actions, request id-token: write)"),
                ),
            )
        )
    profile = inv.sdk_profile
    if profile is None:
        return results
    label = Msg("SDK profile '{name}'", name=profile.name)
    problems: list[str] = []
    if profile.config is None:
        problems.append(Msg("{path} does not exist or cannot be used", path=state.ctx.pretty(profile.config_path)))
    elif profile.auth_type not in {"user_oauth", "oidc_federation"}:
        problems.append(
            Msg(
                "authentication.type is {auth_type!r}; the SDK knows user_oauth and oidc_federation",
                auth_type=profile.auth_type,
            )
        )
    if profile.auth_type == "user_oauth":
        creds = profile.credentials
        if creds is None:
            problems.append(
                Msg("{path} is missing: run the login again", path=state.ctx.pretty(profile.credentials_path))
            )
        elif not creds.get("access_token"):
            problems.append(N_("its credentials file has no access_token"))
    used = state.sdk.chosen is not None and state.sdk.chosen.mechanism in {"profile", "active_profile"}
    if problems:
        status: CheckStatus = "fail" if used or profile.name_source != "default" else "warn"
        results.append(
            CheckResult(
                "credentials.sdk_profile",
                status,
                Msg("{label} is broken", label=label),
                SECTION,
                Msg.joined("\n", problems),
                (Msg("fix or remove the profile files under {folder}", folder=state.ctx.pretty(profile.config_dir)),),
                {"profile": profile.name, "selected_by": profile.name_source},
            )
        )
    else:
        results.append(
            CheckResult(
                "credentials.sdk_profile",
                "ok",
                Msg("{label} ({auth_type}) is complete", label=label, auth_type=profile.auth_type),
                SECTION,
                Msg("selected by {source}", source=profile.name_source)
                if used
                else Msg("selected by {source}; not used: shadowed", source=profile.name_source),
                data={"profile": profile.name, "selected_by": profile.name_source},
            )
        )
    return results


def check_helper(state: LocalState) -> list[CheckResult]:
    """Each apiKeyHelper found: run (with consent and trust) and what it printed, or why it was not run."""
    results = []
    relay = _third_party_host(state)
    for index, helper in enumerate(state.inv.helpers):
        check_id = "credentials.helper" if index == 0 else f"credentials.helper:{helper.origin.split(':')[-1]}"
        used = Msg("the one Claude Code uses") if index == 0 else Msg("shadowed by a higher settings level")
        origin = Msg("this project's own settings") if is_project_helper(helper) else Msg("your own settings")
        command = Msg("command: {command}", command=helper.value)
        run = state.inv.helper_run(helper)
        if run is None or not run.ran:
            why = run.problem if run is not None else Msg("not run")
            results.append(
                CheckResult(
                    check_id,
                    "skip",
                    Msg("apiKeyHelper not run ({where})", where=helper.where),
                    SECTION,
                    Msg.joined("\n", [command, Msg("from {origin}, {used}", origin=origin, used=used), why]),
                    (Msg("run with --run-helpers to execute it and check what it prints"),)
                    if "--run-helpers" in why
                    else (),
                )
            )
            continue
        if not run.ok:
            results.append(
                CheckResult(
                    check_id,
                    "fail",
                    Msg("apiKeyHelper {problem}", problem=run.problem),
                    SECTION,
                    command,
                    (Msg("run the command by hand and make it print only the key"),),
                )
            )
            continue
        lints = lint_credential(
            run.value or "", N_("apiKeyHelper output"), header="authorization", third_party_host=relay
        )
        results.append(
            CheckResult(
                check_id,
                worst(lints),
                Msg("apiKeyHelper prints {value}", value=described(run.value or "") or N_("nothing")),
                SECTION,
                Msg.joined("\n", [lint.message for lint in lints]),
                tuple(lint.fix for lint in lints if lint.fix),
            )
        )
    return results
