"""Work shared between this process and forked copies of it, where the system can fork.

Tasks are handed out one at a time, in order, to whichever process asks first: a pipe holds one token per task, and a
read of a few bytes from a pipe is atomic, so no two processes take the same one. A core that other programs slow
down then takes fewer tasks, and this process works too instead of waiting. Starting copies this way costs a fork
each, not the tens of milliseconds of a `multiprocessing` pool (its import, its threads, its queues).

Each copy sends back what it did, pickled, once the tokens run out. A copy that fails sends nothing, and its tasks
are run again here, so the answer never depends on a copy having finished.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_TASKS = 8192  # tokens of 4 bytes, within a pipe's 64 KiB: writing them all never waits for a reader
_TOKEN = struct.Struct("<I")


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(os, "pipe")


def share(
    tasks: Sequence[T],
    run: Callable[[T], R],
    workers: int,
    on_result: Callable[[R], None] | None = None,
) -> list[R]:
    """`run` over every task, by this process and up to `workers - 1` forked copies; the results in task order.
    `on_result` sees each result as it reaches this process (in no set order)."""
    if len(tasks) > MAX_TASKS:
        raise ValueError(f"at most {MAX_TASKS} tasks")
    tokens, feed = os.pipe()
    try:
        os.write(feed, b"".join(_TOKEN.pack(i) for i in range(len(tasks))))
    finally:
        os.close(feed)
    results: dict[int, R] = {}
    children: list[tuple[int, int]] = []  # (pid, read end of its results pipe)
    try:
        for _ in range(min(workers, len(tasks)) - 1):
            child = _fork(tokens, tasks, run, [fd for _pid, fd in children])
            if child is None:
                break
            children.append(child)
        for index, result in _take(tokens, tasks, run):
            results[index] = result
            if on_result:
                on_result(result)
        while children:
            for index, result in _collect(*children[0]):
                results[index] = result
                if on_result:
                    on_result(result)
            children.pop(0)
    finally:
        os.close(tokens)
        for pid, fd in children:  # only when this process failed: stop the copies too
            _stop(pid, fd)
    for index, task in enumerate(tasks):
        if index not in results:  # its copy failed
            results[index] = run(task)
            if on_result:
                on_result(results[index])
    return [results[i] for i in range(len(tasks))]


def _take(tokens: int, tasks: Sequence[T], run: Callable[[T], R]) -> list[tuple[int, R]]:
    done = []
    while token := os.read(tokens, _TOKEN.size):
        (index,) = _TOKEN.unpack(token)
        done.append((index, run(tasks[index])))
    return done


def _fork(tokens: int, tasks: Sequence[T], run: Callable[[T], R], inherited: list[int]) -> tuple[int, int] | None:
    """A copy that takes tasks until none is left, then writes its results; None when the system will not fork."""
    out, back = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(out)
        os.close(back)
        return None
    if pid == 0:  # the copy: never returns, never runs this process's exit handlers or flushes its buffers
        code = 1
        try:
            os.close(out)
            for fd in inherited:
                os.close(fd)
            done = _take(tokens, tasks, run)
            with os.fdopen(back, "wb") as stream:
                pickle.dump(done, stream, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(back)
    return pid, out


def _collect(pid: int, fd: int) -> list[tuple[int, R]]:
    """What a copy did; nothing if it failed (its tasks are then run again)."""
    with os.fdopen(fd, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return []
    try:
        done: list[tuple[int, R]] = pickle.loads(data)
    except Exception:
        return []
    return done


def _stop(pid: int, fd: int) -> None:
    with contextlib.suppress(OSError):  # closed already, while its results were being read
        os.close(fd)
    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
