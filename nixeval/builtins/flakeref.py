"""Flake references: `builtins.parseFlakeRef` and `builtins.flakeRefToString` (Nix 2.18,
experimental feature `flakes`), and the input grammar `fetchTree` and `getFlake` share.

A flake reference is an *input* (attributes naming a source: `type` and the type's
own attributes, values strings, integers and Booleans) plus a subdirectory `dir`.
Written as a URL (the manual's `nix3-flake` page, "Flake references"):

- `path:<path>(?<params>)`: type `path`; `rev`, `narHash` strings, `revCount` and
  `lastModified` integers, nothing else.
- `git(+http|+https|+ssh|+git|+file):...`: type `git`, `url` the URL without `git+`;
  `rev`, `ref` strings, `shallow`, `submodules`, `lfs`, `exportIgnore`, `allRefs`
  Booleans (`1` is true); other parameters stay in `url`.
- `hg+(http|https|ssh|file):...`: type `hg`, likewise with `rev` and `ref`.
- `(tarball+|file+)(http|https|file)://...`: types `tarball` and `file`, `url` without
  the prefix; without one a URL is a `tarball` (the argument of `getFlake`,
  `parseFlakeRef` and `fetchTree` must be a tree, so `file` needs its prefix).
- `github:`, `gitlab:`, `sourcehut:<owner>/<repo>(/<rev-or-ref>)`: `ref`, `rev`,
  `host`, `narHash` parameters; a 40-hex-digit third segment is a `rev`, more than
  three segments are one `ref`.
- `flake:<id>(/<ref>)(/<rev>)`, or the bare `<id>(/<ref-or-rev>)(/<rev>)`: type
  `indirect` (a flake registry entry).
- `/absolute/path?params`: type `path` (parseFlakeRef has no base directory, so a
  relative path is refused and no Git repository is looked for).

Components are percent-decoded (Nix 2.19); `dir` is taken out of the query as the
subdirectory. `flakeRefToString` checks the attributes as Nix's `Input::fromAttrs`
does (attributes allowed per type, ref names, hosts) and writes the canonical URL:
query parameters sorted and percent-encoded, path segments encoded (`/` inside a
GitLab owner is `%2F`).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from nixeval.builtins.git import _BAD_REF
from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin, expect_attrs
from nixeval.errors import (
    BadURL,
    FetchError,
    FetchFeatureDisabled,
    InvalidArgument,
    NixTypeError,
)
from nixeval.machine.requests import current, force
from nixeval.store import HashError, parse_hash, parse_sri
from nixeval.values import show_type

# --- URLs (RFC 3986, as Nix parses them) ------------------------------------------------

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PCT = r"%[0-9A-Fa-f]{2}"
_SUB = r"!$&'()*+,;="
_PCHAR = rf"(?:[A-Za-z0-9\-._~{re.escape(_SUB)}:@]|{_PCT})"
_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):(?://(?P<auth>[^/?#]*))?"
                  r"(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?(?:#(?P<frag>.*))?", re.DOTALL)
_PATH = re.compile(rf"(?:{_PCHAR}|/)*")
_QUERY = re.compile(rf"(?:{_PCHAR}|[/?])*")
_AUTH = re.compile(rf"(?:(?P<user>(?:[A-Za-z0-9\-._~{re.escape(_SUB)}]|{_PCT})*)"
                   rf"(?::(?P<pw>(?:[A-Za-z0-9\-._~{re.escape(_SUB)}:]|{_PCT})*))?@)?"
                   rf"(?P<host>\[[0-9A-Za-z:.\-_~%]+\]|(?:[A-Za-z0-9\-._~{re.escape(_SUB)}]|{_PCT})*)"
                   r"(?::(?P<port>[0-9]*))?")
_REV = re.compile(r"[0-9a-fA-F]{40}")
_FLAKE_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9_-]*")
_REF_S = r"[a-zA-Z0-9@][a-zA-Z0-9_.\/@+-]*"
_REF_AND_OR_REV = rf"(?:[0-9a-fA-F]{{40}}|(?:{_REF_S})(?:/[0-9a-fA-F]{{40}})?)"
_FRAGMENT_S = rf"(?:{_PCHAR}|[/? \"^])*"
_FLAKE_ID_REF = re.compile(rf"((?:[a-zA-Z][a-zA-Z0-9_-]*)(?:/{_REF_AND_OR_REV})?)(?:#({_FRAGMENT_S}))?")
_HOST = re.compile(r"[a-zA-Z0-9.-]*")
_PATH_REF = re.compile(r"([^?#]*)(\?([^#]*))?(#(.*))?", re.DOTALL)


def percent_decode(s: str) -> str:
    if "%" not in s:
        return s
    raw = s.encode("utf-8", "surrogateescape")
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 0x25:
            h = raw[i + 1:i + 3]
            if len(h) != 2 or not all(x in b"0123456789abcdefABCDEF" for x in h):
                raise BadURL(f"invalid URI parameter '{s}': bad percent-encoding")
            out.append(int(h, 16))
            i += 3
        else:
            out.append(c)
            i += 1
    return out.decode("utf-8", "surrogateescape")


def percent_encode(s: str, keep: str = "") -> str:
    keep_b = frozenset(keep.encode())
    out = []
    for c in s.encode("utf-8", "surrogateescape"):
        if c in _UNRESERVED or c in keep_b:
            out.append(chr(c))
        else:
            out.append(f"%{c:02X}")
    return "".join(out)


def _encode_chars(s: str, chars: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in chars else c for c in s)


@dataclass
class Authority:
    host: str = ""
    user: str | None = None
    password: str | None = None
    port: int | None = None
    ip_literal: bool = False

    def to_string(self) -> str:
        out = ""
        if self.user is not None:
            out += percent_encode(self.user)
            if self.password is not None:
                out += ":" + percent_encode(self.password)
            out += "@"
        out += self.host if self.ip_literal else percent_encode(self.host)
        if self.port is not None:
            out += f":{self.port}"
        return out


@dataclass
class URL:
    """A parsed URL: path segments and query values decoded."""

    scheme: str
    authority: Authority | None = None
    path: list[str] = field(default_factory=list)
    query: dict[str, str] = field(default_factory=dict)
    fragment: str = ""

    def segments(self) -> list[str]:
        """The path segments, empty ones left out."""
        return [p for p in self.path if p]

    def to_string(self) -> str:
        out = self.scheme + ":"
        if self.authority is not None:
            out += "//" + self.authority.to_string()
        out += "/".join(percent_encode(p, ":@") for p in self.path)
        if self.query:
            out += "?" + "&".join(f"{percent_encode(k, ':@/?')}={percent_encode(v, ':@/?')}"
                                  for k, v in sorted(self.query.items(), key=lambda kv: _bkey(kv[0])))
        if self.fragment:
            out += "#" + percent_encode(self.fragment)
        return out


def _bkey(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _warn(msg: str) -> None:
    sys.stderr.write(f"warning: {msg}\n")
    sys.stderr.flush()


def decode_query(query: str, lenient: bool = True) -> dict[str, str]:
    if lenient:
        query = _encode_chars(query, ' "')
    if not _QUERY.fullmatch(query):
        raise BadURL(f"invalid URI query '{query}'")
    out: dict[str, str] = {}
    if not query:
        return out
    for param in query.split("&"):
        key, eq, value = param.partition("=")
        if not eq:
            _warn(f"dubious URI query '{percent_decode(key)}' is missing equal sign '=', ignoring")
            continue
        out.setdefault(percent_decode(key), percent_decode(value))
    return out


def _transport(scheme: str) -> str:
    return scheme.split("+", 1)[1] if "+" in scheme else scheme


def _application(scheme: str) -> str | None:
    return scheme.split("+", 1)[0] if "+" in scheme else None


def parse_url(url: str, lenient: bool = False) -> URL:
    """Nix's parseURL: raises BadURL for what is not an absolute URL."""
    text = url
    if lenient:
        q = text.find("?")
        h = text.find("#")
        if q >= 0 and (h < 0 or q < h):
            end = len(text) if h < 0 else h
            text = text[:q + 1] + _encode_chars(text[q + 1:end], ' "') + text[end:]
        h = text.find("#")
        if h >= 0:
            text = text[:h + 1] + _encode_chars(text[h + 1:], ' "^')
    m = _URL.fullmatch(text)
    if m is None:
        if not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", text):
            raise BadURL(f"'{url}' doesn't have a scheme")
        raise BadURL(f"'{url}' is not a valid URL")
    scheme, auth, path, query, frag = m.group("scheme", "auth", "path", "query", "frag")
    if not _PATH.fullmatch(path) or (query is not None and not _QUERY.fullmatch(query)) \
            or (frag is not None and not _QUERY.fullmatch(frag)):
        raise BadURL(f"'{url}' is not a valid URL")
    if auth is None and path.startswith("//"):
        raise BadURL(f"'{url}' is not a valid URL")
    authority = None
    if auth is not None:
        am = _AUTH.fullmatch(auth)
        if am is None:
            raise BadURL(f"invalid URL authority: '{auth}'")
        port = None
        if am.group("port"):
            port = int(am.group("port"))
            if port == 0 or port > 65535:
                raise BadURL(f"port '{am.group('port')}' is invalid")
        host = am.group("host")
        ip = host.startswith("[")
        authority = Authority(host=host if ip else percent_decode(host),
                              user=None if am.group("user") is None else percent_decode(am.group("user")),
                              password=None if am.group("pw") is None else percent_decode(am.group("pw")),
                              port=port, ip_literal=ip)
        if authority.host and _transport(scheme) == "file":
            raise BadURL(f"file:// URL '{url}' has unexpected authority '{authority.to_string()}'")
    if _transport(scheme) == "file" and not path:
        path = "/"
    return URL(scheme=scheme, authority=authority,
               path=[percent_decode(p) for p in path.split("/")],
               query=decode_query(query or "", lenient=False),
               fragment=percent_decode(frag or ""))


