// The chat page: wires the composer, the streamed turn, the conversation list and the current
// conversation (kept in the URL hash and localStorage, so a reload shows it again).
import { ApiError, api, setToken, streamMessage } from "./api.js";
import { announce, el } from "./dom.js";
import { hydrateIcons } from "./icons.js";
import {
  assistantMessage, errorBox, feedbackControls, noticeBox, questionsBox, userMessage,
} from "./messages.js";
import { proposalCard } from "./proposal.js";
import { stickToBottom } from "./scroll.js";
import { Sidebar } from "./sidebar.js";
import { setupTheme } from "./theme.js";

const STORE_KEY = "palisade.conversation";
const STOPPED_TEXT = "(stopped before an answer)";
const PLACEHOLDER = "Ask for a security control, e.g. a private encrypted S3 bucket called acme-audit-logs";

const $ = (id) => document.getElementById(id);
const scroller = $("log");
const thread = $("thread");
const empty = $("empty");
const form = $("composer");
const input = $("composer-text");
const sendButton = $("send");
const stopButton = $("stop");

const state = {
  conversationId: null,
  controller: null, // AbortController of the turn being streamed
  loadSeq: 0,
};

const scroll = stickToBottom(scroller, thread, $("jump"), () => input.focus());

// ------------------------------------------------------------------ conversation id in URL + storage
function idFromHash() {
  const match = location.hash.match(/^#c=([\w-]{1,64})$/);
  return match ? match[1] : null;
}

function remember(id) {
  state.conversationId = id;
  if (id) {
    localStorage.setItem(STORE_KEY, id);
    if (idFromHash() !== id) history.replaceState(null, "", `#c=${id}`);
  } else {
    localStorage.removeItem(STORE_KEY);
    history.replaceState(null, "", location.pathname + location.search);
  }
  sidebar.setActive(id);
}

// ------------------------------------------------------------------------------ composer state
function setStreaming(on) {
  sendButton.hidden = on;
  stopButton.hidden = !on;
  form.setAttribute("aria-busy", on ? "true" : "false");
  if (!on && document.activeElement === stopButton) input.focus();
}

function showEmpty(show) {
  empty.hidden = !show;
}

function clearThread() {
  thread.replaceChildren();
  input.placeholder = PLACEHOLDER;
}

function stop() {
  if (state.controller) state.controller.abort();
}

// ---------------------------------------------------------------------------- a streamed turn
async function send(text) {
  if (state.controller || !text.trim()) return;
  showEmpty(false);
  const mine = userMessage(text);
  thread.append(mine);
  const reply = assistantMessage({ streaming: true });
  thread.append(reply.node);
  scroll.pin();
  const controller = new AbortController();
  state.controller = controller;
  setStreaming(true);
  input.placeholder = PLACEHOLDER;

  const cards = new Map();
  const questions = [];
  let lastCard = null;
  let sawProposal = false;
  let turn = null;
  let conversationId = state.conversationId;

  const onEvent = ({ type, data }) => {
    switch (type) {
      case "started":
        if (!conversationId) sidebar.refresh(); // a new conversation: list it right away
        conversationId = data.conversation_id;
        remember(conversationId);
        reply.status("Checking your message…");
        break;
      case "guard":
        if (data.stage === "input" && !data.blocked) reply.status("Writing the answer…");
        reply.node.dataset[`guard${data.stage === "output" ? "Output" : "Input"}`] =
          data.blocked ? "blocked" : data.redacted ? "redacted" : "passed";
        break;
      case "notice":
        reply.notice(noticeBox(data.kind, data.message));
        break;
      case "delta":
        reply.status("");
        reply.append(data.text || "");
        break;
      case "proposal": {
        sawProposal = true;
        lastCard = proposalCard(data);
        cards.set(data.id, lastCard);
        reply.add(lastCard);
        break;
      }
      case "validation": {
        const card = cards.get(data.proposal_id) || lastCard;
        card?.setValidation(data);
        break;
      }
      case "question":
        questions.push(data);
        break;
      case "done":
        turn = data;
        showStored(mine, data);
        break;
      case "error":
        reply.add(errorBox(`${data.message || "The answer failed."}`, () => send(text)));
        break;
      default:
        break; // unknown event types from a newer server are ignored
    }
  };

  let outcome = "done";
  try {
    const last = await streamMessage({ text, conversationId }, { signal: controller.signal, onEvent });
    if (last === "error") outcome = "error";
    else if (last !== "done") {
      outcome = "error";
      reply.add(errorBox("The connection closed before the answer finished. Send the message again.", () => send(text)));
    }
  } catch (err) {
    if (err.name === "AbortError") {
      outcome = "stopped";
      announce("Stopped");
    } else {
      outcome = "error";
      reply.add(errorBox(describe(err), err.status >= 400 && err.status < 500 && err.status !== 429 ? null : () => send(text)));
      if (err.status === 401) askToken();
      if (!input.value) input.value = text; // nothing of the message is lost on an input error
    }
  } finally {
    state.controller = null;
    setStreaming(false);
  }
  if (turn && !sawProposal) {
    // An older server may send the proposals only in "done".
    for (const p of turn.proposals || []) reply.add(proposalCard(p, { validation: turn.validation }));
  }
  if (questions.length) {
    reply.add(questionsBox(questions));
    input.placeholder = "Your answer to Palisade's question";
  }
  if (!reply.text && outcome === "done" && turn) reply.setText(turn.reply || "");
  reply.finish(outcome);
  if (outcome === "done") {
    announce(questions.length ? "Palisade answered with a question" : "Palisade answered");
    // Resolve the answer's message id now: rating it later, after more turns, must still rate this one.
    const target = lastAssistantTarget(conversationId);
    reply.footer.append(feedbackControls(() => target));
  }
  if (document.activeElement === document.body || document.activeElement === stopButton) input.focus();
  sidebar.refresh();
}

/** When the guard redacted the message, show it as stored (secrets replaced), not as typed. */
function showStored(bubble, turn) {
  const scanned = turn.guard && turn.guard.input;
  if (!scanned || scanned.valid !== false || typeof scanned.sanitized !== "string") return;
  const text = bubble.querySelector(".msg-text");
  if (scanned.sanitized === text.textContent) return;
  text.textContent = scanned.sanitized;
  bubble.append(el("p", { class: "msg-note muted" }, "Shown as stored: the guard removed secrets before anything else saw this message."));
}

/** The feedback target: this conversation and its newest assistant message (looked up on demand). */
async function lastAssistantTarget(conversationId) {
  try {
    const conversation = await api.getConversation(conversationId);
    const mine = (conversation.messages || []).filter((m) => m.role === "assistant");
    return { conversationId, messageId: mine.length ? mine[mine.length - 1].id : null };
  } catch {
    return { conversationId, messageId: null };
  }
}

function describe(err) {
  if (err instanceof ApiError && err.status === 429 && !/\bwait\b/i.test(err.message)) {
    const wait = err.retryAfter ? ` Try again in ${Math.ceil(err.retryAfter)} s.` : " Try again shortly.";
    return `${err.message}${err.message.endsWith(".") ? "" : "."}${wait}`;
  }
  return err.message || "Something went wrong. Try again.";
}

// ----------------------------------------------------------------- loading a stored conversation
function isStopped(m) {
  return m.meta_kind === "stopped" || m.content === STOPPED_TEXT;
}

/** Place each proposal after the assistant message that announced it (its reply names the blueprint). */
function placeProposals(messages, proposals) {
  const placed = new Map();
  let from = 0;
  for (const p of [...proposals].sort((a, b) => (a.id ?? 0) - (b.id ?? 0))) {
    let index = -1;
    for (let i = from; i < messages.length; i += 1) {
      const m = messages[i];
      if (m.role === "assistant" && ((m.proposal_ids || []).includes(p.id) || (m.content || "").includes(`**${p.blueprint}**`))) {
        index = i;
        break;
      }
    }
    if (index < 0) index = messages.length - 1;
    from = Math.max(from, index);
    if (!placed.has(index)) placed.set(index, []);
    placed.get(index).push(p);
  }
  return placed;
}

async function load(id, { quiet = false, announceOpen = !quiet } = {}) {
  stop();
  const seq = ++state.loadSeq;
  let conversation;
  try {
    conversation = await api.getConversation(id);
  } catch (err) {
    if (seq !== state.loadSeq) return;
    remember(null);
    clearThread();
    showEmpty(true);
    if (err.status === 401) askToken();
    if (!quiet || err.status !== 404) {
      thread.append(noticeBox("not_found", err.status === 404 || err.status === 400
        ? "That conversation is no longer available (it was deleted or belongs to someone else). Start a new one below."
        : describe(err)));
    }
    return;
  }
  if (seq !== state.loadSeq) return;
  clearThread();
  remember(conversation.id);
  const messages = conversation.messages || [];
  showEmpty(messages.length === 0);
  const placed = placeProposals(messages, conversation.proposals || []);
  messages.forEach((m, i) => {
    if (m.role === "user") {
      const bubble = userMessage(m.content);
      if (m.meta_kind === "redacted" || m.meta_kind === "blocked") {
        bubble.append(el("p", { class: "msg-note muted" }, m.meta_kind === "blocked"
          ? "Blocked by the guard: no model saw this message."
          : "Shown as stored: the guard removed or cleaned parts of this message before anything else saw it."));
      }
      thread.append(bubble);
    } else if (m.role === "assistant") {
      const reply = assistantMessage();
      if (m.meta_kind === "blocked") {
        reply.notice(noticeBox("guard_blocked", "The guard blocked the message above, so no model saw it."));
      }
      if (!isStopped(m)) reply.setText(m.content);
      for (const p of placed.get(i) || []) {
        reply.add(proposalCard(p, { validation: p.validation, pullRequest: p.pull_request }));
      }
      reply.finish(isStopped(m) ? "stopped" : "done");
      if (!isStopped(m)) {
        reply.footer.append(feedbackControls(async () => ({ conversationId: conversation.id, messageId: m.id })));
      }
      thread.append(reply.node);
    }
  });
  document.title = `${conversation.title || "Conversation"} · Palisade`;
  scroll.pin();
  if (announceOpen) announce(`Opened conversation: ${conversation.title || "untitled"}`);
}

function newChat() {
  stop();
  state.loadSeq += 1;
  remember(null);
  clearThread();
  showEmpty(true);
  document.title = "Palisade";
  input.focus();
}

// ----------------------------------------------------------------------------------- sign-in token
function askToken() {
  const dialog = $("token-dialog");
  if (dialog.open) return;
  const field = $("token-input");
  field.value = "";
  dialog.showModal();
  field.focus();
}

$("token-form").addEventListener("submit", (event) => {
  const action = event.submitter?.value;
  if (action === "save") setToken($("token-input").value.trim());
  // method="dialog" closes it; reload what failed with the new token.
  setTimeout(() => boot(), 0);
});

// ------------------------------------------------------------------------------------- wiring
const sidebar = new Sidebar({
  onOpen: (id) => load(id),
  onDeleted: (id) => {
    if (id === state.conversationId) newChat();
  },
  onNew: newChat,
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value;
  if (!text.trim() || state.controller) return;
  input.value = "";
  send(text);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

// Browsers without `field-sizing: content` (CSS) get the message box's auto-height from here; setting a
// style property through the CSSOM is allowed by the CSP (only style attributes/elements are not).
if (!CSS.supports("field-sizing", "content")) {
  input.addEventListener("input", () => {
    input.style.height = "auto";
    input.style.height = `${input.scrollHeight + 2}px`;
  });
}

stopButton.addEventListener("click", stop);

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented) return;
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "");
  if (event.key === "Escape" && state.controller && !document.querySelector("dialog[open]")) {
    event.preventDefault();
    stop();
  } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
    event.preventDefault();
    if (sidebar.narrow.matches) sidebar.open();
    $("search").focus();
  } else if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "o") {
    event.preventDefault();
    newChat();
  } else if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    input.focus();
  }
});

for (const example of document.querySelectorAll("[data-example]")) {
  example.addEventListener("click", () => {
    input.value = example.dataset.example;
    form.requestSubmit();
  });
}

window.addEventListener("hashchange", () => {
  const id = idFromHash();
  if (id && id !== state.conversationId) load(id);
  else if (!id && state.conversationId) newChat();
});

hydrateIcons();
setupTheme($("theme-toggle"));

async function boot() {
  try {
    const me = await api.me();
    $("who").textContent = `${me.user} · ${me.role}`;
  } catch (err) {
    if (err.status === 401) {
      askToken();
      return;
    }
    $("who").textContent = "";
  }
  sidebar.refresh();
  const linked = idFromHash();
  const remembered = localStorage.getItem(STORE_KEY);
  // A conversation named in the address must explain itself when it is gone; a remembered one that
  // was deleted elsewhere just gives way to a new chat.
  if (linked) await load(linked, { quiet: false, announceOpen: false });
  else if (remembered) await load(remembered, { quiet: true });
  else showEmpty(true);
}

input.placeholder = PLACEHOLDER;
boot();
