"""Running the remote checks under the run's deadline: each worker in a daemon thread, and the report waits for them
no longer than `--timeout`. A worker still busy then gets a line that names what it was waiting on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from claude_doctor.catalog import diagnose
from claude_doctor.checks.state import LocalState
from claude_doctor.model import CheckResult


@dataclass
class Progress:
    """What each worker is waiting on, for the spinner and for the line written when the deadline passes."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    waiting: dict[str, str] = field(default_factory=dict)
    results: dict[str, list[CheckResult]] = field(default_factory=dict)

    def now(self, worker: str, what: str) -> None:
        with self.lock:
            self.waiting[worker] = what

    def add(self, worker: str, result: CheckResult) -> None:
        with self.lock:
            self.results.setdefault(worker, []).append(result)


# (state, url, progress, seconds remaining) → None; results go to progress under the worker's name.
Work = Callable[[LocalState, str, Progress, Callable[[], float]], None]


@dataclass(frozen=True)
class Worker:
    name: str  # its key in Progress, and `<name>.internal` when it raises
    work: Work
    section: str  # the report section of its own lines
    id_prefix: str  # `<id_prefix>.deadline` when the deadline passes first


def run_workers(
    state: LocalState, url: str, workers: Sequence[Worker], on_wait: Callable[[str], None] | None = None
) -> list[CheckResult]:
    """Every worker's results in the order given; `on_wait` hears what they wait on, about ten times a second."""
    progress = Progress()
    threads = {
        worker.name: threading.Thread(target=_guard, args=(worker, state, url, progress), daemon=True)
        for worker in workers
    }
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        while thread.is_alive() and state.ctx.remaining() > 0:
            thread.join(timeout=min(0.1, state.ctx.remaining()))
            if on_wait is not None:
                with progress.lock:
                    on_wait(" · ".join(progress.waiting.values()))
    results: list[CheckResult] = []
    with progress.lock:
        for worker in workers:
            results += progress.results.get(worker.name, [])
            if threads[worker.name].is_alive():
                waiting = progress.waiting.get(worker.name, "an answer")
                d = diagnose(network="read_timeout", message=f"still waiting on {waiting}", source_shape="check")
                results.append(
                    CheckResult(
                        f"{worker.id_prefix}.deadline",
                        "fail",
                        f"Still waiting on {waiting} when --timeout ({state.ctx.timeout:g} s) ran out",
                        worker.section,
                        d.meaning,
                        d.fix,
                        {"diagnosis": d.to_json()},
                    )
                )
    return results


def _guard(worker: Worker, state: LocalState, url: str, progress: Progress) -> None:
    try:
        worker.work(state, url, progress, state.ctx.remaining)
    except Exception as exc:
        progress.add(
            worker.name,
            CheckResult(
                f"{worker.name}.internal",
                "fail",
                f"internal error: {type(exc).__name__}: {exc}",
                worker.section,
                fix=("run again with --debug and report it",),
            ),
        )
