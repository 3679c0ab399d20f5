// The explicit confirmation before anything is written: a modal dialog that shows the repository, the
// branch, the files and the check results, and only then calls `POST /api/v1/proposals/{id}/confirm`.
import { api } from "./api.js";
import { codeActions } from "./code.js";
import { announce, el } from "./dom.js";
import { icon } from "./icons.js";
import { link, safeUrl } from "./markdown.js";
import { summary } from "./validation.js";

function repositoryLabel(proposal) {
  return proposal.repo || proposal.repository || "The repository configured on the Palisade server";
}

/**
 * Ask the user to confirm `proposal`; on "Open pull request" call the API. Resolves with the pull
 * request (`{repo, branch, url, number, commit, created}`) or null when cancelled. Focus returns to
 * `opener` when the dialog closes without a result.
 */
export function confirmPullRequest(proposal, report, opener) {
  const dialog = document.getElementById("confirm-dialog");
  const files = Object.keys(proposal.files || {});
  const error = el("p", { class: "dialog-error", role: "alert", hidden: true });
  const cancel = el("button", { type: "button", class: "ghost", value: "cancel" }, "Cancel");
  const submit = el("button", { type: "submit", class: "primary", value: "confirm" }, "Open pull request");
  const checks = report
    ? [summary(report), report.passed ? " — all required checks passed" : " — checks FAILED"]
    : ["not available"];
  const form = el("form", { method: "dialog", class: "dialog-body" },
    el("h2", { id: "confirm-title" }, "Open a pull request?"),
    el("p", { id: "confirm-desc", class: "muted" },
      "Palisade will write these files on their own branch as one commit. Nothing is merged: the pull "
      + "request still needs a review."),
    el("dl", { class: "confirm-facts" },
      el("dt", {}, "Repository"), el("dd", { "data-field": "repo" }, repositoryLabel(proposal)),
      el("dt", {}, "Branch"), el("dd", { "data-field": "branch" }, el("code", {}, proposal.branch || "")),
      el("dt", {}, `Files (${files.length})`),
      el("dd", { "data-field": "files" }, el("ul", { class: "file-list" }, files.map((f) => el("li", {}, el("code", {}, f))))),
      el("dt", {}, "Policy checks"), el("dd", { "data-field": "checks" }, checks)),
    error,
    el("div", { class: "dialog-actions" }, cancel, submit));
  dialog.replaceChildren(form);
  dialog.setAttribute("aria-labelledby", "confirm-title");
  dialog.setAttribute("aria-describedby", "confirm-desc");

  return new Promise((resolve) => {
    let result = null;
    let busy = false;
    const finish = () => {
      dialog.removeEventListener("close", onClose);
      dialog.removeEventListener("cancel", onCancel);
      resolve(result);
      if (!result && opener && opener.isConnected) opener.focus();
    };
    const onClose = () => finish();
    const onCancel = (event) => {
      if (busy) event.preventDefault(); // keep the dialog while the request is in flight
    };
    dialog.addEventListener("close", onClose);
    dialog.addEventListener("cancel", onCancel);
    cancel.addEventListener("click", () => dialog.close("cancel"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      busy = true;
      submit.disabled = true;
      cancel.disabled = true;
      submit.textContent = "Opening…";
      error.hidden = true;
      try {
        const body = await api.confirm(proposal.id, null);
        result = body.pull_request;
        announce(`Pull request ${result.number ? `#${result.number} ` : ""}${result.created === false ? "updated" : "opened"}`);
        busy = false;
        dialog.close("confirm");
      } catch (err) {
        busy = false;
        error.textContent = `The pull request was not opened: ${err.message}`;
        error.hidden = false;
        submit.disabled = false;
        cancel.disabled = false;
        submit.textContent = "Try again";
        submit.focus();
      }
    });
    dialog.showModal();
    cancel.focus(); // the safe choice has focus; confirming is a deliberate second step
  });
}

/** What the user sees once the pull request exists: number, branch, repository and a safe link. */
export function pullRequestResult(pr) {
  const verb = pr.created === false ? "updated" : "opened";
  const number = pr.number !== null && pr.number !== undefined ? `#${pr.number}` : "";
  const href = safeUrl(pr.url || "");
  const where = href
    ? link(href, pr.url)
    : el("code", { class: "pr-url" }, pr.url || "");
  const copy = codeActions(() => pr.url || "", () => "pull-request.txt", "pull request link")[0];
  return el("div", { class: "pr-result", role: "status", tabindex: "-1" },
    el("p", {}, el("span", { class: "status status-passed" },
      icon("check", "status-icon"),
      `Pull request ${number} ${verb}`.replace("  ", " "))),
    el("dl", { class: "confirm-facts" },
      pr.repo ? [el("dt", {}, "Repository"), el("dd", {}, pr.repo)] : null,
      el("dt", {}, "Branch"), el("dd", {}, el("code", {}, pr.branch || "")),
      pr.commit ? [el("dt", {}, "Commit"), el("dd", {}, el("code", {}, String(pr.commit).slice(0, 12)))] : null,
      el("dt", {}, "Link"), el("dd", { class: "pr-link" }, where, " ", copy)));
}
