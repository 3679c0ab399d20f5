"""palisade.providers: the provider interface, the offline engine, the scripted test double and the
chat-completions providers (OpenAI, Azure OpenAI, OpenAI-compatible) with retries and a circuit breaker."""

from palisade.providers.azure_openai import AzureOpenAIProvider
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
from palisade.providers.chat_completions import ChatCompletionsProvider
from palisade.providers.compatible import OpenAICompatibleProvider
from palisade.providers.offline import OfflineProvider
from palisade.providers.openai import OpenAIProvider
from palisade.providers.resilience import CircuitBreaker, ResilientProvider, RetryPolicy
from palisade.providers.scripted import ScriptedProvider

__all__ = [
    "AzureOpenAIProvider",
    "ChatCompletionsProvider",
    "CircuitBreaker",
    "Completion",
    "GenerationOptions",
    "Message",
    "OfflineProvider",
    "OpenAICompatibleProvider",
    "OpenAIProvider",
    "Provider",
    "ResilientProvider",
    "RetryPolicy",
    "Role",
    "ScriptedProvider",
    "StreamEvent",
    "TextDelta",
    "ToolCall",
    "ToolSpec",
    "Usage",
]
