"""palisade.providers: the provider interface, the offline engine and the scripted test double."""

from palisade.providers.base import (
    Completion,
    GenerationOptions,
    Message,
    Provider,
    Role,
    StreamEvent,
    TextDelta,
    ToolCall,
    ToolSpec,
    Usage,
)
from palisade.providers.offline import OfflineProvider
from palisade.providers.scripted import ScriptedProvider

__all__ = [
    "Completion",
    "GenerationOptions",
    "Message",
    "OfflineProvider",
    "Provider",
    "Role",
    "ScriptedProvider",
    "StreamEvent",
    "TextDelta",
    "ToolCall",
    "ToolSpec",
    "Usage",
]
