"""Request and response bodies of LLM Guard API 0.0.10, field for field (names, titles, defaults), so its
clients and its OpenAPI description carry over unchanged."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = [
    "AnalyzeOutputRequest",
    "AnalyzeOutputResponse",
    "AnalyzePromptRequest",
    "AnalyzePromptResponse",
    "ScanOutputRequest",
    "ScanOutputResponse",
    "ScanPromptRequest",
    "ScanPromptResponse",
]


class AnalyzePromptRequest(BaseModel):
    prompt: str = Field(title="Prompt")
    scanners_suppress: list[str] = Field(default_factory=list, title="Scanners to suppress")


class ScanPromptRequest(AnalyzePromptRequest):
    pass


class AnalyzeOutputRequest(BaseModel):
    prompt: str = Field(title="Prompt")
    output: str = Field(title="Model output")
    scanners_suppress: list[str] = Field(default_factory=list, title="Scanners to suppress")


class ScanOutputRequest(AnalyzeOutputRequest):
    pass


class ScanPromptResponse(BaseModel):
    is_valid: bool = Field(title="Whether the prompt is safe")
    scanners: dict[str, float] = Field(title="Risk scores of individual scanners")


class AnalyzePromptResponse(ScanPromptResponse):
    sanitized_prompt: str = Field(title="Sanitized prompt")


class ScanOutputResponse(BaseModel):
    is_valid: bool = Field(title="Whether the output is safe")
    scanners: dict[str, float] = Field(title="Risk scores of individual scanners")


class AnalyzeOutputResponse(ScanOutputResponse):
    sanitized_output: str = Field(title="Sanitized output")
