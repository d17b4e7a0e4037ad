"""Nix's configuration settings, as nix-instantiate takes them on its command line.

Nix 2.8 accepts every setting as `--option NAME VALUE`, a Boolean one also as
`--NAME` and `--no-NAME`, and any other as `--NAME VALUE` (nixpkgs' lib/tests/
modules.sh passes `--timeout 1`). The names below are those `nix show-config` of
Nix 2.8 lists. nixeval acts on the settings its evaluator reads (`pure-eval`,
`restrict-eval`, `show-trace`, `store`); the others (build, substitution and daemon
settings) are accepted and have no effect, as they have none on an evaluation.

Invariants: an unknown name in `--option` is a warning, not an error (as in Nix);
an unknown `--NAME` flag is an error (`unrecognised flag`); a Boolean setting
given a value other than true/false/yes/no/1/0 is a warning and keeps its value.
"""

from __future__ import annotations

BOOL_SETTINGS = frozenset("""
accept-flake-config allow-dirty allow-import-from-derivation allow-new-privileges
allow-symlinked-store allow-unsafe-native-code-during-evaluation auto-optimise-store
builders-use-substitutes compress-build-log enforce-determinism eval-cache fallback
filter-syscalls fsync-metadata http2 impersonate-linux-26 keep-build-log
keep-derivations keep-env-derivations keep-failed keep-going keep-outputs
preallocate-contents print-missing pure-eval require-sigs restrict-eval run-diff-hook
sandbox sandbox-fallback show-trace substitute sync-before-registering
trace-function-calls use-case-hack use-registries use-sqlite-wal warn-dirty
""".split())

VALUE_SETTINGS = frozenset("""
access-tokens allowed-impure-host-deps allowed-uris allowed-users bash-prompt
bash-prompt-suffix build-hook build-poll-interval build-users-group builders
commit-lockfile-summary connect-timeout cores diff-hook download-attempts
experimental-features extra-platforms flake-registry gc-reserved-space hashed-mirrors
http-connections ignored-acls log-lines max-build-log-size max-free max-jobs
max-silent-time min-free min-free-check-interval nar-buffer-size
narinfo-cache-negative-ttl narinfo-cache-positive-ttl netrc-file nix-path
plugin-files post-build-hook pre-build-hook repeat sandbox-build-dir
sandbox-dev-shm-size sandbox-paths secret-key-files stalled-download-timeout store
substituters system system-features tarball-ttl timeout trusted-public-keys
trusted-substituters trusted-users user-agent-suffix
""".split())

_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")


def known(name: str) -> bool:
    base = name[6:] if name.startswith("extra-") else name
    return base in BOOL_SETTINGS or base in VALUE_SETTINGS


def parse_bool(name: str, value: str) -> bool | None:
    """The value of a Boolean setting, or None when `value` is not one."""
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None