def path_to_url_path(path: str) -> list[str]:
    out = [""] if path.startswith("/") else []
    out += [c for c in path.split("/") if c]
    if path.endswith("/") and path != "/" or path == "/":
        out.append("")
    return out


def url_path_to_path(parts: list[str]) -> str:
    for comp in parts:
        if "/" in comp:
            raise BadURL(f"URL path component '{comp}' contains '/', which is not allowed in file names")
        if "\0" in comp:
            raise BadURL(f"URL path component '{comp.replace(chr(0), '␀')}' contains NUL byte "
                         "which is not allowed")
    if not parts:
        return ""
    if parts[0] == "":
        rest = parts[1:]
        return "/" + "/".join(rest)
    return "/".join(parts)


# --- inputs ---------------------------------------------------------------------------

Attrs = dict[str, Any]  # name -> str | int | bool


def attrs_to_json(attrs: Attrs) -> str:
    return json.dumps({k: attrs[k] for k in sorted(attrs, key=_bkey)}, separators=(",", ":"),
                      ensure_ascii=False)


def _str_attr(attrs: Attrs, name: str) -> str | None:
    v = attrs.get(name)
    if v is None:
        return None
    if type(v) is not str:
        raise FetchError(f"input attribute '{name}' is not a string {attrs_to_json(attrs)}")
    return v


