// Code blocks with a language label, Copy and Download: used for fenced code in replies and for the
// files of a proposal.
import { announce, el } from "./dom.js";
import { highlight, languageFor } from "./highlight.js";

const EXTENSIONS = { hcl: "tf", yaml: "yaml", json: "json" };
const LABELS = { hcl: "Terraform / HCL", yaml: "YAML", json: "JSON" };

/** Copy `text` to the clipboard; falls back to a hidden textarea where the async API is unavailable. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission denied (e.g. an unfocused document): try the fallback below.
    }
  }
  const area = el("textarea", { class: "clipboard-helper", readonly: true, "aria-hidden": "true" });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** Offer `text` as a file download named `filename` (a blob URL: nothing leaves the browser). */
export function downloadText(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const anchor = el("a", { href: url, download: filename, class: "sr-only" });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copy and Download buttons for `getText()`; `what` names the content for screen readers. */
export function codeActions(getText, filename, what, label = "Copy") {
  const copy = el("button", { type: "button", class: "small ghost", "aria-label": `Copy ${what}` }, label);
  copy.addEventListener("click", async () => {
    const ok = await copyText(getText());
    copy.textContent = ok ? "Copied" : "Copy failed";
    announce(ok ? `${what} copied to the clipboard` : "Copying failed: select the text and copy it by hand");
    setTimeout(() => { copy.textContent = label; }, 1600);
  });
  const download = el("button", { type: "button", class: "small ghost", "aria-label": `Download ${what}` }, "Download");
  download.addEventListener("click", () => downloadText(getText(), filename()));
  return [copy, download];
}

/** A highlighted code block. `filename` (optional) names the download; otherwise one is derived. */
export function codeBlock(code, language, { filename = null, label = null } = {}) {
  const lang = languageFor(language) || languageFor(filename || "");
  const name = () => filename ? filename.split("/").pop() : `snippet.${EXTENSIONS[lang] || "txt"}`;
  const title = label || LABELS[lang] || (language ? language.toUpperCase() : "Code");
  const pre = el("pre", { class: "code", tabindex: "0", "aria-label": `${title} code` },
    el("code", { class: lang ? `lang-${lang}` : null }, lang ? highlight(code, lang) : code));
  return el("figure", { class: "code-block" },
    el("figcaption", { class: "code-bar" },
      el("span", { class: "code-lang" }, title),
      el("span", { class: "code-actions" }, codeActions(() => code, name, `${title} code`))),
    pre);
}
