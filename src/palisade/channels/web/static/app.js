"use strict";
// Minimal chat client: text only (no innerHTML), so nothing the server returns can run as markup.
const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("text");
const send = document.getElementById("send");
let conversationId = sessionStorage.getItem("palisade.conversation");

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function add(node) {
  const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
  log.append(node);
  if (atBottom) node.scrollIntoView({ block: "end" });
}

async function api(path, body) {
  const res = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({ error: { message: res.statusText } }));
  if (!res.ok) throw new Error((data.error && data.error.message) || res.statusText);
  return data;
}

function renderProposal(p) {
  const box = el("div", { class: "msg proposal" });
  box.append(el("strong", {}, `${p.blueprint} · ${p.branch}`));
  for (const [path, content] of Object.entries(p.files)) {
    box.append(el("details", {}, el("summary", {}, path), el("pre", {}, el("code", {}, content))));
  }
  if (p.ready && p.id !== null) {
    const button = el("button", { type: "button" }, "Open pull request");
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const data = await api(`/api/v1/proposals/${p.id}/confirm`, {});
        const pr = data.pull_request;
        add(el("div", { class: "msg ok", role: "status" },
          `${pr.created ? "Opened" : "Updated"} pull request on branch ${pr.branch}: ${pr.url}`));
      } catch (err) {
        add(el("div", { class: "notice guard_blocked", role: "alert" }, String(err.message)));
        button.disabled = false;
      }
    });
    box.append(button);
  }
  return box;
}

function renderTurn(turn) {
  for (const n of turn.notices) add(el("div", { class: `notice ${n.kind}`, role: "alert" }, `${n.kind}: ${n.message}`));
  add(el("div", { class: "msg assistant" }, turn.reply));
  const v = turn.validation;
  if (v) {
    add(el("div", { class: v.passed ? "msg ok" : "msg bad" },
      `Policy checks: ${v.passed_count} passed, ${v.failed.length} failed, ${v.skipped.length} skipped`));
  }
  for (const p of turn.proposals) add(renderProposal(p));
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  add(el("div", { class: "msg user" }, text));
  input.value = "";
  send.disabled = true;
  try {
    const turn = await api("/api/v1/messages", { text, conversation_id: conversationId });
    conversationId = turn.conversation_id;
    sessionStorage.setItem("palisade.conversation", conversationId);
    renderTurn(turn);
  } catch (err) {
    add(el("div", { class: "notice guard_blocked", role: "alert" }, String(err.message)));
  } finally {
    send.disabled = false;
    input.focus();
  }
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
});

document.getElementById("new").addEventListener("click", () => {
  conversationId = null;
  sessionStorage.removeItem("palisade.conversation");
  log.replaceChildren();
});