def get_str(attrs: Attrs, name: str) -> str:
    v = _str_attr(attrs, name)
    if v is None:
        raise FetchError(f"input attribute '{name}' is missing")
    return v


def get_int(attrs: Attrs, name: str) -> int | None:
    v = attrs.get(name)
    if v is not None and type(v) is not int:
        raise FetchError(f"input attribute '{name}' is not an integer")
    return v


def get_bool(attrs: Attrs, name: str) -> bool | None:
    v = attrs.get(name)
    if v is not None and type(v) is not bool:
        raise FetchError(f"input attribute '{name}' is not a Boolean")
    return v


def legal_ref_name(ref: str) -> bool:
    return not _BAD_REF.search(ref) and "\x7f" not in ref


def parse_rev(s: str) -> str:
    """A Git revision, as 40 lowercase hex digits (Nix also takes `sha1-...` SRI forms)."""
    try:
        return parse_hash(s, "sha1").hex
    except HashError as e:
        raise FetchError(str(e)) from None


# Each type: its attributes besides `type`, and the experimental feature it needs.
_ALLOWED: dict[str, frozenset[str]] = {
    "path": frozenset(("path", "rev", "revCount", "lastModified", "narHash")),
    "git": frozenset(("url", "ref", "rev", "shallow", "submodules", "lfs", "exportIgnore",
                      "lastModified", "revCount", "narHash", "allRefs", "name", "dirtyRev",
                      "dirtyShortRev", "verifyCommit", "keytype", "publicKey", "publicKeys")),
    "hg": frozenset(("url", "ref", "rev", "revCount", "narHash", "name")),
    "tarball": frozenset(("url", "narHash", "name", "unpack", "rev", "revCount", "lastModified")),
    "file": frozenset(("url", "narHash", "name", "unpack", "rev", "revCount", "lastModified")),
    "github": frozenset(("owner", "repo", "ref", "rev", "narHash", "lastModified", "host", "treeHash")),
    "gitlab": frozenset(("owner", "repo", "ref", "rev", "narHash", "lastModified", "host", "treeHash")),
    "sourcehut": frozenset(("owner", "repo", "ref", "rev", "narHash", "lastModified", "host",
                            "treeHash")),
    "indirect": frozenset(("id", "ref", "rev", "narHash")),
}
_NEEDS_FLAKES = frozenset(("path", "github", "gitlab", "sourcehut", "indirect"))
_VERIFIED = frozenset(("verifyCommit", "keytype", "publicKey", "publicKeys"))


