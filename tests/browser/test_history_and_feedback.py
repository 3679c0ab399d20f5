"""The conversation list (search over titles and message text, open, delete, new chat), 👍/👎 feedback
with a comment, and the keyboard: Enter sends, Shift+Enter adds a line, shortcuts move focus."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.browser.support import playwright_sync_api

expect = playwright_sync_api().expect


def send(page: Any, text: str) -> Any:
    before = page.locator("article.msg.assistant").count()
    box = page.get_by_label("Your message")
    box.fill(text)
    box.press("Enter")
    reply = page.locator("article.msg.assistant").nth(before)
    expect(reply).to_have_attribute("aria-busy", "false", timeout=60_000)
    return reply


def conversation_item(page: Any, title_part: str) -> Any:
    return page.locator("#conversations li").filter(has_text=title_part)


def test_search_open_and_delete_conversations(page: Any, live: Any, browser_log: Any) -> None:
    tag = uuid.uuid4().hex[:6]
    page.goto("/")
    # Conversation A: its title holds the tag. Conversation B: only a later message does.
    send(page, f"I need a private encrypted S3 bucket for team-{tag}")
    first = page.url.split("#c=")[1]
    page.get_by_role("button", name="+ New chat").click()
    send(page, "I need a private encrypted S3 bucket")
    send(page, f"wombat-{tag}")
    second = page.url.split("#c=")[1]
    assert first != second

    search = page.get_by_role("searchbox", name="Search conversations")
    search.fill(f"team-{tag}")
    expect(page.locator("#conversations li")).to_have_count(1)
    expect(page.locator(f'#conversations li[data-id="{first}"]')).to_be_visible()
    search.fill(f"wombat-{tag}")  # found through the message text, not the title
    expect(page.locator("#conversations li")).to_have_count(1)
    expect(page.locator(f'#conversations li[data-id="{second}"]')).to_be_visible()
    search.fill(f"no-such-words-{tag}")
    expect(page.locator("#conversations-status")).to_contain_text("No conversation mentions")

    # Open A from the list: its messages replace the thread and the address follows.
    search.fill(tag)
    expect(page.locator("#conversations li")).to_have_count(2)
    page.locator(f'#conversations li[data-id="{first}"] .conv-open').click()
    expect(page.locator("article.msg.user")).to_have_count(1)
    expect(page.locator("article.msg.user")).to_contain_text(f"team-{tag}")
    assert page.url.endswith(f"#c={first}")
    expect(page.locator(f'#conversations li[data-id="{first}"] .conv-open')).to_have_attribute(
        "aria-current", "page"
    )

    # Delete the open conversation: asked first, then gone everywhere, and the chat starts afresh.
    item = page.locator(f'#conversations li[data-id="{first}"]')
    item.get_by_role("button", name="Delete conversation:").click()
    keep = item.get_by_role("button", name="Keep")
    expect(keep).to_be_focused()
    keep.click()
    expect(page.locator(f'#conversations li[data-id="{first}"]')).to_have_count(1)
    item.get_by_role("button", name="Delete conversation:").click()
    item.get_by_role("button", name="Delete", exact=True).click()
    expect(page.locator(f'#conversations li[data-id="{first}"]')).to_have_count(0)
    expect(page.locator("article.msg")).to_have_count(0)
    assert "#c=" not in page.url
    gone = httpx.get(f"{live.url}/api/v1/conversations/{first}", timeout=10)
    assert gone.status_code == 404

    # A stale address to the deleted conversation explains itself and offers a fresh start.
    browser_log.allow(r"status of 404")
    page.goto("about:blank")
    page.goto(f"/#c={first}")
    expect(page.locator('.notice[data-kind="not_found"]')).to_contain_text("no longer available")
    expect(page.get_by_label("Your message")).to_be_enabled()


def test_feedback_with_a_comment_is_stored(page: Any, live: Any) -> None:
    page.goto("/")
    reply = send(page, "Enable GuardDuty with alerting")
    conversation = page.url.split("#c=")[1]
    reply.get_by_role("button", name="Not helpful").click()
    comment = reply.get_by_label("Comment (optional)")
    expect(comment).to_be_focused()
    expect(reply.get_by_role("button", name="Not helpful")).to_have_attribute(
        "aria-pressed", "true"
    )
    comment.fill("Needs an SNS topic name")
    with page.expect_response(lambda r: r.url.endswith("/api/v1/feedback")) as posted:
        comment.press("Enter")
    assert posted.value.status == 201
    body = posted.value.request.post_data_json
    assert body["conversation_id"] == conversation
    assert body["rating"] == "down"
    assert body["comment"] == "Needs an SNS topic name"
    assert isinstance(body["message_id"], int)
    expect(reply.locator(".feedback-status")).to_have_text("Thanks for the feedback.")
    expect(reply.get_by_role("button", name="Helpful", exact=True)).to_be_disabled()

    audit = httpx.get(
        f"{live.url}/api/v1/audit", params={"kind": "feedback.created", "limit": 100}, timeout=10
    ).json()["items"]
    mine = [a for a in audit if a["conversation_id"] == conversation]
    assert [a["data"]["rating"] for a in mine] == ["down"]
    assert mine[0]["data"]["message_id"] == body["message_id"]

    # Thumbs up without a comment, on a reloaded (history) message.
    page.reload()
    again = page.locator("article.msg.assistant").last
    again.get_by_role("button", name="Helpful", exact=True).click()
    with page.expect_response(lambda r: r.url.endswith("/api/v1/feedback")) as second:
        again.get_by_role("button", name="Send without comment").click()
    assert second.value.request.post_data_json == {
        "conversation_id": conversation,
        "rating": "up",
        "message_id": body["message_id"],
    }


def test_keyboard_use(page: Any) -> None:
    page.goto("/")
    box = page.get_by_label("Your message")
    box.click()
    box.type("first line")
    box.press("Shift+Enter")
    box.type("second line")
    assert box.input_value() == "first line\nsecond line"
    box.press("Enter")
    sent = page.locator("article.msg.user").last
    expect(sent.locator(".msg-text")).to_have_text("first line second line")
    assert sent.locator(".msg-text").evaluate("el => el.textContent") == "first line\nsecond line"
    expect(page.locator("article.msg.assistant").last).to_have_attribute("aria-busy", "false")
    expect(box).to_have_value("")
    expect(box).to_be_focused()

    # Shortcuts: Ctrl+K → search, "/" → message box.
    page.keyboard.press("Control+k")
    expect(page.get_by_role("searchbox", name="Search conversations")).to_be_focused()
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(box).to_be_focused()

    # The first Tab reaches the skip link, which is visible when focused and jumps to the box.
    page.reload()
    expect(page.locator("article.msg.user")).to_have_count(1)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the message box")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"
    page.keyboard.press("Enter")
    expect(box).to_be_focused()

    # Ctrl+Shift+O starts a new chat.
    page.keyboard.press("Control+Shift+O")
    expect(page.locator("article.msg")).to_have_count(0)
    assert "#c=" not in page.url
    expect(box).to_be_focused()
