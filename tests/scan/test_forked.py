"""Work shared with forked copies: every task run once, results in task order, and a copy that fails costs time, not
answers."""

from __future__ import annotations

import os
import signal
import time

import pytest

from claude_doctor.scan import forked

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="no fork on this system")


def _slow_square(n: int) -> tuple[int, int]:
    time.sleep(0.01)  # long enough that every process gets some of the tasks
    return n * n, os.getpid()


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_back_in_task_order_and_the_work_is_shared(workers: int) -> None:
    seen: list[tuple[int, int]] = []
    results = forked.share(list(range(30)), _slow_square, workers, seen.append)
    assert [square for square, _pid in results] == [n * n for n in range(30)]
    assert sorted(seen) == sorted(results)  # each result reported once
    assert len({pid for _square, pid in results}) == workers
    assert os.getpid() in {pid for _square, pid in results}  # this process works too


@pytest.mark.parametrize("how", ["raises", "killed"])
def test_a_failing_copy_has_its_tasks_run_again_here(how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    copies: list[int] = []
    fork = os.fork

    def recorded_fork() -> int:
        pid = fork()
        if pid:
            copies.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded_fork)

    def run(n: int) -> tuple[int, int]:
        if os.getpid() != parent and n >= 3:
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("a copy fails")
        return _slow_square(n)

    results = forked.share(list(range(12)), run, 2)
    assert [square for square, _pid in results] == [n * n for n in range(12)]
    assert len(copies) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(copies[0], os.WNOHANG)  # waited for already: no zombie left


def test_no_tasks_and_more_workers_than_tasks() -> None:
    assert forked.share([], _slow_square, 4) == []
    assert [square for square, _pid in forked.share([5], _slow_square, 4)] == [25]


def test_too_many_tasks_are_refused() -> None:
    with pytest.raises(ValueError, match="at most"):
        forked.share(list(range(forked.MAX_TASKS + 1)), _slow_square, 2)