def require_feature(name: str) -> None:
    ev = current()
    if not ev.settings.feature(name):
        raise FetchFeatureDisabled(f"experimental Nix feature '{name}' is disabled; add "
                                   f"'--extra-experimental-features {name}' to enable it")


def fix_git_url(url: str) -> str:
    """Nix's fixGitURL: an absolute path is a `file://` URL; `git+` is dropped."""
    if url.startswith("/"):
        return URL("file", Authority(), path_to_url_path(url)).to_string()
    u = parse_url(url)
    if _application(u.scheme) == "git":
        u.scheme = _transport(u.scheme)
    return u.to_string()


def _check_scheme_attrs(kind: str, attrs: Attrs) -> Attrs:
    """A scheme's own checks of its attributes (`inputFromAttrs`); the input's attributes."""
    out = dict(attrs)
    if kind == "path":
        get_str(attrs, "path")
    elif kind == "git":
        if any(k in _VERIFIED for k in attrs):
            require_feature("verified-fetches")
        get_bool(attrs, "verifyCommit")
        ref = _str_attr(attrs, "ref")
        if ref is not None and not legal_ref_name(ref):
            raise BadURL(f"invalid Git branch/tag name '{ref}'")
        out["url"] = fix_git_url(get_str(attrs, "url"))
        for b in ("shallow", "submodules", "allRefs"):
            get_bool(out, b)
    elif kind == "hg":
        parse_url(get_str(attrs, "url"))
        ref = _str_attr(attrs, "ref")
        if ref is not None and not re.fullmatch(_REF_S, ref):
            raise BadURL(f"invalid Mercurial branch/tag name '{ref}'")
    elif kind in ("github", "gitlab", "sourcehut"):
        get_str(attrs, "owner")
        get_str(attrs, "repo")
        ref = _str_attr(attrs, "ref")
        rev = _str_attr(attrs, "rev")
        if ref is not None and rev is not None:
            raise BadURL(f"input {attrs_to_json(attrs)} contains both a commit hash ('{rev}') "
                         f"and a branch/tag name ('{ref}')")
        if rev is not None:
            parse_rev(rev)
        if ref is not None and not legal_ref_name(ref):
            raise BadURL(f"input {attrs_to_json(attrs)} contains an invalid branch/tag name")
        host = _str_attr(attrs, "host")
        if host is not None and not _HOST.fullmatch(host):
            raise BadURL(f"input {attrs_to_json(attrs)} contains an invalid instance host")
    elif kind == "indirect":
        fid = get_str(attrs, "id")
        if not _FLAKE_ID.fullmatch(fid):
            raise BadURL(f"'{fid}' is not a valid flake ID")
    return out


