"""A loopback fake of GitHub (Enterprise Server layout) backed by real bare git repositories.

It serves, under ``/api/v3``, the REST endpoints Palisade's sink calls through PyGithub (repos, git
blobs/trees/commits/refs, pulls, issue labels, requested reviewers, rate limit, App installation
tokens) and git smart HTTP (``/<owner>/<name>.git``) through ``git http-backend``, so a real
``git clone`` checks what was committed. Every object is a real git object made with plumbing
(``hash-object``, ``read-tree``/``update-index``/``write-tree``, ``commit-tree``, ``update-ref``).

GitHub behaviours that matter to the sink are reproduced: 401 for unknown tokens, 403 "Resource not
accessible" with ``X-Accepted-GitHub-Permissions`` when a token lacks a permission, 409 "Git
Repository is empty", 422 "Reference already exists" / "A pull request already exists" / protected
branches / non-fast-forward updates. Scenario switches (``inject``, ``protect``, ``race_*``) are the
fake's own behaviour, set by a test before it runs the sink.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

API = "/api/v3"
ZERO = "0" * 40
ALL_WRITE = {"contents": "write", "pull_requests": "write", "issues": "write", "metadata": "read"}

# What each endpoint needs, as GitHub reports it in X-Accepted-GitHub-Permissions.
_NEEDS: list[tuple[str, str, str]] = [
    ("GET", r"/repos/[^/]+/[^/]+$", "metadata=read"),
    ("GET", r"/git/", "contents=read"),
    ("POST", r"/git/", "contents=write"),
    ("PATCH", r"/git/", "contents=write"),
    ("GET", r"/pulls", "pull_requests=read"),
    ("POST", r"/pulls/\d+/requested_reviewers", "pull_requests=write"),
    ("POST", r"/pulls$", "pull_requests=write"),
    ("PATCH", r"/pulls/", "pull_requests=write"),
    ("POST", r"/issues/\d+/labels", "issues=write"),
]


class FakeError(Exception):
    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"message": message, **extra}
        self.headers: dict[str, str] = {}


@dataclass
class Injection:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int


@dataclass
class Principal:
    login: str
    name: str
    email: str
    permissions: dict[str, str]


@dataclass
class FakeRepo:
    owner: str
    name: str
    path: Path
    default_branch: str
    id: int
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    protected: list[str] = field(
        default_factory=list
    )  # fnmatch-like branch patterns ("*" wildcard)
    race_pull: bool = False
    race_ref: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


class FakeGitHub:
    """The fake's state and its ASGI ``app``; ``url`` must be set to the served base URL."""

    def __init__(
        self,
        root: Path,
        *,
        token: str = "ghp_fake_dev_token",
        token_permissions: Mapping[str, str] | None = None,
        app_id: int | None = None,
        app_public_key: str | None = None,
        installation_id: int = 4242,
        installation_permissions: Mapping[str, str] | None = None,
        known_users: tuple[str, ...] = ("alice", "bob"),
    ) -> None:
        self.root = root
        self.url = ""  # set by the test once the server listens: http://127.0.0.1:PORT
        self.lock = threading.RLock()
        self.repos: dict[str, FakeRepo] = {}
        self.requests: list[tuple[str, str]] = []
        self.injections: list[Injection] = []
        self.token_requests: list[dict[str, Any]] = []
        self.known_users = set(known_users)
        self.principals: dict[str, Principal] = {
            token: Principal(
                "palisade-dev",
                "Palisade Dev",
                "dev@example.com",
                dict(token_permissions or ALL_WRITE),
            )
        }
        self.app_id = app_id
        self.app_public_key = app_public_key
        self.installation_id = installation_id
        self.installation_permissions = dict(installation_permissions or ALL_WRITE)
        self._ids = itertools.count(1000)
        self.app = Starlette(
            routes=[
                Route("/{path:path}", self._endpoint, methods=["GET", "POST", "PATCH", "DELETE"])
            ]
        )

    # -- test-side API ------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        return self.url + API

    def create_repo(
        self,
        full_name: str,
        *,
        files: Mapping[str, str] | None = None,
        default_branch: str = "main",
    ) -> FakeRepo:
        """A bare repository; ``files`` (default a README) is its initial commit, ``{}`` = empty."""
        owner, name = full_name.split("/")
        path = self.root / owner / f"{name}.git"
        path.parent.mkdir(parents=True, exist_ok=True)
        _git(path.parent, "init", "--quiet", "--bare", "-b", default_branch, str(path))
        repo = FakeRepo(owner, name, path, default_branch, next(self._ids))
        with self.lock:
            self.repos[full_name.lower()] = repo
        initial = {"README.md": "# infra\n"} if files is None else files
        if initial:
            self.commit(full_name, default_branch, initial, message="Initial commit")
        return repo

    def commit(
        self,
        full_name: str,
        branch: str,
        files: Mapping[str, str],
        *,
        message: str,
        author: tuple[str, str] = ("Human", "human@example.com"),
    ) -> str:
        """Another actor's commit on ``branch`` (on top of its tip, creating it if needed)."""
        repo = self.repos[full_name.lower()]
        with self.lock:
            tip = _rev(repo.path, f"refs/heads/{branch}")
            base_tree = _git(repo.path, "rev-parse", f"{tip}^{{tree}}") if tip else None
            entries = [
                {"path": p, "mode": "100644", "type": "blob", "sha": _blob(repo.path, t)}
                for p, t in files.items()
            ]
            tree = _write_tree(repo.path, base_tree, entries)
            parents = [tip] if tip else []
            sha = _commit_tree(repo.path, tree, parents, message, author)
            _git(repo.path, "update-ref", f"refs/heads/{branch}", sha, tip or ZERO)
            return sha

    def inject(
        self,
        method: str,
        path_regex: str,
        status: int,
        body: dict[str, Any] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` matching requests with this response instead."""
        with self.lock:
            self.injections.append(
                Injection(
                    method.upper(),
                    re.compile(path_regex),
                    status,
                    body or {"message": "injected"},
                    dict(headers or {}),
                    times,
                )
            )

    def protect(self, full_name: str, pattern: str) -> None:
        """Refuse creating or updating matching branches, like a ruleset would."""
        self.repos[full_name.lower()].protected.append(pattern)

    def race_pull_creation(self, full_name: str) -> None:
        """The next POST /pulls loses a race: the PR appears "from another process", then 422."""
        self.repos[full_name.lower()].race_pull = True

    def race_ref_creation(self, full_name: str) -> None:
        """The next POST git/refs loses a race: the ref appears "from another process", then 422."""
        self.repos[full_name.lower()].race_ref = True

    def pulls(self, full_name: str) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(p) for p in self.repos[full_name.lower()].pulls.values()]

    def count(self, method: str, path_regex: str) -> int:
        pattern = re.compile(path_regex)
        with self.lock:
            return sum(1 for m, p in self.requests if m == method and pattern.search(p))

    # -- ASGI ---------------------------------------------------------------------------------

    async def _endpoint(self, request: Request) -> Response:
        path = "/" + request.path_params["path"]
        body = await request.body()
        if re.match(r"^/[^/]+/[^/]+\.git/", path):
            return await run_in_threadpool(self._git_http, request, path, body)
        if not path.startswith(API + "/") and path != API:
            return JSONResponse({"message": "Not Found"}, status_code=404)
        api_path = path[len(API) :] or "/"
        headers = {k.lower(): v for k, v in request.headers.items()}
        query = dict(request.query_params)
        return await run_in_threadpool(self._api, request.method, api_path, headers, query, body)

    def _api(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        query: dict[str, str],
        raw: bytes,
    ) -> Response:
        with self.lock:
            self.requests.append((method, path))
            for inj in self.injections:
                if inj.times > 0 and inj.method == method and inj.pattern.search(path):
                    inj.times -= 1
                    return JSONResponse(inj.body, status_code=inj.status, headers=inj.headers)
            try:
                data = json.loads(raw) if raw else {}
                if method == "POST" and (
                    m := re.match(r"^/app/installations/(\d+)/access_tokens$", path)
                ):
                    return JSONResponse(
                        self._installation_token(headers, int(m.group(1)), data), 201
                    )
                who = self._principal(headers)
                self._require(who, method, path)
                status, payload = self._dispatch(who, method, path, query, data)
                return JSONResponse(payload, status_code=status)
            except FakeError as exc:
                return JSONResponse(exc.body, status_code=exc.status, headers=exc.headers)

    def _principal(self, headers: dict[str, str]) -> Principal:
        auth = headers.get("authorization", "")
        scheme, _, credential = auth.partition(" ")
        who = self.principals.get(credential) if scheme.lower() in ("token", "bearer") else None
        if who is None:
            raise FakeError(
                401, "Bad credentials", documentation_url="https://docs.github.com/rest"
            )
        return who

    def _require(self, who: Principal, method: str, path: str) -> None:
        for verb, pattern, need in _NEEDS:
            if verb == method and re.search(pattern, path):
                name, level = need.split("=")
                have = who.permissions.get(name)
                if have == "write" or (have == "read" and level == "read"):
                    return
                kind = "integration" if who.login.endswith("[bot]") else "personal access token"
                error = FakeError(403, f"Resource not accessible by {kind}")
                error.headers = {"X-Accepted-GitHub-Permissions": need}
                raise error

    def _installation_token(
        self, headers: dict[str, str], installation_id: int, data: dict[str, Any]
    ) -> dict[str, Any]:
        auth = headers.get("authorization", "")
        if not auth.lower().startswith("bearer ") or self.app_public_key is None:
            raise FakeError(401, "A JSON web token could not be decoded")
        try:
            claims = jwt.decode(auth.split(" ", 1)[1], self.app_public_key, algorithms=["RS256"])
        except jwt.PyJWTError as exc:
            raise FakeError(401, f"A JSON web token could not be decoded ({exc})") from exc
        if str(claims.get("iss")) != str(self.app_id):
            raise FakeError(401, "'Issuer' claim ('iss') must be the App id")
        if installation_id != self.installation_id:
            raise FakeError(404, "Not Found")
        requested = dict(data.get("permissions") or self.installation_permissions)
        self.token_requests.append(requested)
        for name, level in requested.items():
            have = self.installation_permissions.get(name)
            if have is None or (level == "write" and have != "write"):
                raise FakeError(
                    422, "The permissions requested are not granted to this installation."
                )
        token = f"ghs_fake{next(self._ids)}"
        granted = {"metadata": "read", **requested}  # GitHub always includes metadata: read
        self.principals[token] = Principal(
            "palisade[bot]", "palisade[bot]", "1+palisade[bot]@users.noreply.github.com", granted
        )
        expires = datetime.now(UTC) + timedelta(hours=1)
        return {
            "token": token,
            "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "permissions": requested,
            "repository_selection": "all",
        }

    # -- REST ---------------------------------------------------------------------------------

    def _dispatch(
        self,
        who: Principal,
        method: str,
        path: str,
        query: dict[str, str],
        data: dict[str, Any],
    ) -> tuple[int, Any]:
        if method == "GET" and path == "/rate_limit":
            core = {"limit": 5000, "remaining": 4999, "reset": 0, "used": 1}
            return 200, {"resources": {"core": core}, "rate": core}
        m = re.match(r"^/repos/([^/]+)/([^/]+)(/.*)?$", path)
        if not m:
            raise FakeError(404, "Not Found")
        repo = self.repos.get(f"{m.group(1)}/{m.group(2)}".lower())
        if repo is None:
            raise FakeError(404, "Not Found", documentation_url="https://docs.github.com/rest")
        rest = m.group(3) or ""
        routes: list[tuple[str, str, Callable[..., tuple[int, Any]]]] = [
            ("GET", r"^$", lambda: (200, self._repo_json(repo))),
            ("GET", r"^/git/ref/(heads/.+)$", lambda r: self._get_ref(repo, r)),
            ("POST", r"^/git/refs$", lambda: self._create_ref(repo, data)),
            ("PATCH", r"^/git/refs/(heads/.+)$", lambda r: self._update_ref(repo, r, data)),
            ("POST", r"^/git/blobs$", lambda: self._create_blob(repo, data)),
            ("POST", r"^/git/trees$", lambda: self._create_tree(repo, data)),
            ("GET", r"^/git/trees/([0-9a-f]{40})$", lambda s: (200, self._tree_json(repo, s))),
            ("POST", r"^/git/commits$", lambda: self._create_commit(repo, who, data)),
            ("GET", r"^/git/commits/([0-9a-f]{40})$", lambda s: self._get_commit(repo, s)),
            ("GET", r"^/pulls$", lambda: (200, self._list_pulls(repo, query))),
            ("POST", r"^/pulls$", lambda: self._create_pull(repo, who, data)),
            ("GET", r"^/pulls/(\d+)$", lambda n: (200, self._pull_json(repo, self._pull(repo, n)))),
            ("PATCH", r"^/pulls/(\d+)$", lambda n: self._edit_pull(repo, n, data)),
            ("POST", r"^/issues/(\d+)/labels$", lambda n: self._add_labels(repo, n, data)),
            (
                "POST",
                r"^/pulls/(\d+)/requested_reviewers$",
                lambda n: self._request_reviewers(repo, n, data),
            ),
        ]
        for verb, pattern, handler in routes:
            hit = re.match(pattern, rest)
            if verb == method and hit:
                return handler(*hit.groups())
        raise FakeError(404, "Not Found")

    def _repo_url(self, repo: FakeRepo) -> str:
        return f"{self.api_url}/repos/{repo.full_name}"

    def _repo_json(self, repo: FakeRepo) -> dict[str, Any]:
        return {
            "id": repo.id,
            "node_id": f"R_{repo.id}",
            "name": repo.name,
            "full_name": repo.full_name,
            "owner": {"login": repo.owner, "id": 1, "type": "Organization"},
            "private": True,
            "default_branch": repo.default_branch,
            "url": self._repo_url(repo),
            "html_url": f"{self.url}/{repo.full_name}",
            "clone_url": f"{self.url}/{repo.full_name}.git",
        }

    def _check_not_empty(self, repo: FakeRepo) -> None:
        if not _git(repo.path, "for-each-ref", "--count=1", "refs/heads"):
            raise FakeError(409, "Git Repository is empty.")

    def _ref_json(self, repo: FakeRepo, ref: str, sha: str) -> dict[str, Any]:
        return {
            "ref": ref,
            "node_id": f"REF_{sha[:8]}",
            "url": f"{self._repo_url(repo)}/git/{ref}",
            "object": {
                "sha": sha,
                "type": "commit",
                "url": f"{self._repo_url(repo)}/git/commits/{sha}",
            },
        }

    def _get_ref(self, repo: FakeRepo, ref: str) -> tuple[int, Any]:
        self._check_not_empty(repo)
        sha = _rev(repo.path, f"refs/{ref}")
        if sha is None:
            raise FakeError(404, "Not Found")
        return 200, self._ref_json(repo, f"refs/{ref}", sha)

    def _protected(self, repo: FakeRepo, ref: str) -> bool:
        branch = ref.removeprefix("refs/heads/")
        return any(re.fullmatch(re.escape(p).replace(r"\*", ".*"), branch) for p in repo.protected)

    def _create_ref(self, repo: FakeRepo, data: dict[str, Any]) -> tuple[int, Any]:
        self._check_not_empty(repo)
        ref, sha = str(data.get("ref", "")), str(data.get("sha", ""))
        if not ref.startswith("refs/") or ref.count("/") < 2:
            raise FakeError(422, "Reference name must start with 'refs/' and have two slashes")
        if not _is_commit(repo.path, sha):
            raise FakeError(422, "Object does not exist")
        if repo.race_ref:
            repo.race_ref = False
            _git(repo.path, "update-ref", ref, sha, ZERO)
        if _rev(repo.path, ref) is not None:
            raise FakeError(422, "Reference already exists")
        if self._protected(repo, ref):
            raise FakeError(
                422,
                "Repository rule violations found\n\nCannot create ref due to creations being restricted.",
            )
        _git(repo.path, "update-ref", ref, sha, ZERO)
        return 201, self._ref_json(repo, ref, sha)

    def _update_ref(self, repo: FakeRepo, ref: str, data: dict[str, Any]) -> tuple[int, Any]:
        full, sha = f"refs/{ref}", str(data.get("sha", ""))
        old = _rev(repo.path, full)
        if old is None:
            raise FakeError(422, "Reference does not exist")
        if not _is_commit(repo.path, sha):
            raise FakeError(422, "Object does not exist")
        if self._protected(repo, full):
            raise FakeError(422, f"Protected branch update failed for {full}.")
        fast_forward = (
            subprocess.run(
                ["git", "merge-base", "--is-ancestor", old, sha],
                cwd=repo.path,
                env=_clean_env(),
                check=False,
            ).returncode
            == 0
        )
        if not fast_forward and not data.get("force"):
            raise FakeError(422, "Update is not a fast forward")
        _git(repo.path, "update-ref", full, sha, old)
        return 200, self._ref_json(repo, full, sha)

    def _create_blob(self, repo: FakeRepo, data: dict[str, Any]) -> tuple[int, Any]:
        content = data.get("content")
        if not isinstance(content, str):
            raise FakeError(422, 'Invalid request.\n\n"content" wasn\'t supplied.')
        if data.get("encoding", "utf-8") == "base64":
            raw = base64.b64decode(content)
        else:
            raw = content.encode("utf-8")
        sha = _git(repo.path, "hash-object", "-w", "--stdin", input_data=raw)
        return 201, {"sha": sha, "url": f"{self._repo_url(repo)}/git/blobs/{sha}"}

    def _create_tree(self, repo: FakeRepo, data: dict[str, Any]) -> tuple[int, Any]:
        base = data.get("base_tree")
        if base is not None and not _exists(repo.path, f"{base}^{{tree}}"):
            raise FakeError(422, "Invalid tree info", errors=["base_tree is not a tree"])
        entries = []
        for item in data.get("tree", []):
            sha = item.get("sha")
            if item.get("content") is not None:
                sha = _blob(repo.path, item["content"])
            if sha is not None and not _exists(repo.path, sha):
                raise FakeError(422, "Invalid tree info", errors=[f"{sha} does not exist"])
            entries.append(
                {"path": item["path"], "mode": item["mode"], "type": item["type"], "sha": sha}
            )
        sha = _write_tree(repo.path, base, entries)
        return 201, self._tree_json(repo, sha)

    def _tree_json(self, repo: FakeRepo, sha: str) -> dict[str, Any]:
        if not _exists(repo.path, f"{sha}^{{tree}}"):
            raise FakeError(404, "Not Found")
        items = []
        for line in _git(repo.path, "ls-tree", sha).splitlines():
            meta, path = line.split("\t", 1)
            mode, kind, obj = meta.split()
            items.append({"path": path, "mode": mode, "type": kind, "sha": obj})
        return {
            "sha": sha,
            "url": f"{self._repo_url(repo)}/git/trees/{sha}",
            "tree": items,
            "truncated": False,
        }

    def _create_commit(
        self, repo: FakeRepo, who: Principal, data: dict[str, Any]
    ) -> tuple[int, Any]:
        tree, parents = str(data.get("tree", "")), list(data.get("parents") or [])
        if not _exists(repo.path, f"{tree}^{{tree}}"):
            raise FakeError(422, "Tree SHA does not exist")
        if not all(_is_commit(repo.path, p) for p in parents):
            raise FakeError(422, "Parent SHA does not exist or is not a commit object")
        author = data.get("author") or {"name": who.name, "email": who.email}
        sha = _commit_tree(
            repo.path,
            tree,
            parents,
            str(data.get("message", "")),
            (author["name"], author["email"]),
        )
        return 201, self._commit_json(repo, sha)

    def _get_commit(self, repo: FakeRepo, sha: str) -> tuple[int, Any]:
        if not _is_commit(repo.path, sha):
            raise FakeError(404, "Not Found")
        return 200, self._commit_json(repo, sha)

    def _commit_json(self, repo: FakeRepo, sha: str) -> dict[str, Any]:
        raw = _git(repo.path, "cat-file", "commit", sha, strip=False)
        header, _, message = raw.partition("\n\n")
        tree, parents, people = "", [], {}
        for line in header.splitlines():
            key, _, value = line.partition(" ")
            if key == "tree":
                tree = value
            elif key == "parent":
                parents.append(value)
            elif key in ("author", "committer"):
                person = re.match(r"^(.*) <(.*)> (\d+) ([+-]\d{4})$", value)
                assert person is not None, value
                when = datetime.fromtimestamp(int(person.group(3)), UTC)
                people[key] = {
                    "name": person.group(1),
                    "email": person.group(2),
                    "date": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
        base = self._repo_url(repo)
        return {
            "sha": sha,
            "node_id": f"C_{sha[:8]}",
            "url": f"{base}/git/commits/{sha}",
            "html_url": f"{self.url}/{repo.full_name}/commit/{sha}",
            "author": people["author"],
            "committer": people["committer"],
            "message": message,
            "tree": {"sha": tree, "url": f"{base}/git/trees/{tree}"},
            "parents": [
                {
                    "sha": p,
                    "url": f"{base}/git/commits/{p}",
                    "html_url": f"{self.url}/{repo.full_name}/commit/{p}",
                }
                for p in parents
            ],
            "verification": {
                "verified": False,
                "reason": "unsigned",
                "signature": None,
                "payload": None,
            },
        }

    # -- pull requests ------------------------------------------------------------------------

    def _pull(self, repo: FakeRepo, number: str | int) -> dict[str, Any]:
        pull = repo.pulls.get(int(number))
        if pull is None:
            raise FakeError(404, "Not Found")
        return pull

    def _branch_json(self, repo: FakeRepo, branch: str) -> dict[str, Any]:
        return {
            "label": f"{repo.owner}:{branch}",
            "ref": branch,
            "sha": _rev(repo.path, f"refs/heads/{branch}") or ZERO,
            "repo": self._repo_json(repo),
            "user": {"login": repo.owner},
        }

    def _pull_json(self, repo: FakeRepo, pull: dict[str, Any]) -> dict[str, Any]:
        number = pull["number"]
        base = self._repo_url(repo)
        return {
            "id": pull["id"],
            "node_id": f"PR_{pull['id']}",
            "number": number,
            "state": pull["state"],
            "title": pull["title"],
            "body": pull["body"],
            "draft": pull["draft"],
            "merged": False,
            "url": f"{base}/pulls/{number}",
            "html_url": f"{self.url}/{repo.full_name}/pull/{number}",
            "issue_url": f"{base}/issues/{number}",
            "head": self._branch_json(repo, pull["head"]),
            "base": self._branch_json(repo, pull["base"]),
            "user": {"login": pull["user"]},
            "labels": [
                {"id": i, "name": n, "color": "ededed"} for i, n in enumerate(pull["labels"])
            ],
            "requested_reviewers": [{"login": r} for r in pull["reviewers"]],
            "requested_teams": [{"slug": t, "name": t} for t in pull["teams"]],
            "created_at": pull["created_at"],
            "updated_at": pull["updated_at"],
        }

    def _list_pulls(self, repo: FakeRepo, query: dict[str, str]) -> list[dict[str, Any]]:
        state, head, base = query.get("state", "open"), query.get("head"), query.get("base")
        found = []
        for pull in repo.pulls.values():
            if state != "all" and pull["state"] != state:
                continue
            if head and head != f"{repo.owner}:{pull['head']}":
                continue
            if base and base != pull["base"]:
                continue
            found.append(self._pull_json(repo, pull))
        return found

    def _new_pull(self, repo: FakeRepo, who: str, data: dict[str, Any]) -> dict[str, Any]:
        number = max(repo.pulls, default=0) + 1
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        pull = {
            "id": next(self._ids),
            "number": number,
            "state": "open",
            "title": data["title"],
            "body": data.get("body") or "",
            "draft": bool(data.get("draft", False)),
            "head": data["head"],
            "base": data["base"],
            "user": who,
            "labels": [],
            "reviewers": [],
            "teams": [],
            "created_at": now,
            "updated_at": now,
        }
        repo.pulls[number] = pull
        return pull

    def _create_pull(self, repo: FakeRepo, who: Principal, data: dict[str, Any]) -> tuple[int, Any]:
        head, base = str(data.get("head", "")), str(data.get("base", ""))
        head = head.split(":", 1)[1] if ":" in head else head
        if not data.get("title"):
            raise FakeError(
                422,
                "Validation Failed",
                errors=[{"resource": "PullRequest", "field": "title", "code": "missing_field"}],
            )
        for branch in (head, base):
            if _rev(repo.path, f"refs/heads/{branch}") is None:
                raise FakeError(
                    422,
                    "Validation Failed",
                    errors=[
                        {
                            "resource": "PullRequest",
                            "field": "head" if branch == head else "base",
                            "code": "invalid",
                        }
                    ],
                )
        if repo.race_pull:
            repo.race_pull = False
            self._new_pull(repo, "someone-else", {**data, "head": head})
        if any(
            p["state"] == "open" and p["head"] == head and p["base"] == base
            for p in repo.pulls.values()
        ):
            raise FakeError(
                422,
                "Validation Failed",
                errors=[
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": f"A pull request already exists for {repo.owner}:{head}.",
                    }
                ],
            )
        if (
            _git(
                repo.path,
                "rev-list",
                "--count",
                f"refs/heads/{head}",
                "--not",
                f"refs/heads/{base}",
            )
            == "0"
        ):
            raise FakeError(
                422,
                "Validation Failed",
                errors=[
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": f"No commits between {base} and {head}",
                    }
                ],
            )
        pull = self._new_pull(repo, who.login, {**data, "head": head})
        return 201, self._pull_json(repo, pull)

    def _edit_pull(self, repo: FakeRepo, number: str, data: dict[str, Any]) -> tuple[int, Any]:
        pull = self._pull(repo, number)
        for key in ("title", "body", "state", "base"):
            if key in data:
                pull[key] = data[key]
        pull["updated_at"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return 200, self._pull_json(repo, pull)

    def _add_labels(self, repo: FakeRepo, number: str, data: Any) -> tuple[int, Any]:
        pull = self._pull(repo, number)
        labels = data.get("labels", []) if isinstance(data, dict) else data
        for label in labels:
            if label not in pull["labels"]:
                pull["labels"].append(label)
        return 200, [{"id": i, "name": n, "color": "ededed"} for i, n in enumerate(pull["labels"])]

    def _request_reviewers(
        self, repo: FakeRepo, number: str, data: dict[str, Any]
    ) -> tuple[int, Any]:
        pull = self._pull(repo, number)
        reviewers = list(data.get("reviewers") or [])
        unknown = [r for r in reviewers if r not in self.known_users]
        if unknown:
            raise FakeError(
                422,
                "Reviews may only be requested from collaborators. One or more of the users or "
                "teams you specified is not a collaborator of the "
                + repo.full_name
                + " repository.",
            )
        pull["reviewers"] += [r for r in reviewers if r not in pull["reviewers"]]
        pull["teams"] += [t for t in data.get("team_reviewers") or [] if t not in pull["teams"]]
        return 201, self._pull_json(repo, pull)

    # -- git smart HTTP -----------------------------------------------------------------------

    def _git_http(self, request: Request, path: str, body: bytes) -> Response:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": str(self.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "PATH_INFO": path,
            "REQUEST_METHOD": request.method,
            "QUERY_STRING": request.url.query,
            "CONTENT_TYPE": request.headers.get("content-type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": "human",
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        if request.headers.get("content-encoding"):
            env["HTTP_CONTENT_ENCODING"] = request.headers["content-encoding"]
        if request.headers.get("git-protocol"):
            env["GIT_PROTOCOL"] = request.headers["git-protocol"]
        with self.lock:
            proc = subprocess.run(
                ["git", "http-backend"],
                input=body,
                env=env,
                capture_output=True,
                timeout=60,
                check=False,
            )
        head, sep, payload = proc.stdout.partition(b"\r\n\r\n")
        if not sep:
            head, _, payload = proc.stdout.partition(b"\n\n")
        status, headers = 200, {}
        for line in head.decode("latin-1").splitlines():
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.strip().split()[0])
            elif key:
                headers[key.strip()] = value.strip()
        return Response(payload, status_code=status, headers=headers)


# -- git plumbing ------------------------------------------------------------------------------


def _clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(extra or {})
    return env


def _git(
    repo: Path,
    *args: str,
    input_data: bytes | None = None,
    strip: bool = True,
    env: Mapping[str, str] | None = None,
) -> str:
    full_env = _clean_env(env)
    proc = subprocess.run(
        ["git", *args],
        cwd=repo,
        input=input_data,
        capture_output=True,
        env=full_env,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {proc.stderr.decode()}")
    out = proc.stdout.decode("utf-8")
    return out.strip() if strip else out


def _rev(repo: Path, ref: str) -> str | None:
    proc = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
        cwd=repo,
        capture_output=True,
        env=_clean_env(),
        check=False,
    )
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def _exists(repo: Path, obj: str) -> bool:
    proc = subprocess.run(
        ["git", "cat-file", "-e", obj], cwd=repo, capture_output=True, env=_clean_env(), check=False
    )
    return proc.returncode == 0


def _is_commit(repo: Path, sha: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{40}", sha)) and _exists(repo, f"{sha}^{{commit}}")


def _blob(repo: Path, text: str) -> str:
    return _git(repo, "hash-object", "-w", "--stdin", input_data=text.encode("utf-8"))


def _write_tree(repo: Path, base_tree: str | None, entries: list[dict[str, Any]]) -> str:
    """A new tree: ``base_tree`` with ``entries`` (path, mode, type, sha; sha None deletes) applied."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        if base_tree:
            _git(repo, "read-tree", base_tree, env=env)
        else:
            _git(repo, "read-tree", "--empty", env=env)
        lines = []
        for e in entries:
            if e["sha"] is None:
                lines.append(f"0 {ZERO}\t{e['path']}")
            else:
                lines.append(f"{e['mode']} {e['sha']}\t{e['path']}")
        if lines:
            _git(
                repo,
                "update-index",
                "--index-info",
                input_data=("\n".join(lines) + "\n").encode(),
                env=env,
            )
        return _git(repo, "write-tree", env=env)


def _commit_tree(
    repo: Path, tree: str, parents: list[str], message: str, author: tuple[str, str]
) -> str:
    args = ["commit-tree", "--no-gpg-sign", tree]
    for parent in parents:
        args += ["-p", parent]
    env = {
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_COMMITTER_NAME": author[0],
        "GIT_COMMITTER_EMAIL": author[1],
    }
    return _git(repo, *args, "-F", "-", input_data=message.encode("utf-8"), env=env)
