// A proposal: its files as tabs (each with a diff against the repository's current file when there is
// one), its policy-check table, and the "Open pull request" step behind a confirmation dialog.
import { api } from "./api.js";
import { codeActions, codeBlock } from "./code.js";
import { confirmPullRequest, pullRequestResult } from "./confirm.js";
import { el, uid } from "./dom.js";
import { renderDiff, unifiedText } from "./diff.js";
import { validationTable } from "./validation.js";

function fileTabs(files, current) {
  const paths = Object.keys(files);
  const tablist = el("div", { class: "tabs", role: "tablist", "aria-label": "Files in this proposal" });
  const panels = el("div", { class: "tab-panels" });
  const tabs = [];
  const views = [];
  paths.forEach((path, index) => {
    const tabId = uid("tab");
    const panelId = uid("panel");
    const short = path.split("/").pop();
    const tab = el("button", {
      type: "button", role: "tab", id: tabId, "aria-controls": panelId,
      "aria-selected": index === 0 ? "true" : "false", tabindex: index === 0 ? "0" : "-1",
      title: path,
    }, short);
    const panel = el("div", { role: "tabpanel", id: panelId, "aria-labelledby": tabId, class: "tab-panel", hidden: index !== 0 });
    tabs.push(tab);
    tablist.append(tab);
    panels.append(panel);
    const view = fileView(path, files[path], panel);
    views.push(view);
    if (current) view.setCurrent(current[path]);
  });
  const select = (i, focus) => {
    tabs.forEach((t, n) => {
      t.setAttribute("aria-selected", n === i ? "true" : "false");
      t.tabIndex = n === i ? 0 : -1;
      panels.children[n].hidden = n !== i;
    });
    if (focus) tabs[i].focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(i, false));
    tab.addEventListener("keydown", (event) => {
      const last = tabs.length - 1;
      const next = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last }[event.key];
      if (next !== undefined) {
        event.preventDefault();
        select(next, true);
      }
    });
  });
  return { node: el("div", { class: "files" }, tablist, panels), views };
}

/** One file's panel: a status line, a Diff/File switch when the repository has the file, and the code. */
function fileView(path, content, panel) {
  const state = el("span", { class: "file-state muted" }, "Comparing with the repository…");
  const switcher = el("span", { class: "view-switch", role: "group", "aria-label": `View of ${path}` });
  const actions = el("span", { class: "code-actions" });
  const body = el("div", { class: "file-body" });
  panel.append(
    el("div", { class: "file-bar" },
      el("code", { class: "file-path" }, path), state, switcher, actions),
    body);
  let current;
  let mode = "file";
  const name = path.split("/").pop();
  // Copy and Download always give the proposed file itself, whichever view is showing.
  actions.append(...codeActions(() => content, () => name, name));
  const render = () => {
    body.replaceChildren(mode === "diff"
      ? renderDiff(current, content, path).node
      : codeBlock(content, null, { filename: path }).querySelector("pre"));
    for (const b of switcher.children) b.setAttribute("aria-pressed", b.dataset.mode === mode ? "true" : "false");
  };
  render();
  return {
    setCurrent(value) {
      current = value;
      switcher.replaceChildren();
      if (value === undefined) {
        state.textContent = "Could not compare with the repository.";
        return;
      }
      if (value === null) {
        state.textContent = "New file";
        state.className = "file-state badge new";
        return;
      }
      const { stats } = renderDiff(value, content, path);
      state.className = "file-state badge changed";
      state.textContent = stats.added || stats.removed
        ? `Changes an existing file: +${stats.added} −${stats.removed}`
        : "Same as the repository";
      // Reviewers can take the change itself along, as a unified diff.
      const copyDiff = codeActions(() => unifiedText(value, content, path), () => `${name}.diff`, `the diff of ${name}`, "Copy diff")[0];
      actions.prepend(copyDiff);
      for (const [m, label] of [["diff", "Diff"], ["file", "Whole file"]]) {
        const b = el("button", { type: "button", class: "small ghost", "data-mode": m, "aria-pressed": "false" }, label);
        b.addEventListener("click", () => {
          mode = m;
          render();
        });
        switcher.append(b);
      }
      mode = "diff";
      render();
    },
  };
}