def _fixup(attrs: Attrs) -> Attrs:
    """Nix's checks of the common attributes."""
    get_str(attrs, "type")
    _str_attr(attrs, "ref")
    get_int(attrs, "revCount")
    get_int(attrs, "lastModified")
    return attrs


# Nix 2.8's words for an attribute a type does not take (fetchTree and getFlake, which
# 2.8 has, keep them; 2.8 did not check `file` inputs).
_LEGACY_UNSUPPORTED = {"path": "path ", "tarball": "tarball ", "github": "", "gitlab": "",
                       "sourcehut": "", "indirect": "indirect ", "git": "Git ", "hg": "Mercurial "}


def input_from_attrs(attrs: Attrs, legacy: bool = False) -> Attrs:
    """Nix's `Input::fromAttrs`: the input's attributes, checked (an unknown type is
    kept as it is: such an input can be neither shown nor fetched). `legacy`: an
    unsupported attribute is reported in Nix 2.8's words."""
    kind = attrs.get("type")
    if kind is None:
        raise FetchError("'type' attribute to specify input scheme is required but not provided")
    if type(kind) is not str:
        raise FetchError(f"input attribute 'type' is not a string {attrs_to_json(attrs)}")
    allowed = _ALLOWED.get(kind)
    if allowed is None:
        return _fixup(dict(attrs))
    if kind in _NEEDS_FLAKES:
        require_feature("flakes")
    for name in sorted(attrs, key=_bkey):
        if name not in ("type", "__final") and name not in allowed:
            if legacy and kind in _LEGACY_UNSUPPORTED:
                raise FetchError(f"unsupported {_LEGACY_UNSUPPORTED[kind]}input attribute '{name}'")
            raise FetchError(f"input attribute '{name}' not supported by scheme '{kind}'")
    return _fixup(_check_scheme_attrs(kind, attrs))


def _has_tarball_extension(url: URL) -> bool:
    if not url.path:
        return False
    last = url.path[-1]
    return last.endswith((".zip", ".tar", ".tgz", ".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst"))


def _from_url_scheme(url: URL, require_tree: bool) -> tuple[str, Attrs] | None:
    """The input a URL names (type and attributes), or None when no type takes it."""
    scheme = url.scheme
    app, transport = _application(scheme), _transport(scheme)
    if transport in ("file", "http", "https") and (app == "file" or (
            app is None and not require_tree and not _has_tarball_extension(url))):
        return "file", _curl_attrs("file", url)
    if scheme == "git" or app == "git":
        attrs: Attrs = {"type": "git"}
        rest: dict[str, str] = {}
        for name, value in url.query.items():
            if name in ("rev", "ref", "keytype", "publicKey", "publicKeys"):
                attrs[name] = value
            elif name in ("shallow", "submodules", "lfs", "exportIgnore", "allRefs", "verifyCommit"):
                attrs[name] = value == "1"
            else:
                rest[name] = value
        attrs["url"] = URL(scheme, url.authority, url.path, rest, url.fragment).to_string()
        return "git", attrs
    if scheme in ("github", "gitlab", "sourcehut"):
        return scheme, _git_archive_attrs(scheme, url)
    if scheme in ("hg+http", "hg+https", "hg+ssh", "hg+file"):
        attrs = {"type": "hg"}
        rest = {}
        for name, value in url.query.items():
            if name in ("rev", "ref"):
                attrs[name] = value
            else:
                rest[name] = value
        attrs["url"] = URL(scheme[3:], url.authority, url.path, rest, url.fragment).to_string()
        return "hg", attrs
    if scheme == "flake":
        return "indirect", _indirect_attrs(url)
    if scheme == "path":
        return "path", _path_attrs(url)
    if transport in ("file", "http", "https") and (app == "tarball" or (
            app is None and (require_tree or _has_tarball_extension(url)))):
        return "tarball", _curl_attrs("tarball", url)
    return None


