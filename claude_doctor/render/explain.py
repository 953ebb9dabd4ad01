"""`explain` for people: what one error (or each of several) means, whether waiting helps, and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Final

from claude_doctor.i18n import N_, Msg, plural, tr
from claude_doctor.model import Diagnosis
from claude_doctor.render.console import Canvas
from claude_doctor.render.layout import hang, numbered, prose

if TYPE_CHECKING:
    from rich.text import Text

# What an error passed through, for people; an id this table does not know is shown as it is.
VIA_NAMES: Final[dict[str, str]] = {
    "claude_code": N_("Claude Code"),
    "litellm": N_("LiteLLM"),
    "openrouter": N_("OpenRouter"),
    "router": N_("a router"),
    "relay": N_("a relay"),
    "gateway": N_("a gateway"),
    "proxy": N_("a proxy"),
    "bedrock": N_("Amazon Bedrock"),
    "vertex": N_("Google Vertex AI"),
}
# Whom to quote a request id to, by `request_id_kind`.
QUOTE_TO: Final[dict[str, str]] = {
    "anthropic": N_("quote it when you contact Anthropic support"),
    "aws": N_("quote it when you contact AWS support"),
    "vertex": N_("quote it when you contact Google Cloud support"),
    "relay": N_("quote it to whoever runs the relay"),
}


def _retryable(value: bool | None) -> str:
    if value is None:
        return N_("unknown")
    return N_("yes: the same request can succeed after waiting") if value else N_("no: waiting does not help")


def _sdk_retries(value: bool | None) -> str:
    if value is None:
        return N_("unknown")
    return N_("yes: the official SDKs retry it on their own") if value else N_("no: the official SDKs do not retry it")


def yes_no(value: bool | None) -> str:
    return N_("unknown") if value is None else (N_("yes") if value else N_("no"))


def yes_no_cell(value: bool | None, unknown: str = N_("unknown")) -> Text:
    """yes in green, no in red: whether waiting (or the SDK) helps, at a glance."""
    from rich.text import Text

    if value is None:
        return Text(tr(unknown), style="dim")
    return Text(tr(N_("yes")), style="green") if value else Text(tr(N_("no")), style="red")


def _schedule_text(diagnosis: Diagnosis, canvas: Canvas) -> str | None:
    schedule = diagnosis.sdk_schedule
    if not schedule:
        return None
    dash = canvas.fit("–")
    waits = Msg.joined(N_(", "), [f"{lo:g} s" if lo == hi else f"{lo:g}{dash}{hi:g} s" for lo, hi in schedule])
    text = plural(
        "{n} retry after a wait of {waits} (the Python SDK's defaults, max_retries=2)",
        "{n} retries after waits of {waits} (the Python SDK's defaults, max_retries=2)",
        n=len(schedule),
        waits=waits,
    )
    if diagnosis.retryable is False:
        return Msg("{schedule}; wasted, since this error does not clear by waiting", schedule=text)
    return text


def _status_text(diagnosis: Diagnosis) -> str | None:
    if diagnosis.status is None:
        return None
    if diagnosis.status_source == "inferred":
        return Msg("{status}, inferred: the error itself does not show it", status=diagnosis.status)
    return str(diagnosis.status)


def _via_text(diagnosis: Diagnosis, canvas: Canvas) -> str | None:
    if not diagnosis.via:
        return None
    arrow = f" {canvas.glyph('arrow')} "
    return Msg.joined(arrow, [VIA_NAMES.get(hop, hop) for hop in diagnosis.via])


_UNKNOWN_LINE = N_("The tool cannot tell whether this clears by waiting, or whether the SDKs retry it.")


def _request_id_text(diagnosis: Diagnosis) -> str | None:
    if not diagnosis.request_id:
        return None
    kind = diagnosis.request_id_kind or "anthropic"
    if any(hop in ("relay", "router", "openrouter") for hop in diagnosis.via):
        kind = "relay"  # behind a relay, only its operator can take an id further
    to = QUOTE_TO.get(kind, QUOTE_TO["anthropic"])
    return Msg("{request_id}: {advice}", request_id=diagnosis.request_id, advice=to)


def reset_text(reset_at: str | None, now: datetime | None = None) -> str | None:
    """When a limit lifts, in the local time zone: an ISO instant, or a clock time in a named zone (`17:00
    Europe/Paris`), which is read as its next occurrence."""
    if not reset_at:
        return None
    moment: datetime | None = None
    if reset_at[:1].isdigit() and "T" in reset_at:
        try:
            moment = datetime.fromisoformat(reset_at.replace("Z", "+00:00"))
        except ValueError:
            return reset_at
    else:
        clock, _, zone_name = reset_at.partition(" ")
        try:
            from zoneinfo import ZoneInfo

            if not zone_name:
                return Msg("{clock} local time", clock=clock)  # printed in the machine's own zone
            zone = ZoneInfo(zone_name) if zone_name != "UTC" else UTC
            hour, minute = (int(x) for x in clock.split(":"))
        except (ValueError, KeyError, OSError, ImportError):
            return reset_at
        current = (now or datetime.now(UTC)).astimezone(zone)
        moment = current.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if moment <= current:
            moment += timedelta(days=1)
    local = moment.astimezone()
    return Msg("{when} local time ({zone})", when=f"{local:%Y-%m-%d %H:%M}", zone=f"{local:%Z}")


def render_diagnosis(diagnosis: Diagnosis, canvas: Canvas) -> None:
    from rich.table import Table
    from rich.text import Text

    # `explain 200`: a status below 400 is not an error, and says so.
    not_an_error = diagnosis.source_shape == "term" and diagnosis.status is not None and diagnosis.status < 400
    recognised = diagnosis.category != "unknown"
    if not_an_error:
        status: str | None = "ok"
    else:
        status = "fail" if recognised and diagnosis.retryable is False else ("warn" if recognised else None)
    mark = canvas.glyph(status) if status else "?"
    hang(canvas, 0, "", Text(f"{mark} {diagnosis.title}", style="bold"))
    if diagnosis.meaning:
        hang(canvas, 0, "", prose(diagnosis.meaning, canvas))
    canvas.print()

    rows: list[tuple[str, str | None]] = [
        (N_("status"), _status_text(diagnosis)),
        (N_("error type"), diagnosis.error_type),
        (N_("error code"), diagnosis.error_code),
        (N_("category"), None if not_an_error else diagnosis.category),
        (N_("retryable"), None if not_an_error else _retryable(diagnosis.retryable)),
        (N_("SDK retries"), None if not_an_error else _sdk_retries(diagnosis.sdk_retries)),
        (N_("retry-after"), None if diagnosis.retry_after_s is None else f"{diagnosis.retry_after_s:g} s"),
        (N_("resets"), reset_text(diagnosis.reset_at)),
        (N_("SDK schedule"), _schedule_text(diagnosis, canvas)),
        (N_("came through"), _via_text(diagnosis, canvas)),
        (N_("request id"), _request_id_text(diagnosis)),
        (N_("message"), diagnosis.message),
    ]
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        if value:
            table.add_row(tr(label), Text(tr(value)))
    canvas.print(table)
    if recognised and not not_an_error and diagnosis.retryable is None:
        hang(canvas, 0, "", prose(tr(_UNKNOWN_LINE), canvas))

    if diagnosis.fix:
        canvas.print()
        canvas.print(Text(tr(N_("Fix:")), style="bold"))
        numbered(canvas, diagnosis.fix, 2)
    if diagnosis.notes:
        canvas.print()
        canvas.print(Text(tr(N_("Notes:")), style="bold"))
        for note in diagnosis.notes:
            hang(canvas, 2, canvas.glyph("warn"), prose(note, canvas), marker_style="yellow")


def render_diagnoses(diagnoses: Sequence[Diagnosis], canvas: Canvas) -> None:
    """One error, or each of several found in one paste, in the order they came."""
    from rich.text import Text

    for n, diagnosis in enumerate(diagnoses, 1):
        if len(diagnoses) > 1:
            if n > 1:
                canvas.print()
            canvas.print(Text(tr(Msg("Error {n} of {total}", n=n, total=len(diagnoses))), style="bold underline"))
        render_diagnosis(diagnosis, canvas)
