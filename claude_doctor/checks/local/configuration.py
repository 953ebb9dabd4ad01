"""Configuration section: the endpoint, the model, extra headers, timeouts, and every file that could not be read."""

from __future__ import annotations

import re

from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.resolve.endpoint import lint_base_url
from claude_doctor.checks.resolve.lint import worst
from claude_doctor.checks.state import LocalState
from claude_doctor.i18n import N_, Msg, plural
from claude_doctor.model import CheckResult, CheckStatus

SECTION = "Configuration"
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
MAX_TIMEOUT_MS = 2_147_483_647


def check_base_url(state: LocalState) -> list[CheckResult]:
    """One line per endpoint the clients in use call, naming the clients and where each got it."""
    endpoints: dict[str, list[ClientSetup]] = {}
    for client in state.in_use():
        if client.provider == "anthropic":
            endpoints.setdefault(client.endpoint, []).append(client)
    if not endpoints and any(c.clouds for c in state.in_use()):
        return []  # every client in use is on a cloud: its endpoint is on its cloud line
    if not endpoints:
        url, source = state.base_url()
        endpoints[url] = []
        sources = {url: source}
    else:
        sources = {url: clients[0].endpoint_source for url, clients in endpoints.items()}
    results = []
    for index, (url, clients) in enumerate(endpoints.items()):
        source = sources[url]
        endpoint = lint_base_url(url)
        status = worst(list(endpoint.lints))
        names = ", ".join(c.name for c in clients)
        shown_url = endpoint.url.strip() or url
        shown_url = repr(url) if url != url.strip() or not shown_url else shown_url
        if clients:
            title = Msg("API endpoint {url} for {clients}, from {source}", url=shown_url, clients=names, source=source)
        elif source == "default":
            title = Msg("API endpoint {url} (the default)", url=shown_url)
        else:
            title = Msg("API endpoint {url}, from {source}", url=shown_url, source=source)
        lints = list(endpoint.lints)
        if status != "ok" and str(source).startswith("ANTHROPIC"):
            title = Msg("ANTHROPIC_BASE_URL {problem}, from {source}", problem=lints[0].message, source=source)
            lints = lints[1:]  # said in the title: not again below it
        results.append(
            CheckResult(
                "config.base_url" if index == 0 else f"config.base_url#{index + 1}",
                status,
                title,
                SECTION,
                Msg.joined("\n", [Msg("The endpoint {problem}", problem=lint.message) for lint in lints]),
                tuple(lint.fix for lint in endpoint.lints if lint.fix),
                {
                    "base_url": url,
                    "source": source,
                    "host": endpoint.host,
                    "host_kind": endpoint.kind,
                    "clients": [c.name for c in clients],
                },
            )
        )
    return results


def check_files(state: LocalState) -> list[CheckResult]:
    results: list[CheckResult] = []
    for problem in state.inv.problems:
        where = state.ctx.pretty(problem.path)
        results.append(
            CheckResult(
                f"config.file:{where}" + (f":{problem.key}" if problem.key else ""),
                "fail" if problem.severity == "fail" else "warn",
                Msg("{path} {problem}", path=where, problem=problem.message),
                SECTION,
                fix=(problem.fix,) if problem.fix else (),
                data={"path": str(problem.path)},
            )
        )
    for path, line, text in state.inv.dotenv_bad_lines:
        where = state.ctx.pretty(path)
        results.append(
            CheckResult(
                f"config.dotenv_line:{where}:{line}",
                "warn",
                Msg("{where} line {line} cannot be parsed; loaders skip it", where=where, line=line),
                SECTION,
                text[:120],
                (N_("write it as NAME=value (quotes optional, no spaces around =)"),),
            )
        )
    return results


