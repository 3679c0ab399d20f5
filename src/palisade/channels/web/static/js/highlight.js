// Syntax highlighting for what Palisade proposes: Terraform/HCL, YAML and JSON.
//
// Each language is an ordered list of sticky regular expressions tried at the current position; the first
// that matches emits a token, and text no rule claims stays plain. This is a lexer, not a parser: it never
// needs the whole file to be valid, so half-streamed code highlights too. Output is text nodes inside
// <span class="tok-…">, never HTML.
import { el } from "./dom.js";

const HCL_KEYWORDS = "resource|data|variable|output|locals|module|provider|terraform|dynamic|content|"
  + "moved|import|check|removed|backend|required_providers|lifecycle|for|in|if|else|endif|endfor";

const RULES = {
  hcl: [
    ["comment", /(?:#|\/\/)[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y],
    ["string", /<<-?([A-Za-z_]\w*)\n[\s\S]*?\n[ \t]*\1(?=\n|$)/y],
    ["string", /"(?:[^"\\\n]|\\.)*"?/y],
    ["number", /\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/y],
    ["literal", /\b(?:true|false|null)\b/y],
    ["keyword", new RegExp(`\\b(?:${HCL_KEYWORDS})\\b(?!\\s*=[^=])`, "y")],
    ["attr", /[A-Za-z_][\w-]*(?=[ \t]*=(?!=))/y],
    ["ident", /[A-Za-z_][\w-]*/y],
    ["punct", /[{}[\]()=,.:?<>!&|+\-*/%]+/y],
  ],
  yaml: [
    ["comment", /(?:^|(?<=\s))#[^\n]*/y],
    ["meta", /^(?:---|\.\.\.)(?=\s|$)/my],
    ["attr", /(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#:\-[\]{},"'!&*|>%@`][^\n:#]*?|-[^\s\n:#][^\n:#]*?)(?=[ \t]*:(?:[ \t]|$))/my],
    ["string", /"(?:[^"\\\n]|\\.)*"?|'(?:[^'\n]|'')*'?/y],
    ["meta", /[&*][\w-]+|!{1,2}[\w/-]*/y],
    ["literal", /\b(?:true|false|yes|no|on|off|null|True|False|Null|TRUE|FALSE|NULL)\b|~(?=\s|$)/y],
    ["number", /[-+]?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/y],
    ["punct", /[-:?,[\]{}|>]/y],
  ],
  json: [
    ["attr", /"(?:[^"\\\n]|\\.)*"(?=\s*:)/y],
    ["string", /"(?:[^"\\\n]|\\.)*"?/y],
    ["number", /-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/y],
    ["literal", /\b(?:true|false|null)\b/y],
    ["punct", /[{}[\],:]/y],
  ],
};

const INTERPOLATION = /\$\{[^}\n]*\}?|%\{[^}\n]*\}?/g;

const ALIASES = {
  hcl: "hcl", tf: "hcl", terraform: "hcl", tfvars: "hcl",
  yaml: "yaml", yml: "yaml",
  json: "json", jsonc: "json",
};

/** The language for a fence info string or a file path ("main.tf" → "hcl"), or null for plain text. */
export function languageFor(nameOrPath) {
  const name = String(nameOrPath || "").toLowerCase();
  if (ALIASES[name]) return ALIASES[name];
  const ext = name.includes(".") ? name.split(".").pop() : "";
  return ALIASES[ext] || null;
}

/** Split `code` into [[kind, text], ...] for `language` ("plain" kind for unclaimed text). */
export function tokenize(code, language) {
  const rules = RULES[ALIASES[language] || language];
  if (!rules) return [["plain", code]];
  const tokens = [];
  let plain = "";
  let i = 0;
  while (i < code.length) {
    let hit = null;
    for (const [kind, pattern] of rules) {
      pattern.lastIndex = i;
      const m = pattern.exec(code);
      if (m && m[0].length > 0) {
        hit = [kind, m[0]];
        break;
      }
    }
    if (hit) {
      if (plain) tokens.push(["plain", plain]);
      plain = "";
      tokens.push(hit);
      i += hit[1].length;
    } else {
      plain += code[i];
      i += 1;
    }
  }
  if (plain) tokens.push(["plain", plain]);
  return tokens;
}

/** Highlighted nodes for `code`; HCL strings show their ${...} interpolations distinctly. */
export function highlight(code, language) {
  const fragment = document.createDocumentFragment();
  for (const [kind, text] of tokenize(code, language)) {
    if (kind === "plain" || kind === "ident") {
      fragment.append(text);
    } else if (kind === "string" && (ALIASES[language] || language) === "hcl" && /[$%]\{/.test(text)) {
      const span = el("span", { class: "tok-string" });
      let last = 0;
      for (const m of text.matchAll(INTERPOLATION)) {
        if (m.index > last) span.append(text.slice(last, m.index));
        span.append(el("span", { class: "tok-interp" }, m[0]));
        last = m.index + m[0].length;
      }
      if (last < text.length) span.append(text.slice(last));
      fragment.append(span);
    } else {
      fragment.append(el("span", { class: `tok-${kind}` }, text));
    }
  }
  return fragment;
}
