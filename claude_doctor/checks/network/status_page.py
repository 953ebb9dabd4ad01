"""Claude's public status page, asked when the API answers with a server error that retrying did not cure: its current
state and open incidents, from its JSON feed (an Atlassian Statuspage, `/api/v2/summary.json`), with a bounded wait.

`CLAUDE_DOCTOR_STATUS_URL` replaces the feed's address (tests point it at a loopback server). A green page proves
nothing about this machine: levels are set by people and lag, and 529s are reported while the page is green, so the
report never concludes "it is your setup" from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claude_doctor.i18n import Msg

STATUS_URL = "https://status.claude.com/api/v2/summary.json"
STATUS_URL_VARIABLE = "CLAUDE_DOCTOR_STATUS_URL"
MAX_WAIT = 3.0
MAX_BYTES = 512 * 1024
OPEN = ("investigating", "identified", "monitoring", "verifying", "in_progress")


@dataclass(frozen=True)
class Incident:
    name: str
    status: str  # investigating, identified, monitoring
    impact: str  # none, minor, major, critical
    link: str
    updated: str


@dataclass(frozen=True)
class StatusPage:
    url: str
    indicator: str | None = None  # none, minor, major, critical, maintenance
    description: str = ""  # "All Systems Operational", "Partial System Outage"
    incidents: tuple[Incident, ...] = ()
    degraded: tuple[tuple[str, str], ...] = ()  # (component, status) of components not operational
    error: str | None = None  # why the page could not be read


def status_url(env: Mapping[str, str]) -> str:
    return env.get(STATUS_URL_VARIABLE) or STATUS_URL


def fetch_status(env: Mapping[str, str], proxy: str | None, timeout: float) -> StatusPage:
    """The page's state, or why it could not be read, within `timeout` seconds (at most MAX_WAIT)."""
    import json
    import time

    import httpx

    url = status_url(env)
    wait = max(0.05, min(MAX_WAIT, timeout))
    deadline = time.monotonic() + wait
    try:
        with (
            httpx.Client(proxy=proxy, trust_env=False, follow_redirects=True, timeout=wait) as client,
            client.stream("GET", url, headers={"user-agent": "claude-doctor"}) as response,
        ):
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_BYTES or time.monotonic() > deadline:
                    return StatusPage(url, error=Msg("the answer was cut after {size} bytes", size=size))
            if response.status_code != 200:
                return StatusPage(url, error=Msg("HTTP {status}", status=response.status_code))
            doc = json.loads(b"".join(chunks).decode("utf-8", "replace"))
    except (httpx.HTTPError, ValueError, OSError) as exc:
        return StatusPage(url, error=f"{type(exc).__name__}: {exc}"[:200])
    return parse_summary(url, doc)


def parse_summary(url: str, doc: Any) -> StatusPage:
    """A Statuspage `summary.json`, read defensively: a field that is missing or odd is left out, never raised on."""
    if not isinstance(doc, dict):
        return StatusPage(url, error=Msg("not a status page summary"))
    status: dict[str, Any] = doc["status"] if isinstance(doc.get("status"), dict) else {}
    incidents = []
    for item in doc.get("incidents") or []:
        if isinstance(item, dict) and str(item.get("status", "")) in OPEN:
            incidents.append(
                Incident(
                    str(item.get("name", ""))[:200],
                    str(item.get("status", "")),
                    str(item.get("impact", "")),
                    str(item.get("shortlink") or ""),
                    str(item.get("updated_at") or ""),
                )
            )
    degraded = tuple(
        (str(c.get("name", ""))[:120], str(c.get("status", "")))
        for c in doc.get("components") or []
        if isinstance(c, dict) and c.get("status") not in (None, "operational") and not c.get("group")
    )
    return StatusPage(
        url,
        str(status.get("indicator")) if status.get("indicator") is not None else None,
        str(status.get("description") or "")[:200],
        tuple(incidents[:5]),
        degraded[:8],
    )
