// Message bubbles: the user's text, the assistant's streamed markdown, guard notices, clarifying
// questions, errors, and 👍/👎 feedback.
import { api } from "./api.js";
import { announce, el, uid } from "./dom.js";
import { icon } from "./icons.js";
import { renderMarkdown } from "./markdown.js";

const NOTICE_TITLES = {
  guard_blocked: "Blocked by the guard",
  guard_redacted: "Redacted by the guard",
  insecure_request: "Not done as asked: insecure",
  out_of_scope: "Out of scope",
  invalid_parameters: "Cannot build this yet",
  unknown_blueprint: "No such blueprint",
};

function titleFor(kind) {
  return NOTICE_TITLES[kind] || String(kind || "Notice").replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export function userMessage(text) {
  return el("article", { class: "msg user", "aria-label": "You said" },
    el("p", { class: "msg-who" }, "You"),
    el("div", { class: "msg-text" }, text));
}

/** A notice (guard, insecure request, …). Guard notices name the scanner and kind, never the secret. */
export function noticeBox(kind, message) {
  const guard = kind === "guard_blocked" || kind === "guard_redacted";
  const severe = kind === "guard_blocked" || kind === "insecure_request";
  return el("div", {
    class: `notice notice-${severe ? "bad" : "warn"}${guard ? " notice-guard" : ""}`,
    role: severe ? "alert" : "note",
    "data-kind": kind,
  },
  el("p", { class: "notice-title" },
    icon(guard ? "shield" : "alert", "notice-icon"), titleFor(kind)),
  el("p", { class: "notice-text" }, message));
}

/** Clarifying questions from the assistant, shown as a distinct "needs your answer" box. */
export function questionsBox(questions) {
  const seen = new Set();
  const unique = questions.filter((q) => {
    const key = `${q.blueprint}|${q.param}|${q.question}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const id = uid("questions");
  return el("div", { class: "questions", role: "group", "aria-labelledby": id },
    el("p", { class: "questions-title", id }, "Palisade needs your answer"),
    el("ul", {}, unique.map((q) => el("li", {}, q.question,
      q.param ? el("span", { class: "muted" }, " (", el("code", {}, q.param), ")") : null))),
    el("p", { class: "muted small-print" }, "Type your answer below and press Enter."));
}

export function errorBox(message, retry) {
  const box = el("div", { class: "notice notice-bad", role: "alert", "data-kind": "error" },
    el("p", { class: "notice-title" }, icon("alert", "notice-icon"), "Something went wrong"),
    el("p", { class: "notice-text" }, message));
  if (retry) {
    const again = el("button", { type: "button", class: "small" }, "Try again");
    again.addEventListener("click", () => {
      box.remove();
      retry();
    });
    box.append(again);
  }
  return box;
}

/**
 * An assistant message. While streaming, `append(text)` adds reply text (rendered as markdown at most
 * once per animation frame) and `add(node)` adds notices, proposals and questions in event order.
 */
export function assistantMessage({ streaming = false } = {}) {
  const text = el("div", { class: "msg-text markdown" });
  const extras = el("div", { class: "msg-extras" });
  const status = el("p", { class: "msg-status muted", hidden: !streaming },
    el("span", { class: "dots", "aria-hidden": "true" }), "Working on it…");
  const footer = el("div", { class: "msg-footer" });
  const node = el("article", { class: "msg assistant", "aria-label": "Palisade answered", "aria-busy": streaming ? "true" : "false" },
    el("p", { class: "msg-who" }, "Palisade"),
    status, el("div", { class: "msg-notices" }), text, extras, footer);
  let raw = "";
  let scheduled = false;
  const paint = () => {
    scheduled = false;
    text.replaceChildren(renderMarkdown(raw));
  };
  return {
    node,
    get text() { return raw; },
    setText(value) {
      raw = value;
      paint();
    },
    append(piece) {
      raw += piece;
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(paint);
      }
    },
    notice(box) {
      node.querySelector(".msg-notices").append(box);
    },
    add(child) {
      extras.append(child);
    },
    status(message) {
      status.hidden = !message;
      status.lastChild.textContent = message || "";
    },
    finish(state = "done") {
      if (scheduled) paint();
      status.hidden = true;
      node.setAttribute("aria-busy", "false");
      node.dataset.state = state;
      if (state === "stopped") {
        footer.prepend(el("p", { class: "stopped-note" },
          icon("stop"), " Stopped. The server stopped working on this answer."));
      }
    },
    footer,
  };
}

/** 👍/👎 with an optional comment, posted once to `POST /api/v1/feedback`. */
export function feedbackControls(getTarget) {
  const wrap = el("div", { class: "feedback", role: "group", "aria-label": "Was this answer helpful?" });
  const up = el("button", { type: "button", class: "icon", "aria-label": "Helpful", "aria-pressed": "false", "data-rating": "up" }, icon("thumb-up"));
  const down = el("button", { type: "button", class: "icon", "aria-label": "Not helpful", "aria-pressed": "false", "data-rating": "down" }, icon("thumb-down"));
  const thanks = el("span", { class: "muted feedback-status", role: "status" });
  wrap.append(up, down, thanks);
  let form = null;

  const send = async (rating, comment, submitButton) => {
    const target = await getTarget();
    const body = { conversation_id: target.conversationId, rating };
    if (target.messageId !== null && target.messageId !== undefined) body.message_id = target.messageId;
    if (comment) body.comment = comment;
    if (submitButton) submitButton.disabled = true;
    try {
      await api.feedback(body);
      form?.remove();
      form = null;
      up.disabled = true;
      down.disabled = true;
      thanks.textContent = "Thanks for the feedback.";
    } catch (err) {
      thanks.textContent = `Feedback not sent: ${err.message}`;
      if (submitButton) submitButton.disabled = false;
    }
  };

  const open = (rating) => {
    up.setAttribute("aria-pressed", rating === "up" ? "true" : "false");
    down.setAttribute("aria-pressed", rating === "down" ? "true" : "false");
    form?.remove();
    const id = uid("comment");
    const area = el("textarea", { id, rows: "2", maxlength: "2000", placeholder: rating === "up" ? "What was good? (optional)" : "What was wrong or missing? (optional)" });
    const submit = el("button", { type: "submit", class: "small primary" }, "Send feedback");
    const skip = el("button", { type: "button", class: "small ghost" }, "Send without comment");
    form = el("form", { class: "feedback-form" },
      el("label", { for: id }, "Comment (optional)"), area,
      el("div", { class: "feedback-actions" }, submit, skip));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(rating, area.value.trim(), submit);
    });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        form.remove();
        form = null;
        up.setAttribute("aria-pressed", "false");
        down.setAttribute("aria-pressed", "false");
        (rating === "up" ? up : down).focus();
      }
    });
    skip.addEventListener("click", () => send(rating, "", skip));
    wrap.after(form);
    area.focus();
    announce("Add an optional comment, then send the feedback");
  };
  up.addEventListener("click", () => open("up"));
  down.addEventListener("click", () => open("down"));
  return wrap;
}
