"""``sakip-bot``: the admin command line (set the agency up, register officials, run the bot).

Settings are read when ``main()`` runs, never at import. Every message is in ``bot.texts``; a
refused action prints one Indonesian sentence to stderr and exits with 1, without a traceback.
Each group of commands has its module; ``parser`` puts them together."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from bot import texts
from bot.cli.common import Failure, normalise_nip, umask_setting, warn
from bot.cli.parser import build_parser
from bot.domain import errors

__all__ = ["build_parser", "main", "normalise_nip"]


def main(argv: list[str] | None = None) -> int:
    # The database, the evidence files and the archives are for the bot's user alone: every
    # file the program creates is 0600 and every folder 0700, whatever the shell's umask
    # (UMASK changes it, e.g. 027 for a backup user in the bot's group).
    os.umask(umask_setting())
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error already printed
        return stop.code if isinstance(stop.code, int) else 2
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        getattr(args, "help_parser", parser).print_help(sys.stderr)
        return 2
    try:
        return handler(args)
    except Failure as failure:
        warn(failure.message)
    except errors.WorkflowError as error:
        warn(texts.cli_error(error, user_id=getattr(args, "user_id", None)))
    return 1
