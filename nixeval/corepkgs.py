"""Nix's built-in corepkgs: what `<nix/NAME>` resolves to when the search path has
no `nix` entry, and our own source for `<nix/fetchurl.nix>`.

Nix 2.8 resolves `<nix/NAME>` (when the search path has no `nix` entry) to
`/__corepkgs__/NAME`, and only `fetchurl.nix` can be imported from there.
`CORE_FILES` holds our own source for it: a fixed-output derivation with builder
`builtin:fetchurl` and the same attributes as Nix's, hence the same paths. The
evaluation's `find_file`/`import_item` and `findFile` (builtins/paths.py) consult
`corepkgs_path`/`CORE_FILES`. A leaf: it imports nothing of nixeval, so the machine
and the builtins both may use it.
"""

from __future__ import annotations

COREPKGS_PREFIX = "/__corepkgs__/"

_FETCHURL_NIX = """\
# nixeval's <nix/fetchurl.nix>: a fixed-output derivation run by Nix's built-in
# fetchurl builder. The hash is given as `hash` (SRI) or by one of the legacy
# algorithm attributes; `unpack` or `executable` hash the result recursively.
{ system ? ""
, url
, hash ? ""
, md5 ? ""
, sha1 ? ""
, sha256 ? ""
, sha512 ? ""
, outputHash ?
    if hash != "" then hash
    else if sha512 != "" then sha512
    else if sha1 != "" then sha1
    else if md5 != "" then md5
    else sha256
, outputHashAlgo ?
    if hash != "" then ""
    else if sha512 != "" then "sha512"
    else if sha1 != "" then "sha1"
    else if md5 != "" then "md5"
    else "sha256"
, executable ? false
, unpack ? false
, name ? baseNameOf (toString url)
}:

derivation {
  inherit name url executable unpack outputHash outputHashAlgo;
  builder = "builtin:fetchurl";
  system = "builtin";
  outputHashMode = if unpack || executable then "recursive" else "flat";
  urls = [ url ];
  preferLocalBuild = true;
  impureEnvVars = [ "http_proxy" "https_proxy" "ftp_proxy" "all_proxy" "no_proxy" ];
}
"""

CORE_FILES: dict[str, str] = {COREPKGS_PREFIX + "fetchurl.nix": _FETCHURL_NIX}


def corepkgs_path(name: str) -> str | None:
    """Where `<name>` resolves when no search path entry has it: `nix/X` is
    `/__corepkgs__/X` (whether or not X exists), anything else is not found."""
    if name.startswith("nix/"):
        return COREPKGS_PREFIX + name[4:]
    return None
