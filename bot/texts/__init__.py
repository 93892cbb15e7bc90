"""Every user-facing string, in Bahasa Indonesia: short, polite, and in one package, a module
per audience: ``chat`` (what officials read), ``refusals`` (why something was refused),
``cli`` (the admin at the command line), ``master`` (the master-data workbook) and ``archive``
(a closed cycle's archive). ``from bot import texts`` gives every one: ``texts.BTN_BEGIN``."""

from bot.texts.archive import *  # noqa: F403
from bot.texts.chat import *  # noqa: F403
from bot.texts.cli import *  # noqa: F403
from bot.texts.master import *  # noqa: F403
from bot.texts.refusals import *  # noqa: F403
