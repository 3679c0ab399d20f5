"""The page's own modules, run in the real browser: the markdown renderer is safe, the highlighter and
the line diff are right, the SSE parser survives any chunking, and every code block has Copy/Download.
Plus the static guarantees the Content-Security-Policy relies on (no inline script or style, no eval).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import BrowserLog, Pages, playwright_sync_api
from tests.helpers import LiveServer

expect = playwright_sync_api().expect

STATIC = Path(str(resources.files("palisade.channels") / "web" / "static"))

RENDER = """async (source) => {
  const { renderMarkdown } = await import("/static/js/markdown.js");
  const box = document.createElement("div");
  box.append(renderMarkdown(source));
  return box.innerHTML;
}"""


@pytest.fixture(scope="module")
def module_page(browser: Any, live: LiveServer) -> Iterator[Any]:
    """One watched page for the whole module: these tests only import modules and render into it."""
    pages = Pages(browser, live.url, BrowserLog())
    page = pages.open()
    page.goto("/")
    expect(page.get_by_label("Your message")).to_be_visible()
    try:
        yield page
    finally:
        pages.close()


@pytest.mark.parametrize(
    "source",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "**<b onmouseover=alert(1)>bold</b>**",
        "```hcl\n</code></pre><script>alert(1)</script>\n```",
        "| a | b |\n|---|---|\n| <iframe src=x> | `<svg onload=alert(1)>` |",
        "- <a href=javascript:alert(1)>x</a>",
    ],
    ids=["img-onerror", "script", "html-in-bold", "fence-breakout", "table-cells", "raw-anchor"],
)
def test_markdown_never_creates_markup_from_text(module_page: Any, source: str) -> None:
    rendered = module_page.evaluate(
        """async (source) => {
          const { renderMarkdown } = await import("/static/js/markdown.js");
          const box = document.createElement("div");
          box.append(renderMarkdown(source));
          const all = [...box.querySelectorAll("*")];
          return {
            tags: [...new Set(all.map((n) => n.tagName.toLowerCase()))],
            handlers: all.flatMap((n) => [...n.attributes].map((a) => a.name)).filter((a) => a.startsWith("on")),
            text: box.textContent,
          };
        }""",
        source,
    )
    assert not {"script", "img", "iframe", "svg", "b", "a"} & set(rendered["tags"]), rendered
    assert rendered["handlers"] == []
    assert "<" in rendered["text"], "the text is still there for the reader, as text"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "/relative/path",
        "//evil.example/x",
        "file:///etc/passwd",
    ],
)
def test_only_http_links_become_anchors(module_page: Any, href: str) -> None:
    html = module_page.evaluate(RENDER, f"[click me]({href})")
    assert "<a " not in html, html
    assert "click me" in html


def test_markdown_structures(module_page: Any) -> None:
    source = "\n".join(
        [
            "# Title",
            "Some **bold**, *italic*, `inline **code**` and a snake_case_name.",
            "A [link](https://example.com/a?b=1) and https://example.org/x.",
            "",
            "- one",
            "  - nested `a`",
            "- two",
            "",
            "3. three",
            "4. four",
            "",
            "> quoted",
            "",
            "| Check | Result |",
            "|---|:---:|",
            "| CKV_AWS_18 | skipped |",
            "",
            "```yaml",
            "name: x",
            "```",
        ]
    )
    html = module_page.evaluate(RENDER, source)
    assert '<h3 class="md-h1">Title</h3>' in html
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<code>inline **code**</code>" in html
    assert "snake_case_name" in html and "<em>case</em>" not in html
    assert (
        '<a href="https://example.com/a?b=1" rel="noopener noreferrer" target="_blank">link</a>'
        in html
    )
    assert '<a href="https://example.org/x" rel="noopener noreferrer"' in html
    assert re.search(
        r"<ul><li>one<ul><li>nested <code>a</code></li></ul></li><li>two</li></ul>", html
    )
    assert '<ol start="3"><li>three</li><li>four</li></ol>' in html
    assert "<blockquote><p>quoted</p></blockquote>" in html
    assert '<th scope="col" class="align-center">Result</th>' in html
    assert 'class="code-block"' in html and 'class="lang-yaml"' in html


def test_streaming_partial_fence_renders_as_code(module_page: Any) -> None:
    html = module_page.evaluate(RENDER, 'Here:\n\n```hcl\nresource "aws_s3_bucket" "x" {')
    assert 'class="lang-hcl"' in html
    assert '<span class="tok-keyword">resource</span>' in html


TOKENS = """async ([code, language]) => {
  const { tokenize } = await import("/static/js/highlight.js");
  return tokenize(code, language).filter(([kind]) => kind !== "plain");
}"""


def test_hcl_tokens(module_page: Any) -> None:
    code = (
        'resource "aws_s3_bucket" "this" {\n'
        '  bucket = "logs-${var.name}" # why\n'
        "  count  = 2\n"
        "  force_destroy = false\n"
        "}\n"
    )
    tokens = [tuple(t) for t in module_page.evaluate(TOKENS, [code, "terraform"])]
    assert ("keyword", "resource") in tokens
    assert ("string", '"aws_s3_bucket"') in tokens
    assert ("attr", "bucket") in tokens
    assert ("string", '"logs-${var.name}"') in tokens
    assert ("comment", "# why") in tokens
    assert ("number", "2") in tokens
    assert ("literal", "false") in tokens
    assert ("attr", "count") in tokens, "an attribute named like a keyword is an attribute"


def test_yaml_and_json_tokens(module_page: Any) -> None:
    yaml = "apiVersion: v1\nkind: Namespace  # ns\nmetadata:\n  labels:\n    enforce: 'restricted'\n  - true\n"
    tokens = [tuple(t) for t in module_page.evaluate(TOKENS, [yaml, "yaml"])]
    assert ("attr", "apiVersion") in tokens and ("attr", "enforce") in tokens
    assert ("string", "'restricted'") in tokens
    assert ("comment", "# ns") in tokens
    assert ("literal", "true") in tokens
    as_json = '{"Version": "2012-10-17", "n": -1.5e3, "ok": null}'
    tokens = [tuple(t) for t in module_page.evaluate(TOKENS, [as_json, "json"])]
    assert ("attr", '"Version"') in tokens and ("string", '"2012-10-17"') in tokens
    assert ("number", "-1.5e3") in tokens and ("literal", "null") in tokens


def test_random_input_renders_and_tokenizes_losslessly(module_page: Any) -> None:
    """Fuzz (seeded, bounded): any mix of markdown/HCL syntax renders, and no tokenizer drops text."""
    problems = module_page.evaluate(
        """async () => {
          const { renderMarkdown } = await import("/static/js/markdown.js");
          const { tokenize } = await import("/static/js/highlight.js");
          const parts = ["*", "**", "_", "`", "```", "~~", "[", "]", "(", ")", "https://a.b/c",
            String.fromCharCode(92), String.fromCharCode(10), String.fromCharCode(10, 10), "- ", "1. ",
            "  ", "#", "> ", "|", "---", "a", "b c", ":", '"', "'", "${", "}", "{", "<", ">", "=", "-",
            "~~~", String.fromCharCode(9), "<img src=x onerror=alert(1)>"];
          let seed = 11;
          const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
          const problems = [];
          for (let n = 0; n < 3000; n++) {
            let s = "";
            for (let i = Math.floor(rnd() * 40); i > 0; i--) s += parts[Math.floor(rnd() * parts.length)];
            const box = document.createElement("div");
            box.append(renderMarkdown(s));
            if (box.querySelector("img, script")) problems.push(["markup", s]);
            for (const lang of ["hcl", "yaml", "json"]) {
              if (tokenize(s, lang).map((t) => t[1]).join("") !== s) problems.push([lang, s]);
            }
          }
          return problems.slice(0, 5);
        }"""
    )
    assert problems == []


def test_line_diff_is_a_shortest_edit_script(module_page: Any) -> None:
    """Random cases against a reference LCS: the diff rebuilds both sides and is minimal."""
    failures = module_page.evaluate(
        """async () => {
          const { diffLines } = await import("/static/js/diff.js");
          const lcs = (a, b) => {
            const d = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
            for (let i = a.length - 1; i >= 0; i--)
              for (let j = b.length - 1; j >= 0; j--)
                d[i][j] = a[i] === b[j] ? d[i + 1][j + 1] + 1 : Math.max(d[i + 1][j], d[i][j + 1]);
            return d[0][0];
          };
          let seed = 7;
          const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
          const failures = [];
          for (let t = 0; t < 400; t++) {
            const a = Array.from({ length: Math.floor(rnd() * 14) }, () => "abcd"[Math.floor(rnd() * 4)]);
            const b = Array.from({ length: Math.floor(rnd() * 14) }, () => "abcd"[Math.floor(rnd() * 4)]);
            const ops = diffLines(a, b);
            const left = ops.filter((o) => o.op !== "insert").map((o) => o.text).join("");
            const right = ops.filter((o) => o.op !== "delete").map((o) => o.text).join("");
            const kept = ops.filter((o) => o.op === "equal").length;
            const numbered = ops.every((o) => (o.oldNo === null || a[o.oldNo - 1] === o.text)
              && (o.newNo === null || b[o.newNo - 1] === o.text));
            if (left !== a.join("") || right !== b.join("") || kept !== lcs(a, b) || !numbered)
              failures.push([a.join(""), b.join("")]);
          }
          return failures;
        }"""
    )
    assert failures == []


def test_unified_hunks(module_page: Any) -> None:
    text = module_page.evaluate(
        """async () => {
          const { unifiedText } = await import("/static/js/diff.js");
          const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\\n") + "\\n";
          const now = old.replace("line 3\\n", "line three\\n").replace("line 18\\n", "");
          return unifiedText(old, now, "main.tf");
        }"""
    )
    assert text.splitlines() == [
        "--- a/main.tf",
        "+++ b/main.tf",
        "@@ -1,6 +1,6 @@",
        " line 1",
        " line 2",
        "-line 3",
        "+line three",
        " line 4",
        " line 5",
        " line 6",
        "@@ -15,6 +15,5 @@",
        " line 15",
        " line 16",
        " line 17",
        "-line 18",
        " line 19",
        " line 20",
    ]


def test_sse_parser_survives_any_chunking(module_page: Any) -> None:
    results = module_page.evaluate(
        """async () => {
          const { SseParser } = await import("/static/js/sse.js");
          const wire = 'event: started\\r\\ndata: {"conversation_id":"c1"}\\r\\n\\r\\n: ping\\n\\n'
            + 'event: delta\\ndata: {"text":"a\\\\nb"}\\n\\n'
            + 'data: line1\\ndata: line2\\n\\n'
            + 'event: done\\rdata: {}\\r\\r'
            + 'event: error\\ndata: {"unfinished": true}';
          const runs = [];
          for (let cut = 0; cut <= wire.length; cut++) {
            const seen = [];
            const parser = new SseParser((e) => seen.push([e.type, e.data]));
            parser.push(wire.slice(0, cut));
            parser.push(wire.slice(cut));
            parser.end();
            runs.push(JSON.stringify(seen));
          }
          return [...new Set(runs)];
        }"""
    )
    assert len(results) == 1, results
    assert json.loads(results[0]) == [
        ["started", '{"conversation_id":"c1"}'],
        ["delta", '{"text":"a\\nb"}'],
        ["message", "line1\nline2"],
        ["done", "{}"],
    ]


def test_code_blocks_copy_and_download(module_page: Any) -> None:
    page = module_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate(
        """async () => {
          const { renderMarkdown } = await import("/static/js/markdown.js");
          const box = document.createElement("section");
          box.id = "sample";
          box.append(renderMarkdown('```json\\n{"a": 1}\\n```'));
          document.getElementById("thread").append(box);
        }"""
    )
    block = page.locator("#sample .code-block")
    expect(block.locator(".code-lang")).to_have_text("JSON")
    block.get_by_role("button", name="Copy JSON code").click()
    expect(block.get_by_role("button", name="Copy JSON code")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == '{"a": 1}'
    with page.expect_download() as download:
        block.get_by_role("button", name="Download JSON code").click()
    assert download.value.suggested_filename == "snippet.json"
    assert Path(download.value.path()).read_text() == '{"a": 1}'


def test_static_files_keep_the_csp_strict() -> None:
    """No inline script or style, no inline handlers, no eval-like calls, no off-site URLs."""
    html = (STATIC / "index.html").read_text()
    assert re.findall(r"<script\b[^>]*>", html) == [
        '<script type="module" src="/static/js/app.js">'
    ]
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)
    for path in [*STATIC.glob("js/*.js"), STATIC / "style.css", STATIC / "index.html"]:
        text = path.read_text()
        for banned in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            'setAttribute("style"',
            "@import",
        ):
            assert banned not in text, f"{path.name} uses {banned}"
        assert not re.search(
            r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text.replace("http://www.w3.org/2000/svg", "")
        ), path.name
