"""A local stand-in for the Telegram Bot API with simulated users, for tests and demos."""

from standin.faults import (
    FaultKind,
    FaultPlan,
    FaultRecord,
    FaultSummary,
    parse_fault_plan,
    summarize_faults,
)
from standin.files import StoredFile, tiny_png
from standin.models import (
    ApiCall,
    ApiError,
    ButtonNotFound,
    CallbackQueryRecord,
    MessageEdit,
    SentMessage,
    TranscriptEvent,
)
from standin.server import BotApiStandIn
from standin.users import SimulatedUser

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
