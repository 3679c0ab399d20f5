"""palisade.storage: conversations, proposals, pull requests and the audit trail."""

from palisade.storage.db import Store
from palisade.storage.records import (
    AuditEventRecord,
    ConversationRecord,
    GuardDecisionRecord,
    MessageRecord,
    ProposalRecord,
    PullRequestRecord,
)

__all__ = [
    "AuditEventRecord",
    "ConversationRecord",
    "GuardDecisionRecord",
    "MessageRecord",
    "ProposalRecord",
    "PullRequestRecord",
    "Store",
]
