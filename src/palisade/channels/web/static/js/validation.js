// The policy-check results of a proposal as a table: failed checks with their fix hint first, then
// skipped checks with the written reason, then how many passed. Status is always spelled out in text,
// never conveyed by colour alone.
import { el } from "./dom.js";
import { icon } from "./icons.js";

/** "41 passed · 6 skipped · 0 failed" */
export function summary(report) {
  const failed = (report.failed || []).length;
  const skipped = (report.skipped || []).length;
  return `${report.passed_count ?? 0} passed · ${skipped} skipped · ${failed} failed`;
}

function status(kind, text) {
  return el("span", { class: `status status-${kind}` },
    icon({ failed: "cross", skipped: "skip", passed: "check" }[kind], "status-icon"),
    text);
}

function location(finding) {
  const file = finding.file ? finding.file.split("/").pop() : "";
  return finding.line ? `${file}:${finding.line}` : file;
}

/** The validation table for one proposal's report (`ValidationReport.to_dict()`). */
export function validationTable(report, { title = "Policy checks" } = {}) {
  const failed = report.failed || [];
  const skipped = report.skipped || [];
  const rows = [];
  for (const f of failed) {
    rows.push(el("tr", { class: "row-failed" },
      el("td", {}, status("failed", "Failed")),
      el("td", {}, el("code", {}, f.check_id)),
      el("td", {}, el("span", { class: "resource" }, f.resource || ""), el("span", { class: "muted where" }, location(f))),
      el("td", {}, f.message || "", f.fix ? el("span", { class: "fix" }, el("strong", {}, "How to fix: "), f.fix) : null)));
  }
  for (const s of skipped) {
    rows.push(el("tr", { class: "row-skipped" },
      el("td", {}, status("skipped", "Skipped")),
      el("td", {}, el("code", {}, s.check_id)),
      el("td", {}, el("span", { class: "resource" }, s.resource || ""), el("span", { class: "muted where" }, location(s))),
      el("td", {}, el("strong", {}, "Reason: "), s.reason || "(no reason given)")));
  }
  rows.push(el("tr", { class: "row-passed" },
    el("td", {}, status("passed", "Passed")),
    el("td", { colspan: "3" }, `${report.passed_count ?? 0} checks passed (Checkov and Palisade's own checks).`)));
  const verdict = report.passed
    ? el("p", { class: "verdict ok" }, status("passed", "All required checks passed"))
    : el("p", { class: "verdict bad" }, status("failed", "Checks failed: this cannot become a pull request until they are fixed"));
  return el("div", { class: "validation" },
    verdict,
    el("div", { class: "table-wrap" },
      el("table", { class: "checks" },
        el("caption", {}, `${title}: ${summary(report)}`),
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, "Result"),
          el("th", { scope: "col" }, "Check"),
          el("th", { scope: "col" }, "Resource"),
          el("th", { scope: "col" }, "Details"))),
        el("tbody", {}, rows))));
}
