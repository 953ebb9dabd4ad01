"""Running the remote checks under the run's deadline: each worker in a daemon thread, and the report waits for them
no longer than `--timeout`. A worker still busy then gets a line that names what it was waiting on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from claude_doctor.catalog import diagnose
from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.resolve.fixes import host_fixes
from claude_doctor.i18n import Msg
from claude_doctor.model import CheckResult


@dataclass
class Progress:
    """What each worker is waiting on, for the spinner and for the line written when the deadline passes."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    # worker → (what, section, id prefix, the network failure kind if the deadline passes while waiting on it)
    waiting: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    results: dict[str, list[CheckResult]] = field(default_factory=dict)

    def now(
        self, worker: str, what: str, section: str = "Network", id_prefix: str = "network", kind: str = "read_timeout"
    ) -> None:
        with self.lock:
            self.waiting[worker] = (what, section, id_prefix, kind)

    def add(self, worker: str, result: CheckResult) -> None:
        with self.lock:
            self.results.setdefault(worker, []).append(result)


# (progress, seconds remaining) → None; results go to progress under the worker's name.
Work = Callable[[Progress, Callable[[], float]], None]


@dataclass(frozen=True)
class Worker:
    name: str  # its key in Progress, and `<name>.internal` when it raises
    work: Work
    section: str  # the report section of its lines when nothing more precise is known
    id_prefix: str  # `<id_prefix>.deadline` when the deadline passes first
    suffix: str = ""  # appended to the ids it adds here (`#2` for a second route)
    host: str = ""  # the endpoint's host, named in fixes instead of api.anthropic.com


def run_workers(
    ctx: CheckContext, workers: Sequence[Worker], on_wait: Callable[[str], None] | None = None
) -> list[CheckResult]:
    """Every worker's results in the order given; `on_wait` hears what they wait on, about ten times a second."""
    progress = Progress()
    threads = {
        worker.name: threading.Thread(target=_guard, args=(worker, ctx, progress), daemon=True) for worker in workers
    }
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        while thread.is_alive() and ctx.remaining() > 0:
            thread.join(timeout=min(0.1, ctx.remaining()))
            if on_wait is not None:
                with progress.lock:
                    on_wait(" · ".join(what for what, _s, _p, _k in progress.waiting.values()))
    results: list[CheckResult] = []
    with progress.lock:
        for worker in workers:
            results += progress.results.get(worker.name, [])
            if threads[worker.name].is_alive():
                what, section, prefix, kind = progress.waiting.get(
                    worker.name, (Msg("an answer"), worker.section, worker.id_prefix, "read_timeout")
                )
                d = diagnose(network=kind, message=Msg("still waiting on {what}", what=what), source_shape="check")
                results.append(
                    CheckResult(
                        f"{prefix}.deadline{worker.suffix}",
                        "fail",
                        Msg(
                            "Still waiting on {what} when --timeout ({seconds} s) ran out",
                            what=what,
                            seconds=f"{ctx.timeout:g}",
                        ),
                        section,
                        d.meaning,
                        host_fixes(d.fix, worker.host),
                        {"diagnosis": d.to_json()},
                    )
                )
    return results


def _guard(worker: Worker, ctx: CheckContext, progress: Progress) -> None:
    try:
        worker.work(progress, ctx.remaining)
    except Exception as exc:
        if ctx.options.debug:
            import traceback

            traceback.print_exc()
        progress.add(
            worker.name,
            CheckResult(
                f"{worker.name}.internal",
                "fail",
                Msg("internal error: {error}", error=f"{type(exc).__name__}: {exc}"),
                worker.section,
                fix=(Msg("run again with --debug and report it"),),
            ),
        )