function paramList(proposal) {
  const params = proposal.params || {};
  const suggested = proposal.suggested || {};
  const names = [...Object.keys(params), ...Object.keys(suggested).filter((k) => !(k in params))];
  if (!names.length) return null;
  const dl = el("dl", { class: "params" });
  for (const name of names) {
    const value = name in params ? params[name] : suggested[name];
    dl.append(el("dt", {}, el("code", {}, name)),
      el("dd", {}, typeof value === "string" ? value : JSON.stringify(value),
        name in params ? null : el("span", { class: "muted" }, " (suggested by Palisade)")));
  }
  return el("details", { class: "params-box" }, el("summary", {}, "Parameters"), dl);
}

function resourceName(proposal) {
  return (proposal.branch || "").split("/").pop() || proposal.blueprint;
}

/**
 * Render a proposal card. `validation` may come later (`card.setValidation`); the current repository
 * files are fetched from `GET /api/v1/proposals/{id}` to show diffs.
 */
export function proposalCard(proposal, { validation = null, pullRequest = null } = {}) {
  const titleId = uid("proposal");
  const files = proposal.files || {};
  const count = Object.keys(files).length;
  const badge = el("span", { class: "badge" });
  const checks = el("div", { class: "checks-area" }, el("p", { class: "muted" }, "Running policy checks…"));
  const prArea = el("div", { class: "pr-area" });
  const tabs = fileTabs(files, null);
  const card = el("section", { class: "proposal", "aria-labelledby": titleId, "data-proposal-id": proposal.id ?? "" },
    el("header", { class: "proposal-head" },
      el("h3", { id: titleId }, `Proposal: ${proposal.blueprint} · ${resourceName(proposal)}`),
      badge,
      el("p", { class: "muted proposal-meta" }, "Branch ", el("code", {}, proposal.branch || "—"),
        ` · ${count} file${count === 1 ? "" : "s"}`)),
    paramList(proposal),
    tabs.node,
    checks,
    prArea);
  let report = null;

  const setBadge = () => {
    const ready = proposal.ready && (!report || report.passed !== false);
    badge.className = `badge ${ready ? "ok" : "bad"}`;
    badge.textContent = ready ? "Ready for a pull request" : "Not ready: checks failed";
  };

  const showPullRequest = (pr) => {
    prArea.replaceChildren(pullRequestResult(pr));
  };

  const showConfirm = () => {
    prArea.replaceChildren();
    if (!proposal.ready || proposal.id === null || proposal.id === undefined) {
      prArea.append(el("p", { class: "muted" }, proposal.ready
        ? "This proposal was not saved, so it cannot be opened as a pull request."
        : "A pull request can only be opened once every check passes. Ask again with the fix above."));
      return;
    }
    const button = el("button", { type: "button", class: "primary" }, "Open pull request…");
    button.addEventListener("click", async () => {
      const pr = await confirmPullRequest(proposal, report, button);
      if (pr) {
        showPullRequest(pr);
        prArea.querySelector(".pr-result")?.focus();
      }
    });
    prArea.append(button);
  };

  card.setValidation = (value) => {
    report = value;
    checks.replaceChildren(validationTable(value, { title: `Policy checks for ${proposal.blueprint}` }));
    setBadge();
  };
  setBadge();
  if (validation) card.setValidation(validation);
  if (pullRequest) showPullRequest(pullRequest);
  else showConfirm();

  if (proposal.id !== null && proposal.id !== undefined) {
    api.getProposal(proposal.id).then((detail) => {
      const current = detail.current_files || {};
      tabs.views.forEach((view, i) => view.setCurrent(Object.keys(files)[i] in current ? current[Object.keys(files)[i]] : undefined));
      if (detail.current_files_repo) proposal.repo = detail.current_files_repo;
      if (!pullRequest && detail.pull_request) showPullRequest(detail.pull_request);
    }).catch(() => {
      tabs.views.forEach((view) => view.setCurrent(undefined));
    });
  } else {
    tabs.views.forEach((view) => view.setCurrent(undefined));
  }
  return card;
}
