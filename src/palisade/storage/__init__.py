"""palisade.storage: conversations, proposals, pull requests and the audit trail."""

from palisade.storage.db import Store
from palisade.storage.records import (
    ApiTokenRecord,
    AuditEventRecord,
    ConversationRecord,
    FeedbackRecord,
    GuardDecisionRecord,
    MessageRecord,
    ProposalRecord,
    PullRequestRecord,
    UserRecord,
)

__all__ = [
    "ApiTokenRecord",
    "AuditEventRecord",
    "ConversationRecord",
    "FeedbackRecord",
    "GuardDecisionRecord",
    "MessageRecord",
    "ProposalRecord",
    "PullRequestRecord",
    "Store",
    "UserRecord",
]
