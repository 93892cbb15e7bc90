"""``run``, ``demo``, ``diagram``, and the master data: ``template master``, ``import master``."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from bot import texts
from bot.cli.common import Admin, Failure, database_failures, read_settings, today, warn
from bot.domain import errors
from bot.domain.errors import Reason


def cmd_diagram(args: argparse.Namespace) -> int:
    from bot.domain.sop import mermaid

    print(mermaid(), end="")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    settings = read_settings()
    if args.webhook:
        if not args.webhook.startswith(("https://", "http://")):
            raise Failure(texts.cli_bad_webhook(args.webhook))
        settings = settings.model_copy(update={"webhook_url": args.webhook})
    from bot.app import run

    with database_failures():
        return run(settings)


def cmd_demo(args: argparse.Namespace) -> int:
    # The demo plays against the Bot API stand-in, which is development support: it lives in
    # the source checkout (standin/), not in the installed package.
    try:
        from standin.demo import main as demo_main
    except ModuleNotFoundError as missing:
        if missing.name is None or missing.name.split(".")[0] != "standin":
            raise
        raise Failure(texts.CLI_DEMO_NEEDS_SOURCE) from None
    return demo_main(args.out)


def cmd_template_master(args: argparse.Namespace) -> int:
    from bot.sample_data.master_sample import DIVISIONS, sample_master
    from reports.master_template import master_template

    if args.sample:
        year = args.year or today().year
        divisions = list(DIVISIONS)
        data = sample_master(year)
        out = args.out or Path(texts.MASTER_SAMPLE_FILENAME.format(year=year))
    else:
        try:  # the agency's Bidang make a drop-down list; the template works without them
            divisions = Admin.open(args).division_names()
        except errors.InvalidInput as error:
            if error.params.get("reason") != Reason.NO_AGENCY:
                raise  # several agencies, or a wrong code: the list would be another's
            divisions = []
        except (Failure, SQLAlchemyError):
            divisions = []
        data = master_template(year=args.year, divisions=divisions)
        out = args.out or Path(texts.MASTER_TEMPLATE_FILENAME)
    try:
        out.write_bytes(data)
    except OSError:
        raise Failure(texts.cli_master_cannot_write(str(out))) from None
    print(texts.cli_master_template_written(str(out), args.sample, divisions))
    return 0


def cmd_import_master(args: argparse.Namespace) -> int:
    from bot.services import master_data

    try:
        data = args.file.read_bytes()
    except OSError:
        raise Failure(texts.cli_master_file_missing(str(args.file))) from None
    admin = Admin.open(args)
    try:
        summary = master_data.import_master(admin.ctx, data, year=args.year,
                                            agency_code=admin.agency_code,
                                            source_name=args.file.name)
    except master_data.MasterDataInvalid as invalid:
        warn(texts.master_invalid([str(p) for p in invalid.problems], args.file.name))
        return 1
    print(summary.text())
    return 0
