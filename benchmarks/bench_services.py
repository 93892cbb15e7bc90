"""CPU per service call on step 4's hot path, without Telegram.

Run from the repository root::

    python -m benchmarks.bench_services [--users 200] [--sample 7] [--repeat 4]

``bench_updates`` measures the whole bot, and on a 2-core machine that also runs the stand-in
and the officials its figures move by 10-15 % from one run to the next. This one measures
only the services an update of its mix calls, one at a time in this process, in CPU time:
small changes to the database layer show here first, and the same commit gives the same
figures within a few per cent.

Setup (not timed): the agency of ``bench_updates`` (the Sekretariat and ``--users``/4
Bidang, 16 indicators each, this quarter's cycle at step 4) in a SQLite file in a temporary
folder, the garbage collector set as the running bot sets it (``bot.heap.settle``).

Timed: for every ``--sample``-th official, each service as their update would call it, in
the mix's order; per service the best of ``--repeat`` rounds, in ms of CPU per call.
``save_value`` types a figure (as the same each round: the save and its audit still run).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import col, select

from benchmarks.bench_updates import FIRST_STAFF_ID, prepare_agency
from bot import heap
from bot.domain.sop import StepKey
from bot.services import identity, realization, tasks
from storage.models import Indicator, User

Call = Callable[[int, int, int, int], object]  # (telegram id, user id, run id, indicator id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--sample", type=int, default=7, help="every n-th official")
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        agency = prepare_agency(Path(folder), args.users)
        ctx = agency.ctx
        officials = []
        with ctx.transaction() as session:
            for telegram_id in range(FIRST_STAFF_ID, FIRST_STAFF_ID + args.users, args.sample):
                user = session.exec(select(User).where(col(User.telegram_id) == telegram_id)
                                    ).one()
                code = agency.indicators[telegram_id][0]
                indicator = session.exec(select(Indicator).where(col(Indicator.code) == code)
                                         ).one()
                assert user.id is not None and indicator.id is not None
                officials.append((telegram_id, user.id, indicator.id))
        runs = {user_id: next(t.run_id for t in tasks.open_tasks(ctx, user_id)
                              if t.step is StepKey.FILL_IN) for _, user_id, _ in officials}
        calls: dict[str, Call] = {
            "whoami": lambda tg, user, run, item: identity.whoami(ctx, tg),
            "open_tasks (/tugas)": lambda tg, user, run, item: tasks.open_tasks(ctx, user),
            "part_sheet (task pressed)":
                lambda tg, user, run, item: realization.part_sheet(ctx, user, run),
            "part_item (indicator pressed)":
                lambda tg, user, run, item: realization.part_item(ctx, user, run, item),
            "save_value (figure typed)":
                lambda tg, user, run, item: realization.save_value(ctx, user, run, item, "12"),
            "cycle_status (/status)": lambda tg, user, run, item: tasks.cycle_status(ctx, user),
        }
        heap.settle()
        print(f"{len(officials)} officials of {args.users}, best of {args.repeat} rounds, "
              "ms of CPU per call")
        for name, call in calls.items():
            best = float("inf")
            for _ in range(args.repeat):
                started = time.process_time()
                for telegram_id, user_id, indicator_id in officials:
                    call(telegram_id, user_id, runs[user_id], indicator_id)
                best = min(best, (time.process_time() - started) / len(officials))
            print(f"  {name:<30} {best * 1000:6.2f}")


if __name__ == "__main__":
    main()
