"""Work shared out to forked processes (core/forked.py) gives what one process gives: the same
results in the same order, shared objects back as the very same objects, a failure raised here."""

from __future__ import annotations

from pathlib import Path

import pytest

import corpus
from jixiao.core.collection import load_collection
from jixiao.core.forked import ForkedWorkError, fork_map


class Shared:
    def __init__(self, name):
        self.name = name


def test_results_come_back_in_order_and_shared_objects_as_themselves():
    shared = [Shared("a"), Shared("b")]
    items = list(range(10))
    results = fork_map(lambda n: {"n": n * n, "shared": shared[n % 2]}, items, jobs=3, shared=shared, smallest_share=2)
    assert [r["n"] for r in results] == [n * n for n in items]
    assert all(r["shared"] is shared[n % 2] for n, r in zip(items, results))


def test_a_failure_in_another_process_is_raised_with_its_traceback():
    import os
    import time

    here = os.getpid()

    def fail_there(n):
        if os.getpid() == here:
            time.sleep(0.1)  # slow here, so that the other process takes items too
            return n
        raise ValueError(f"第 {n} 项坏了")

    with pytest.raises(ForkedWorkError, match=r"第 \d+ 项坏了"):
        fork_map(fail_there, list(range(10)), jobs=2, smallest_share=2)


def test_results_are_taken_while_the_other_process_still_works(tmp_path: Path):
    """This process reads another's results as they come: the other's second item waits until its
    first result has been taken here, and fails if that only happens once it has ended."""
    import os
    import time

    here = os.getpid()
    taken = tmp_path / "taken"
    done_there = []

    def work(n):
        if os.getpid() == here:
            time.sleep(0.2)  # slow here, so that the other process takes items too
        else:
            if done_there:
                deadline = time.monotonic() + 20
                while not taken.exists():
                    if time.monotonic() > deadline:
                        raise RuntimeError("结果要等这个进程结束才被取走")
                    time.sleep(0.01)
            done_there.append(n)
        return n, os.getpid()

    def keep(result):
        if result[1] != here:  # a result of the other process
            taken.touch()
        return result

    results = fork_map(work, list(range(6)), jobs=2, smallest_share=2, keep=keep)
    assert [n for n, _ in results] == list(range(6))
    assert len({pid for _, pid in results}) == 2  # both processes took items


def test_items_go_to_whichever_process_is_free():
    """A process slowed down takes fewer items: none is left with half of the work."""
    import os
    import time

    here = os.getpid()

    def work(n):
        time.sleep(0.05 if os.getpid() == here else 0.005)
        return os.getpid()

    pids = fork_map(work, list(range(200)), jobs=2, smallest_share=2)
    assert 0 < pids.count(here) < 60


def test_an_error_here_leaves_no_other_process_behind():
    import os
    import time

    here = os.getpid()
    others = []

    def keep(result):
        n, pid = result
        if pid != here:  # a result of the other process, which is still at work
            others.append(pid)
            raise ValueError("无法保存")
        return result

    done_there = []

    def slow_after_the_first(n):
        if os.getpid() == here:
            time.sleep(0.2)  # slow here, so that the other process takes items too
        elif done_there:
            time.sleep(30)
        done_there.append(n)
        return n, os.getpid()

    with pytest.raises(ValueError, match="无法保存"):
        fork_map(slow_after_the_first, list(range(10)), jobs=2, smallest_share=2, keep=keep)
    with pytest.raises(ChildProcessError):
        os.waitpid(others[0], os.WNOHANG)  # ended and reaped, not left running for 30 s


def test_small_work_stays_in_this_process():
    import os

    assert fork_map(lambda _: os.getpid(), [1, 2, 3], jobs=4) == [os.getpid()] * 3


def test_records_read_by_two_processes_are_the_records_read_by_one(tmp_path: Path):
    corpus.write_corpus(240, tmp_path, seed=3)
    (tmp_path / "reports" / "notes.txt").write_text("不是记录", encoding="utf-8")  # refused, in its place
    one = load_collection(tmp_path / "reports", base=tmp_path, jobs=1)
    two = load_collection(tmp_path / "reports", base=tmp_path, jobs=2)
    assert len(two.analyses) == 241
    assert [a.path for a in two.analyses] == [a.path for a in one.analyses]
    for first, second in zip(one.analyses, two.analyses):
        assert second.report == first.report
        assert repr(second.computed) == repr(first.computed)
        assert [vars(f) for f in second.findings] == [vars(f) for f in first.findings]
        assert second.scheme is None or any(second.scheme is s for s in two.schemes.values())
    assert two.summary() == one.summary()


def test_records_from_other_processes_share_field_sets_and_amounts_with_this_ones(tmp_path: Path):
    """record/compact.py shares them as a record is read; coming back from a child they must
    be the same objects again, or every record brought back holds its own copies."""
    corpus.write_corpus(240, tmp_path, seed=3)
    reports = [a.report for a in load_collection(tmp_path / "reports", base=tmp_path, jobs=2).analyses]
    field_sets = [row.__pydantic_fields_set__ for report in reports for row in report.indicators]
    amounts = [row.weight for report in reports for row in report.indicators if row.weight is not None]
    # Read on both sides of the fork: the first records here, the last in the other process.
    assert len(field_sets) > 1000 and len(amounts) > 1000
    assert len({id(names) for names in field_sets}) == len(set(field_sets))
    assert len({id(amount) for amount in amounts}) == len({str(amount) for amount in amounts})
