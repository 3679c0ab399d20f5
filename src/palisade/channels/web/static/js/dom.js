// Tiny DOM helpers. Everything the server sends is inserted as text nodes, never parsed as HTML, so a
// reply, a file or a conversation title can never become markup or script.

/**
 * Create an element. `attrs` values: strings set attributes, `true` sets a boolean attribute, `false`,
 * `null` and `undefined` are skipped; `on` is a map of event listeners. Children may be nodes, strings
 * (become text nodes), arrays, or null/false (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "on") {
      for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    } else if (value === true) {
      node.setAttribute(key, "");
    } else if (value !== false && value !== null && value !== undefined) {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

/** Append children (see `el`) to `node`. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A text that only screen readers announce (e.g. "added line" next to a "+" marker). */
export function srOnly(text) {
  return el("span", { class: "sr-only" }, text);
}

let counter = 0;
/** A document-unique id for aria-controls / aria-labelledby pairs. */
export function uid(prefix = "id") {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Announce `text` politely to screen readers through the page's status region. */
export function announce(text) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A new text node in a fresh task is announced even when the text repeats.
  setTimeout(() => { region.textContent = text; }, 30);
}

/** "3 minutes ago" style time for the sidebar; falls back to the date for anything older than a week. */
export function relativeTime(iso, now = Date.now()) {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "";
  const seconds = Math.round((now - then) / 1000);
  const units = [["day", 86400], ["hour", 3600], ["minute", 60]];
  if (seconds < 45) return "just now";
  for (const [unit, size] of units) {
    if (seconds >= size) {
      if (unit === "day" && seconds >= 7 * 86400) return new Date(then).toLocaleDateString();
      const n = Math.round(seconds / size);
      return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
    }
  }
  return "1 minute ago";
}