def _curl_attrs(kind: str, url: URL) -> Attrs:
    attrs: Attrs = {}
    q = url.query
    if "narHash" in q:
        attrs["narHash"] = q["narHash"]
    if "rev" in q:
        attrs["rev"] = q["rev"]
    for name in ("revCount", "lastModified"):
        if name in q and q[name].isdigit():
            attrs[name] = int(q[name])
    rest = {k: v for k, v in q.items() if k not in _ALLOWED[kind]}
    attrs["type"] = kind
    attrs["url"] = URL(_transport(url.scheme), url.authority, url.path, rest, url.fragment).to_string()
    return attrs


def _git_archive_attrs(kind: str, url: URL) -> Attrs:
    path = url.segments()
    attrs: Attrs = {}
    if len(path) == 3:
        attrs["rev" if _REV.fullmatch(path[2]) else "ref"] = path[2]
    elif len(path) > 3:
        attrs["ref"] = "/".join(path[2:])
    elif len(path) < 2:
        raise BadURL(f"URL '{url.to_string()}' is invalid")
    for name, value in url.query.items():
        if name in ("rev", "ref"):
            if name in attrs:
                what = "commit hashes" if name == "rev" else "branch/tag names"
                raise BadURL(f"URL '{url.to_string()}' contains multiple {what}")
            attrs[name] = value
        elif name in ("host", "narHash"):
            attrs[name] = value
        else:
            raise BadURL(f"URL '{url.to_string()}' contains unknown parameter '{name}'")
    attrs["type"] = kind
    attrs["owner"] = path[0]
    attrs["repo"] = path[1]
    return attrs


def _indirect_attrs(url: URL) -> Attrs:
    path = url.segments()
    shown = url.to_string()
    ref = rev = None
    if len(path) == 2:
        if _REV.fullmatch(path[1]):
            rev = path[1].lower()
        elif legal_ref_name(path[1]):
            ref = path[1]
        else:
            raise BadURL(f"in flake URL '{shown}', '{path[1]}' is not a commit hash or branch/tag name")
    elif len(path) == 3:
        if not legal_ref_name(path[1]):
            raise BadURL(f"in flake URL '{shown}', '{path[1]}' is not a branch/tag name")
        ref = path[1]
        if not _REV.fullmatch(path[2]):
            raise BadURL(f"in flake URL '{shown}', '{path[2]}' is not a commit hash")
        rev = path[2].lower()
    elif len(path) != 1:
        raise BadURL(f"GitHub URL '{shown}' is invalid")
    if not _FLAKE_ID.fullmatch(path[0]):
        raise BadURL(f"'{path[0]}' is not a valid flake ID")
    attrs: Attrs = {"type": "indirect", "id": path[0]}
    if rev is not None:
        attrs["rev"] = rev
    if ref is not None:
        attrs["ref"] = ref
    return attrs


