// A small, safe markdown renderer for assistant replies.
//
// Safety comes from the output type: the renderer builds DOM nodes and puts every piece of text in as a
// text node, so nothing in a reply is ever parsed as HTML (the structural form of "escape HTML first").
// Links are made only for http(s) URLs and open with rel="noopener noreferrer"; anything else stays text.
// Supported: headings, paragraphs (single newlines kept), nested ordered/unordered lists, block quotes,
// horizontal rules, GitHub-style tables, fenced code (highlighted, with copy and download), inline code,
// bold, italic, strike-through, links and bare URLs.
import { append, el } from "./dom.js";
import { codeBlock } from "./code.js";

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Render markdown `text` to a DocumentFragment. Unfinished input (mid-stream) renders sensibly. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  append(fragment, blocks(String(text ?? "").replace(/\r\n?/g, "\n").split("\n")));
  return fragment;
}

function indentOf(line) {
  return line.match(/^\s*/)[0].replace(/\t/g, "    ").length;
}

function startsBlock(line, next) {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line)
    || ITEM.test(line) || (line.includes("|") && next !== undefined && TABLE_RULE.test(next));
}

/** A closing fence: the same character, at least as many, nothing else on the line. */
function closesFence(line, marker) {
  const m = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
  return m !== null && m[1][0] === marker[0] && m[1].length >= marker.length;
}

function blocks(lines) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const fence = line.match(FENCE);
    if (fence) {
      const marker = fence[1];
      const body = [];
      i += 1;
      while (i < lines.length && !closesFence(lines[i], marker)) {
        body.push(lines[i]);
        i += 1;
      }
      i += 1; // the closing fence (or the end of an unfinished stream)
      out.push(codeBlock(body.join("\n"), fence[2].toLowerCase()));
      continue;
    }
    const heading = line.match(HEADING);
    if (heading) {
      // Reply headings sit below the page's h1 and the message's own label: shift them two levels.
      const level = Math.min(6, heading[1].length + 2);
      out.push(el(`h${level}`, { class: `md-h${heading[1].length}` }, inline(heading[2])));
      i += 1;
      continue;
    }
    if (RULE.test(line) && !ITEM.test(line)) {
      out.push(el("hr"));
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const body = [];
      while (i < lines.length && lines[i].trim() && QUOTE.test(lines[i])) {
        body.push(lines[i].replace(QUOTE, ""));
        i += 1;
      }
      out.push(el("blockquote", {}, blocks(body)));
      continue;
    }
    if (ITEM.test(line)) {
      const [list, next] = listAt(lines, i);
      out.push(list);
      i = next;
      continue;
    }
    if (line.includes("|") && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1])) {
      const [table, next] = tableAt(lines, i);
      out.push(table);
      i = next;
      continue;
    }
    const para = [line.trim()];
    i += 1;
    while (i < lines.length && lines[i].trim() && !startsBlock(lines[i], lines[i + 1])) {
      para.push(lines[i].trim());
      i += 1;
    }
    const content = [];
    para.forEach((text, n) => {
      if (n) content.push(el("br"));
      content.push(inline(text));
    });
    out.push(el("p", {}, content));
  }
  return out;
}

function listAt(lines, start) {
  const first = lines[start].match(ITEM);
  const base = indentOf(first[1]);
  const ordered = /\d/.test(first[2]);
  const attrs = {};
  if (ordered && Number.parseInt(first[2], 10) !== 1) attrs.start = Number.parseInt(first[2], 10);
  const list = el(ordered ? "ol" : "ul", attrs);
  let i = start;
  while (i < lines.length) {
    const match = lines[i].match(ITEM);
    if (!match || indentOf(match[1]) !== base || /\d/.test(match[2]) !== ordered) break;
    const contentIndent = base + match[2].length + 1;
    const children = [];
    i += 1;
    while (i < lines.length) {
      const line = lines[i];
      if (!line.trim()) {
        // A blank line ends the item unless indented content (or the next item) follows it.
        const next = lines.slice(i + 1).find((l) => l.trim());
        if (next === undefined || indentOf(next) <= base) break;
        children.push("");
        i += 1;
        continue;
      }
      if (indentOf(line) <= base) break;
      children.push(line.slice(Math.min(indentOf(line), contentIndent)));
      i += 1;
    }
    const item = el("li", {}, inline(match[3]));
    if (children.length) append(item, blocks(children));
    list.append(item);
    // Skip blank lines between items of a loose list.
    let j = i;
    while (j < lines.length && !lines[j].trim()) j += 1;
    const again = j < lines.length ? lines[j].match(ITEM) : null;
    if (again && indentOf(again[1]) === base && /\d/.test(again[2]) === ordered) i = j;
    else break;
  }
  return [list, i];
}