def check_model(state: LocalState) -> list[CheckResult]:
    inv = state.inv
    results: list[CheckResult] = []
    deprecated = inv.process_env("ANTHROPIC_SMALL_FAST_MODEL") or inv.claude_code_env("ANTHROPIC_SMALL_FAST_MODEL")
    if deprecated is not None:
        results.append(
            CheckResult(
                "config.small_fast_model",
                "warn",
                N_("ANTHROPIC_SMALL_FAST_MODEL is deprecated"),
                SECTION,
                Msg("set in {where}", where=deprecated.where),
                (N_("use ANTHROPIC_DEFAULT_HAIKU_MODEL instead"),),
            )
        )
    model = state.ctx.model
    source = "--model"
    if model is None:
        setting = inv.process_env("ANTHROPIC_MODEL") or inv.claude_code_env("ANTHROPIC_MODEL")
        if setting is not None:
            model, source = setting.value, Msg("{name} ({where})", name="ANTHROPIC_MODEL", where=setting.where)
    if model is None:
        results.append(
            CheckResult(
                "config.model",
                "skip",
                N_("No model configured (ANTHROPIC_MODEL unset)"),
                SECTION,
                N_("the SDKs have no default model: your code names one"),
            )
        )
        return results
    if model != model.strip() or not model.strip():
        results.append(
            CheckResult(
                "config.model",
                "fail",
                Msg("Model {model!r} from {source} has stray whitespace", model=model, source=source),
                SECTION,
                fix=(N_("remove the spaces; the API answers 404 not_found_error for it"),),
            )
        )
    elif state.in_use() and all(c.clouds for c in state.in_use()):
        pass  # on a cloud the model is checked against that cloud's ids, on its cloud line (local.clouds)
    else:
        results.append(
            CheckResult(
                "config.model",
                "ok",
                Msg("Model {model}, from {source}", model=model, source=source),
                SECTION,
                data={"model": model, "source": source},
            )
        )
    return results


def check_custom_headers(state: LocalState) -> list[CheckResult]:
    setting = state.inv.process_env("ANTHROPIC_CUSTOM_HEADERS") or state.inv.claude_code_env("ANTHROPIC_CUSTOM_HEADERS")
    if setting is None:
        return []
    problems: list[str] = []
    names: list[str] = []
    for number, line in enumerate(setting.value.split("\n"), start=1):
        if not line.strip():
            continue
        name, colon, _value = line.partition(":")
        if not colon:
            problems.append(Msg("line {number} has no ':' and is dropped by the clients", number=number))
        elif not _HEADER_NAME.match(name.strip()):
            problems.append(Msg("line {number}: {name!r} is not a valid header name", number=number, name=name.strip()))
        else:
            names.append(name.strip())
            if name.strip().lower() in {"x-api-key", "authorization"}:
                problems.append(
                    Msg(
                        "line {number} sets {name}, which competes with the credential",
                        number=number,
                        name=name.strip(),
                    )
                )
    status: CheckStatus = "warn" if problems else "ok"
    return [
        CheckResult(
            "config.custom_headers",
            status,
            plural("ANTHROPIC_CUSTOM_HEADERS: {n} header", "ANTHROPIC_CUSTOM_HEADERS: {n} headers", n=len(names)),
            SECTION,
            Msg.joined("\n", [Msg("names: {names}", names=", ".join(names)), *problems] if names else problems),
            (N_("write one 'Name: value' pair per line"),) if problems else (),
            {"names": names},
        )
    ]


def check_timeout(state: LocalState) -> list[CheckResult]:
    setting = state.inv.claude_code_env("API_TIMEOUT_MS")
    if setting is None:
        return []
    raw = setting.value.strip()
    if not raw.isdigit():
        return [
            CheckResult(
                "config.api_timeout",
                "fail",
                Msg("API_TIMEOUT_MS {raw!r} is not a whole number", raw=raw),
                SECTION,
                fix=(N_("write milliseconds, e.g. API_TIMEOUT_MS=600000"),),
            )
        ]
    value = int(raw)
    if value > MAX_TIMEOUT_MS:
        return [
            CheckResult(
                "config.api_timeout",
                "fail",
                Msg("API_TIMEOUT_MS {value} overflows", value=value),
                SECTION,
                N_("values above 2147483647 overflow and make every request fail at once"),
                (Msg("use at most {limit}", limit=MAX_TIMEOUT_MS),),
            )
        ]
    if value < 10_000:
        return [
            CheckResult(
                "config.api_timeout",
                "warn",
                Msg("API_TIMEOUT_MS {value} ms is very short", value=value),
                SECTION,
                N_("long answers take minutes; requests will time out"),
                (N_("the default is 600000"),),
            )
        ]
    return [CheckResult("config.api_timeout", "ok", Msg("API_TIMEOUT_MS {value} ms", value=value), SECTION)]