def _path_attrs(url: URL) -> Attrs:
    shown = url.to_string()
    if url.authority is not None and url.authority.host:
        raise FetchError(f"path URL '{shown}' should not have an authority "
                         f"('{url.authority.to_string()}')")
    attrs: Attrs = {"type": "path", "path": url_path_to_path(url.path)}
    for name, value in url.query.items():
        if name in ("rev", "narHash"):
            attrs[name] = value
        elif name in ("revCount", "lastModified"):
            if not value.isdigit():
                raise FetchError(f"path URL '{shown}' has invalid parameter '{name}'")
            attrs[name] = int(value)
        else:
            raise FetchError(f"path URL '{shown}' has unsupported parameter '{name}'")
    return attrs


def input_from_url(url: URL, require_tree: bool = True) -> Attrs:
    """Nix's `Input::fromURL` of a parsed URL."""
    found = _from_url_scheme(url, require_tree)
    if found is None:
        if _application(url.scheme) == "file" and _transport(url.scheme) == "git":
            raise FetchError(f"input '{url.to_string()}' is unsupported; did you mean 'git+file' "
                             "instead of 'file+git'?")
        raise FetchError(f"input '{url.to_string()}' is unsupported")
    kind, attrs = found
    attrs = _check_scheme_attrs(kind, attrs)
    if kind in _NEEDS_FLAKES:
        require_feature("flakes")
    return _fixup(attrs)


def input_to_url(attrs: Attrs) -> URL:
    """Nix's `Input::toURL`."""
    kind = attrs.get("type")
    if kind not in _ALLOWED:
        raise FetchError(f"cannot show unsupported input '{attrs_to_json(attrs)}'")
    if kind == "path":
        pq = {k: _query_value(v) for k, v in attrs.items() if k not in ("path", "type", "__final")}
        return URL("path", None, path_to_url_path(get_str(attrs, "path")), pq)
    if kind in ("git", "hg"):
        u = parse_url(get_str(attrs, "url"))
        if kind == "hg" or u.scheme != "git":
            u.scheme = f"{kind}+{u.scheme}"
        rev = _str_attr(attrs, "rev")
        if rev is not None:
            u.query["rev"] = parse_rev(rev)
        ref = _str_attr(attrs, "ref")
        if ref is not None:
            u.query["ref"] = ref
        if kind == "git":
            for name in ("shallow", "lfs", "submodules", "exportIgnore", "verifyCommit"):
                if get_bool(attrs, name):
                    u.query[name] = "1"
            for name in ("keytype", "publicKey"):
                if name in attrs:
                    u.query[name] = str(attrs[name])
        return u
    if kind in ("tarball", "file"):
        u = parse_url(get_str(attrs, "url"))
        nar = _str_attr(attrs, "narHash")
        if nar is not None:
            u.query["narHash"] = _nar_sri(nar)
        return u
    if kind in ("github", "gitlab", "sourcehut"):
        path = [get_str(attrs, "owner"), get_str(attrs, "repo")]
        ref = _str_attr(attrs, "ref")
        rev = _str_attr(attrs, "rev")
        if ref is not None:
            path.append(ref)
        if rev is not None:
            path.append(parse_rev(rev))
        q: dict[str, str] = {}
        nar = _str_attr(attrs, "narHash")
        if nar is not None:
            q["narHash"] = _nar_sri(nar)
        host = _str_attr(attrs, "host")
        if host is not None:
            q["host"] = host
        return URL(kind, None, path, q)
    # indirect
    path = [get_str(attrs, "id")]
    ref = _str_attr(attrs, "ref")
    if ref is not None:
        path.append(ref)
    rev = _str_attr(attrs, "rev")
    if rev is not None:
        path.append(parse_rev(rev))
    return URL("flake", None, path)


def _query_value(v: Any) -> str:
    if type(v) is bool:
        return "1" if v else "0"
    return str(v)


def _nar_sri(s: str) -> str:
    if s == "":
        return "sha256-" + "A" * 43 + "="
    try:
        h = parse_sri(s)
    except HashError as e:
        raise FetchError(str(e)) from None
    if h.algo != "sha256":
        raise FetchError("narHash must use SHA-256")
    return h.sri()


