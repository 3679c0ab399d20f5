// A line diff (Myers' O((N+M)·D) algorithm) and unified hunks, to show a proposal against the file
// already in the repository.
import { el, srOnly } from "./dom.js";

const MAX_EDIT = 1000; // beyond this many changed lines the diff is shown as "replace everything"

/** Split text into lines without a phantom empty last line for a trailing newline. */
export function splitLines(text) {
  if (!text) return [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * The shortest edit script from `a` to `b` as [{op: "equal"|"delete"|"insert", text, oldNo, newNo}].
 * Line numbers are 1-based; `oldNo` is null for inserts and `newNo` null for deletes.
 */
export function diffLines(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_EDIT); d += 1) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]))
        ? v[offset + k + 1]
        : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) {
    return [
      ...a.map((text, i) => ({ op: "delete", text, oldNo: i + 1, newNo: null })),
      ...b.map((text, i) => ({ op: "insert", text, oldNo: null, newNo: i + 1 })),
    ];
  }
  // Walk the trace backwards from (n, m) to (0, 0), collecting the edits.
  const ops = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d -= 1) {
    v = trace[d];
    const k = x - y;
    const prevK = (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: "equal", text: a[x - 1], oldNo: x, newNo: y });
      x -= 1;
      y -= 1;
    }
    if (x === prevX) ops.push({ op: "insert", text: b[y - 1], oldNo: null, newNo: y });
    else ops.push({ op: "delete", text: a[x - 1], oldNo: x, newNo: null });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push({ op: "equal", text: a[x - 1], oldNo: x, newNo: y });
    x -= 1;
    y -= 1;
  }
  return ops.reverse();
}

/** Group edits into unified-diff hunks with `context` unchanged lines around each change. */
export function hunks(ops, context = 3) {
  const changed = ops.map((o, i) => (o.op === "equal" ? -1 : i)).filter((i) => i >= 0);
  if (!changed.length) return [];
  const groups = [];
  let start = Math.max(0, changed[0] - context);
  let end = Math.min(ops.length, changed[0] + context + 1);
  for (const i of changed.slice(1)) {
    if (i - context <= end) {
      end = Math.min(ops.length, i + context + 1);
    } else {
      groups.push([start, end]);
      start = Math.max(0, i - context);
      end = Math.min(ops.length, i + context + 1);
    }
  }
  groups.push([start, end]);
  return groups.map(([s, e]) => {
    const lines = ops.slice(s, e);
    const firstOld = lines.find((l) => l.oldNo !== null);
    const firstNew = lines.find((l) => l.newNo !== null);
    const oldLines = lines.filter((l) => l.op !== "insert").length;
    const newLines = lines.filter((l) => l.op !== "delete").length;
    return {
      oldStart: firstOld ? firstOld.oldNo : 0,
      oldLines,
      newStart: firstNew ? firstNew.newNo : 0,
      newLines,
      lines,
    };
  });
}

/** Counts of added and removed lines. */
export function diffStats(ops) {
  return {
    added: ops.filter((o) => o.op === "insert").length,
    removed: ops.filter((o) => o.op === "delete").length,
  };
}

const MARK = { equal: " ", insert: "+", delete: "-" };
const SPOKEN = { insert: "added: ", delete: "removed: " };

/** The unified diff as text (what Copy puts on the clipboard). */
export function unifiedText(oldText, newText, path) {
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const out = [`--- a/${path}`, `+++ b/${path}`];
  for (const h of hunks(ops)) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) out.push(MARK[l.op] + l.text);
  }
  return `${out.join("\n")}\n`;
}

/** A rendered unified diff of `oldText` → `newText`. */
export function renderDiff(oldText, newText, path) {
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const stats = diffStats(ops);
  const body = el("code");
  const list = hunks(ops);
  if (!list.length) body.append(el("span", { class: "diff-line diff-meta" }, "No changes: the repository already has this content."));
  for (const h of list) {
    body.append(el("span", { class: "diff-line diff-hunk" },
      `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`));
    for (const l of h.lines) {
      body.append(el("span", { class: `diff-line diff-${l.op}` },
        el("span", { class: "diff-no", "aria-hidden": "true" }, l.oldNo ?? ""),
        el("span", { class: "diff-no", "aria-hidden": "true" }, l.newNo ?? ""),
        el("span", { class: "diff-mark", "aria-hidden": "true" }, MARK[l.op]),
        SPOKEN[l.op] ? srOnly(SPOKEN[l.op]) : null,
        l.text || " "));
    }
  }
  const pre = el("pre", { class: "code diff", tabindex: "0",
    "aria-label": `Changes to ${path}: ${stats.added} lines added, ${stats.removed} removed` }, body);
  return { node: pre, stats };
}
