"""A local stand-in for the Telegram Bot API with simulated users, for tests and demos."""

from bot.standin.faults import (
    FaultKind,
    FaultPlan,
    FaultRecord,
    FaultSummary,
    parse_fault_plan,
    summarize_faults,
)
from bot.standin.files import StoredFile, tiny_png
from bot.standin.models import (
    ApiCall,
    ApiError,
    ButtonNotFound,
    CallbackQueryRecord,
    MessageEdit,
    SentMessage,
    TranscriptEvent,
)
from bot.standin.server import BotApiStandIn
from bot.standin.users import SimulatedUser

__all__ = [
    "ApiCall",
    "ApiError",
    "BotApiStandIn",
    "ButtonNotFound",
    "CallbackQueryRecord",
    "FaultKind",
    "FaultPlan",
    "FaultRecord",
    "FaultSummary",
    "MessageEdit",
    "SentMessage",
    "SimulatedUser",
    "StoredFile",
    "TranscriptEvent",
    "parse_fault_plan",
    "summarize_faults",
    "tiny_png",
]