def input_to_string(attrs: Attrs, extra: dict[str, str] | None = None) -> str:
    u = input_to_url(attrs)
    for k, v in (extra or {}).items():
        u.query.setdefault(k, v)
    return u.to_string()


# --- flake references ------------------------------------------------------------------


@dataclass
class FlakeRef:
    input: Attrs
    subdir: str = ""

    def to_attrs(self) -> Attrs:
        out = dict(self.input)
        if self.subdir:
            out["dir"] = self.subdir
        return out

    def to_string(self) -> str:
        return input_to_string(self.input, {"dir": self.subdir} if self.subdir else None)


def _from_parsed(url: URL, is_flake: bool) -> tuple[FlakeRef, str]:
    subdir = url.query.pop("dir", "")
    fragment, url.fragment = url.fragment, ""
    return FlakeRef(input_from_url(url, is_flake), subdir), fragment


def parse_flake_ref_with_fragment(ref: str, *, is_flake: bool = True,
                                  preserve_relative: bool = False) -> tuple[FlakeRef, str]:
    """Nix's parseFlakeRefWithFragment without a base directory: a flake ID, else a
    URL, else a path."""
    m = _FLAKE_ID_REF.fullmatch(ref)
    if m is not None:
        url = URL("flake", None, m.group(1).split("/"))
        return FlakeRef(input_from_url(url, is_flake)), percent_decode(m.group(2) or "")
    try:
        return _from_parsed(parse_url(ref, lenient=True), is_flake)
    except BadURL:
        pass
    pm = _PATH_REF.fullmatch(ref)
    assert pm is not None
    path = pm.group(1)
    query = decode_query(pm.group(3) or "", lenient=True)
    fragment = percent_decode(pm.group(5) or "")
    if not preserve_relative and not path.startswith("/"):
        raise BadURL(f"flake reference '{ref}' is not an absolute path")
    url = URL("path", Authority() if path.startswith("/") else None, path_to_url_path(path), query,
              fragment)
    return _from_parsed(url, is_flake)


def parse_flake_ref(ref: str, *, is_flake: bool = True, preserve_relative: bool = False) -> FlakeRef:
    fr, fragment = parse_flake_ref_with_fragment(ref, is_flake=is_flake,
                                                 preserve_relative=preserve_relative)
    if fragment:
        raise FetchError(f"unexpected fragment '{fragment}' in flake reference '{ref}'")
    return fr


def flake_ref_from_attrs(attrs: Attrs, legacy: bool = False) -> FlakeRef:
    dir_ = _str_attr(attrs, "dir")
    rest = {k: v for k, v in attrs.items() if k != "dir"}
    return FlakeRef(input_from_attrs(rest, legacy), dir_ or "")


# --- the builtins --------------------------------------------------------------------


@builtin("parseFlakeRef", 1, feature="flakes")
def parse_flake_ref_builtin(s: Any) -> Any:
    return parse_flake_ref(str(expect_string_no_context(s))).to_attrs()


@builtin("flakeRefToString", 1, feature="flakes")
async def flake_ref_to_string(arg: Any) -> Any:
    expect_attrs(arg)
    attrs: Attrs = {}
    for name in sorted(arg, key=_bkey):
        v = await force(arg[name])
        if type(v) is int:
            if v < 0:
                raise InvalidArgument(f"negative value given for flake ref attr {name}: {v}")
            attrs[name] = v
        elif type(v) is bool:
            attrs[name] = v
        elif isinstance(v, str):
            attrs[name] = str(v)
        else:
            raise NixTypeError("flake reference attribute sets may only contain integers, "
                              f"Booleans, and strings, but attribute '{name}' is {show_type(v)}")
    return flake_ref_from_attrs(attrs).to_string()


__all__ = ["BadURL", "URL", "FlakeRef", "parse_url", "parse_flake_ref", "flake_ref_from_attrs",
           "input_from_attrs", "input_from_url", "input_to_string", "attrs_to_json",
           "require_feature", "percent_encode", "percent_decode"]
