"""Clients on Amazon Bedrock or Google Vertex AI, offline: for each client in use on a cloud, what it would use there
(a line in Configuration), then every mistake in that setup, each naming the variable or file that causes it and the
fix (`resolve.aws`, `resolve.google`); the model given with `--model` checked against each provider's id shapes; and
the programs the cloud settings name (`credential_process`, `awsCredentialExport`, `awsAuthRefresh`,
`gcpAuthRefresh`): run with consent, or why not.

A finding that two clients share (the same missing profile for Claude Code and AnthropicBedrock) is one line that
names both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.state import LocalState
from claude_doctor.i18n import Msg, plural
from claude_doctor.model import CheckResult
from claude_doctor.secrets import mask

if TYPE_CHECKING:  # resolve.cloud is imported only when a client is on a cloud, which then has already imported it
    from claude_doctor.checks.resolve.cloud import CloudLint, CloudSetup

CREDENTIALS = "Credentials"  # the sections, as resolve.cloud names them
CONFIGURATION = "Configuration"


def cloud_clients(state: LocalState) -> list[tuple[ClientSetup, CloudSetup]]:
    return [(client, cloud) for client in state.in_use() for cloud in client.clouds]


def describe(cloud: CloudSetup) -> list[str]:
    """What a client would use on its cloud, one line each, without a secret."""
    lines: list[str] = [Msg("switched on by {switch}", switch=cloud.switch)]
    if cloud.region is not None:
        lines.append(Msg("region: {region} ({source})", region=cloud.region.value, source=cloud.region.source))
    lines.append(Msg("endpoint: {url} ({source})", url=cloud.endpoint or "?", source=cloud.endpoint_source))
    if cloud.aws is not None:
        shown = cloud.aws.source
        if cloud.aws.access_key:
            shown = Msg("{source}, key {key}", source=shown, key=mask(cloud.aws.access_key))
        if cloud.aws.bearer:
            shown = Msg("{source}, {token}", source=shown, token=mask(cloud.aws.bearer))
        lines.append(Msg("credential: {credential}", credential=shown))
    if cloud.google is not None:
        lines.append(Msg("credential: {credential}", credential=cloud.google.source))
    if cloud.project is not None:
        lines.append(Msg("project: {project} ({source})", project=cloud.project.value, source=cloud.project.source))
    for model in cloud.models:
        lines.append(Msg("model: {model} ({source})", model=model.value, source=model.source))
    return lines


def check_cloud_setups(state: LocalState) -> list[CheckResult]:
    results: list[CheckResult] = []
    for client, cloud in cloud_clients(state):
        title = Msg("{client} on {provider}", client=client.name, provider=cloud.name)
        if cloud.region is not None:
            title = Msg(
                "{client} on {provider}, region {region}",
                client=client.name,
                provider=cloud.name,
                region=cloud.region.value,
            )
        if cloud.lints:  # the problems are lines of their own; this one says what the client would use
            title = plural("{setup}: {n} problem below", "{setup}: {n} problems below", n=len(cloud.lints), setup=title)
        results.append(
            CheckResult(
                f"cloud.{client.client}.{cloud.provider}",
                "ok",
                title,
                CONFIGURATION,
                Msg.joined("\n", describe(cloud)),
                data=_setup_data(client, cloud),
            )
        )
    return results


def check_cloud_lints(state: LocalState) -> list[CheckResult]:
    """Every finding of every cloud setup in use, and the `--model` given, once each."""
    found: dict[tuple[str, str], tuple[CloudLint, list[str], str]] = {}
    for client, cloud in cloud_clients(state):
        lints = list(cloud.lints)
        if state.ctx.model:
            lints += _model_lints(state.ctx.model, cloud)
        for lint in lints:
            key = (lint.title, cloud.provider)
            if key in found:
                found[key][1].append(client.name)
            else:
                found[key] = (lint, [client.name], cloud.provider)
    results: list[CheckResult] = []
    seen: dict[str, int] = {}
    for lint, names, provider in found.values():
        base = f"cloud.{provider}.{lint.key}"
        seen[base] = seen.get(base, 0) + 1
        check_id = base if seen[base] == 1 else f"{base}#{seen[base]}"
        results.append(
            CheckResult(
                check_id,
                lint.severity,
                lint.title,
                lint.section,
                Msg.joined(
                    "\n", [text for text in (lint.detail, Msg("clients: {names}", names=", ".join(names))) if text]
                ),
                lint.fix,
                {"clients": names, "provider": provider, "problem": lint.key},
            )
        )
    return results


def _model_lints(model: str, cloud: CloudSetup) -> list[CloudLint]:
    from claude_doctor.checks.resolve.cloud import (
        CloudLint,
        bedrock_model_lints,
        mantle_model_lints,
        vertex_model_lints,
    )

    source = Msg("--model")
    region = cloud.region.value if cloud.region else None
    if cloud.provider == "bedrock":
        problems = bedrock_model_lints(model, region, source)
    elif cloud.provider == "mantle":
        problems = mantle_model_lints(model, source)
    elif cloud.provider == "vertex":
        problems = vertex_model_lints(model, region, source)
    else:
        problems = []
    return [CloudLint("models", severity, title, fix=(fix,)) for severity, title, fix in problems]


def check_cloud_helpers(state: LocalState) -> list[CheckResult]:
    """The programs cloud settings name, for the clouds in use: what they printed, or why they were not run."""
    providers = {cloud.provider for _client, cloud in cloud_clients(state)}
    results: list[CheckResult] = []
    aws = bool(providers & {"bedrock", "mantle"})
    for helper in state.inv.clouds.helpers:
        if helper.name in {"awsAuthRefresh", "awsCredentialExport"} and not aws:
            continue
        if helper.name == "gcpAuthRefresh" and "vertex" not in providers:
            continue
        command = Msg("command: {command}", command=helper.value)
        if helper.name != "awsCredentialExport":
            results.append(
                CheckResult(
                    f"cloud.helper.{helper.name}",
                    "skip",
                    Msg("{setting} not run ({where})", setting=helper.name, where=helper.where),
                    CREDENTIALS,
                    Msg.joined(
                        "\n",
                        [
                            command,
                            Msg(
                                "Claude Code runs it when the cloud credential has expired, to renew the files it "
                                "reads; this tool only reads, so it never runs it"
                            ),
                        ],
                    ),
                )
            )
            continue
        results.append(_run_result(state, f"cloud.helper.{helper.name}", helper.name, helper.value, helper.where))
    for client, cloud in cloud_clients(state):
        credential = cloud.aws
        if credential is None or credential.kind != "process" or credential.command is None:
            continue
        check_id = "cloud.helper.credential_process"
        if any(r.id == check_id for r in results):
            continue
        results.append(
            _run_result(state, check_id, "credential_process", credential.command, credential.source, client.name)
        )
    return results


def _run_result(
    state: LocalState, check_id: str, setting: str, command: str, where: str, client: str = ""
) -> CheckResult:
    run = state.inv.clouds.runs.get(command)
    shown = Msg("command: {command}", command=command)
    if run is None or not run.ran:
        why = run.problem if run is not None else Msg("not run")
        return CheckResult(
            check_id,
            "skip",
            Msg("{setting} not run ({where})", setting=setting, where=where),
            CREDENTIALS,
            Msg.joined("\n", [shown, why]),
            (Msg("run with --run-helpers to execute it and check what it prints"),) if "--run-helpers" in why else (),
        )
    if run.problem:
        return CheckResult(
            check_id,
            "fail",
            Msg("{setting} {problem}", setting=setting, problem=run.problem),
            CREDENTIALS,
            shown,
            (Msg("run the command by hand: it must print the credentials as JSON and exit 0"),),
        )
    expiration = run.values.get("Expiration")
    lines = [shown, Msg("key {key}", key=mask(run.values.get("AccessKeyId", "")))]
    if expiration:
        lines.append(Msg("expires {when}", when=expiration))
    return CheckResult(
        check_id,
        "ok",
        Msg("{setting} prints AWS credentials ({where})", setting=setting, where=where),
        CREDENTIALS,
        Msg.joined("\n", lines),
        data={"client": client} if client else {},
    )


def _setup_data(client: ClientSetup, cloud: CloudSetup) -> dict[str, Any]:
    return {
        "client": client.client,
        "provider": cloud.provider,
        "region": cloud.region.value if cloud.region else None,
        "region_source": cloud.region.source if cloud.region else None,
        "endpoint": cloud.endpoint,
        "credential": cloud.aws.kind if cloud.aws else cloud.google.kind if cloud.google else None,
        "project": cloud.project.value if cloud.project else None,
        "models": [m.value for m in cloud.models],
        "problems": len(cloud.lints),
    }