function cells(line) {
  let text = line.trim();
  if (text.startsWith("|")) text = text.slice(1);
  if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);
  return text.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

function tableAt(lines, start) {
  const head = cells(lines[start]);
  const aligns = cells(lines[start + 1]).map((c) => {
    if (c.startsWith(":") && c.endsWith(":")) return "center";
    if (c.endsWith(":")) return "right";
    return null;
  });
  const cls = (n) => (aligns[n] ? `align-${aligns[n]}` : null);
  const thead = el("thead", {}, el("tr", {}, head.map((c, n) => el("th", { scope: "col", class: cls(n) }, inline(c)))));
  const tbody = el("tbody");
  let i = start + 2;
  while (i < lines.length && lines[i].trim() && lines[i].includes("|")) {
    const row = cells(lines[i]);
    tbody.append(el("tr", {}, head.map((_, n) => el("td", { class: cls(n) }, inline(row[n] ?? "")))));
    i += 1;
  }
  return [el("div", { class: "table-wrap" }, el("table", { class: "md-table" }, thead, tbody)), i];
}

/** Only absolute http(s) URLs become links; the URL parser normalises away tricks like "java\tscript:". */
export function safeUrl(raw) {
  try {
    const url = new URL(raw.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function link(href, children) {
  return el("a", { href, rel: "noopener noreferrer", target: "_blank" }, children);
}

const INLINE = [
  // [name, sticky regex]
  ["escape", /\\([\\`*_{}\[\]()#+\-.!|~>])/y],
  ["code", /(`+)([\s\S]*?[^`])\1(?!`)/y],
  ["link", /\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/y],
  ["url", /https?:\/\/[^\s<>"'`)\]]*[^\s<>"'`)\].,;:!?]/y],
  ["strong", /(\*\*|__)(?=\S)([\s\S]*?\S)\1/y],
  ["strike", /~~(?=\S)([\s\S]*?\S)~~/y],
  ["em", /(\*|_)(?=\S)([\s\S]*?\S)\1(?![\w*])/y],
];

/** Inline markdown to an array of nodes/strings. */
export function inline(text) {
  const out = [];
  let plain = "";
  let i = 0;
  const flush = () => {
    if (plain) out.push(plain);
    plain = "";
  };
  while (i < text.length) {
    let matched = false;
    for (const [name, pattern] of INLINE) {
      if (name === "em" && text[i] === "_" && i > 0 && /\w/.test(text[i - 1])) continue; // snake_case
      if (name === "strong" && text[i] === "_" && i > 0 && /\w/.test(text[i - 1])) continue;
      pattern.lastIndex = i;
      const m = pattern.exec(text);
      if (!m) continue;
      const end = pattern.lastIndex; // read now: the recursive calls below reuse these regexes
      flush();
      if (name === "escape") plain += m[1];
      else if (name === "code") out.push(el("code", {}, m[2].length > 2 && m[2].startsWith(" ") && m[2].endsWith(" ") ? m[2].slice(1, -1) : m[2]));
      else if (name === "link") {
        const href = safeUrl(m[2]);
        if (href) out.push(link(href, inline(m[1] || href)));
        else out.push(...inline(m[1]), m[2] ? ` (${m[2]})` : "");
      } else if (name === "url") {
        const href = safeUrl(m[0]);
        out.push(href ? link(href, m[0]) : m[0]);
      } else if (name === "strong") out.push(el("strong", {}, inline(m[2])));
      else if (name === "strike") out.push(el("del", {}, inline(m[1])));
      else if (name === "em") out.push(el("em", {}, inline(m[2])));
      flush();
      i = end;
      matched = true;
      break;
    }
    if (!matched) {
      plain += text[i];
      i += 1;
    }
  }
  flush();
  return out;
}
