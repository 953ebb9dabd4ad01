"""A fake Claude status page on loopback: `/api/v2/summary.json` in the shape of an Atlassian Statuspage (the service
behind status.claude.com), with the state and incidents a test asks for. `check` reads it through
`CLAUDE_DOCTOR_STATUS_URL`, so no test ever reaches the real page."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PAGE_ID = "tymt9n04zgry"  # status.claude.com's page id (reference: clients-clouds-relays.md §d)
API_COMPONENT = ("k8w3r06qmzrp", "Claude API (api.anthropic.com)")
DESCRIPTIONS = {
    "none": "All Systems Operational",
    "minor": "Partially Degraded Service",
    "major": "Partial System Outage",
    "critical": "Major System Outage",
}


@dataclass(frozen=True)
class FakeIncident:
    name: str
    status: str = "investigating"  # investigating, identified, monitoring, resolved
    impact: str = "major"


@dataclass
class FakeStatusPage:
    indicator: str = "none"
    incidents: list[FakeIncident] = field(default_factory=list)
    api_status: str = "operational"  # operational, degraded_performance, partial_outage, major_outage
    hits: int = 0

    def summary(self) -> dict[str, Any]:
        now = "2026-11-25T12:00:00.000Z"
        component = {
            "id": API_COMPONENT[0],
            "name": API_COMPONENT[1],
            "status": self.api_status,
            "group": False,
            "only_show_if_degraded": False,
        }
        return {
            "page": {"id": PAGE_ID, "name": "Claude", "url": "https://status.claude.com", "updated_at": now},
            "status": {"indicator": self.indicator, "description": DESCRIPTIONS.get(self.indicator, self.indicator)},
            "components": [component],
            "incidents": [
                {
                    "id": f"inc{index}",
                    "name": incident.name,
                    "status": incident.status,
                    "impact": incident.impact,
                    "shortlink": f"https://stspg.io/inc{index}",
                    "started_at": now,
                    "updated_at": now,
                    "components": [component],
                }
                for index, incident in enumerate(self.incidents)
            ],
            "scheduled_maintenances": [],
        }


@contextmanager
def status_page(page: FakeStatusPage | None = None) -> Iterator[tuple[str, FakeStatusPage]]:
    """(summary URL, the page) served on a free loopback port until the block ends."""
    served = page or FakeStatusPage()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.hits += 1
            if self.path.split("?", 1)[0] != "/api/v2/summary.json":
                self.send_response(404)
                self.send_header("content-length", "0")
                self.end_headers()
                return
            data = json.dumps(served.summary()).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v2/summary.json", served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
