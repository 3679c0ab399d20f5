// The conversation list: search (titles and message text, on the server), open, delete, new chat.
// On narrow screens the sidebar is a drawer opened from the top bar.
import { api } from "./api.js";
import { announce, el, relativeTime } from "./dom.js";
import { icon } from "./icons.js";

export class Sidebar {
  /**
   * `onOpen(id)` loads a conversation, `onDeleted(id)` is told after a delete, `onNew()` starts a chat.
   */
  constructor({ onOpen, onDeleted, onNew }) {
    this.onOpen = onOpen;
    this.onDeleted = onDeleted;
    this.root = document.getElementById("sidebar");
    this.list = document.getElementById("conversations");
    this.status = document.getElementById("conversations-status");
    this.search = document.getElementById("search");
    this.toggle = document.getElementById("toggle-sidebar");
    this.scrim = document.getElementById("scrim");
    this.activeId = null;
    this.query = "";
    this.loading = null;
    this.timer = null;
    this.narrow = window.matchMedia("(max-width: 52rem)");

    document.getElementById("new-chat").addEventListener("click", () => {
      this.close();
      onNew();
    });
    this.search.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), 200);
    });
    document.getElementById("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(this.timer);
      this.refresh();
    });
    this.toggle.addEventListener("click", () => (this.isOpen() ? this.close() : this.open()));
    this.scrim.addEventListener("click", () => this.close());
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.narrow.matches && this.isOpen()) {
        event.preventDefault();
        this.close();
      }
    });
    this.narrow.addEventListener("change", () => this.sync());
    this.sync();
  }

  isOpen() {
    return document.body.classList.contains("sidebar-open");
  }

  /** On narrow screens the closed drawer is inert, so keyboard and screen-reader users skip it. */
  sync() {
    const hidden = this.narrow.matches && !this.isOpen();
    this.root.inert = hidden;
    this.toggle.setAttribute("aria-expanded", this.narrow.matches ? String(this.isOpen()) : "true");
    this.scrim.hidden = !(this.narrow.matches && this.isOpen());
  }

  open() {
    document.body.classList.add("sidebar-open");
    this.sync();
    this.search.focus();
  }

  close() {
    const wasOpen = this.isOpen();
    document.body.classList.remove("sidebar-open");
    this.sync();
    if (wasOpen && this.narrow.matches) this.toggle.focus();
  }

  setActive(id) {
    this.activeId = id;
    for (const item of this.list.querySelectorAll("[data-id]")) {
      const open = item.querySelector(".conv-open");
      if (item.dataset.id === id) open.setAttribute("aria-current", "page");
      else open.removeAttribute("aria-current");
    }
  }

  async refresh() {
    const query = this.search.value.trim();
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    try {
      const page = await api.listConversations(query, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.render(page.items || [], query, page.total);
    } catch (err) {
      if (err.name === "AbortError") return;
      this.status.textContent = `Conversations could not be loaded: ${err.message}`;
    }
  }

  render(items, query, total) {
    this.list.replaceChildren(...items.map((c) => this.item(c)));
    if (!items.length) {
      this.status.textContent = query ? `No conversation mentions “${query}”.` : "No conversations yet.";
    } else {
      const n = total ?? items.length;
      this.status.textContent = query ? `${n} matching conversation${n === 1 ? "" : "s"}` : "";
    }
    this.setActive(this.activeId);
  }

  item(conversation) {
    const title = conversation.title || "Untitled conversation";
    const when = relativeTime(conversation.updated_at || conversation.created_at);
    const open = el("button", { type: "button", class: "conv-open" },
      el("span", { class: "conv-title" }, title),
      el("span", { class: "conv-time muted" }, when));
    open.addEventListener("click", () => {
      this.close();
      this.onOpen(conversation.id);
    });
    const remove = el("button", { type: "button", class: "icon conv-delete", "aria-label": `Delete conversation: ${title}` }, icon("trash"));
    const li = el("li", { "data-id": conversation.id }, open, remove);
    remove.addEventListener("click", () => this.askDelete(li, conversation, title, remove));
    return li;
  }

  askDelete(li, conversation, title, remove) {
    const yes = el("button", { type: "button", class: "small danger" }, "Delete");
    const no = el("button", { type: "button", class: "small ghost" }, "Keep");
    const box = el("div", { class: "conv-confirm", role: "group", "aria-label": `Delete ${title}?` },
      el("span", {}, "Delete this conversation?"), yes, no);
    remove.hidden = true;
    li.append(box);
    no.focus();
    no.addEventListener("click", () => {
      box.remove();
      remove.hidden = false;
      remove.focus();
    });
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      try {
        await api.deleteConversation(conversation.id);
        const next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        announce(`Deleted ${title}`);
        this.onDeleted(conversation.id);
        (next?.querySelector(".conv-open") || this.search).focus();
        if (!this.list.children.length) this.render([], this.search.value.trim(), 0);
      } catch (err) {
        yes.disabled = false;
        box.firstChild.textContent = `Not deleted: ${err.message}`;
      }
    });
  }
}
