// Small line icons drawn as inline SVG. Emoji and rare symbols depend on the fonts a machine has (an
// air-gapped server often has none), so anything that must render is drawn here instead.

const SVG = "http://www.w3.org/2000/svg";

// 24×24 drawings: [element, attributes] pairs, stroked with the current text colour.
const SHAPES = {
  shield: [["path", { d: "M12 2.5 4.5 5.5v5.8c0 4.6 3.1 8.6 7.5 10.2 4.4-1.6 7.5-5.6 7.5-10.2V5.5z" }],
    ["path", { d: "m8.8 12 2.3 2.3 4.3-4.6" }]],
  trash: [["path", { d: "M4 7h16M9.5 7V4.5h5V7M6.5 7l1 13h9l1-13M10.2 11v5.5M13.8 11v5.5" }]],
  "thumb-up": [["path", { d: "M3.5 10.5h3.5V20H3.5zM7 10.5l3.6-7c1.5.1 2.6 1.3 2.6 2.8V9.5h5.3c1.3 0 2.2 1.2 2 2.4l-1.3 6.3A2.2 2.2 0 0 1 16.6 20H7" }]],
  "thumb-down": [["path", { d: "M3.5 13.5h3.5V4H3.5zM7 13.5l3.6 7c1.5-.1 2.6-1.3 2.6-2.8v-3.2h5.3c1.3 0 2.2-1.2 2-2.4l-1.3-6.3A2.2 2.2 0 0 0 16.6 4H7" }]],
  menu: [["path", { d: "M4 6.5h16M4 12h16M4 17.5h16" }]],
  contrast: [["circle", { cx: "12", cy: "12", r: "8.5" }], ["path", { d: "M12 3.5a8.5 8.5 0 0 1 0 17z", fill: "currentColor" }]],
  stop: [["rect", { x: "6", y: "6", width: "12", height: "12", rx: "1.5", fill: "currentColor" }]],
  alert: [["circle", { cx: "12", cy: "12", r: "8.5" }], ["path", { d: "M12 7.5v5.5M12 16.2v.3" }]],
  check: [["path", { d: "m5 12.5 4.5 4.5L19 7.5" }]],
  cross: [["path", { d: "M6.5 6.5l11 11M17.5 6.5l-11 11" }]],
  skip: [["path", { d: "M6 12h12" }]],
  "arrow-down": [["path", { d: "M12 5v13.5M6.5 13l5.5 5.5 5.5-5.5" }]],
};

/** An inline SVG icon, hidden from screen readers (the control's text or aria-label names it). */
export function icon(name, className = "") {
  const svg = document.createElementNS(SVG, "svg");
  for (const [key, value] of Object.entries({
    viewBox: "0 0 24 24", width: "1em", height: "1em", fill: "none", stroke: "currentColor",
    "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round",
    "aria-hidden": "true", focusable: "false", class: `icon-svg ${className}`.trim(),
  })) svg.setAttribute(key, value);
  for (const [tag, attrs] of SHAPES[name] || []) {
    const part = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) part.setAttribute(key, value);
    svg.append(part);
  }
  return svg;
}

/** Replace every `<span data-icon="name">` placeholder in the static page with its drawing. */
export function hydrateIcons(root = document) {
  for (const slot of root.querySelectorAll("[data-icon]")) slot.replaceWith(icon(slot.dataset.icon, slot.className));
}
