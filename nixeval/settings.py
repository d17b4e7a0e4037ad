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

# The Nix release whose language nixeval implements: `builtins.nixVersion`, and the
# level `nixeval --version` names. Where the language changed after 2.8 (the oracle
# run here), nixeval follows this release; DIFFERENCES.md lists every such place.
NIX_VERSION = "2.35.0"
# `builtins.langVersion`: unchanged since Nix 2.8 (6 in Nix 2.35).
LANG_VERSION = 6

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

# Settings added to Nix after 2.8 that concern evaluation (nixeval implements the
# language of a newer Nix: see NIX_VERSION in nixeval/builtins/paths.py).
NEWER_BOOL_SETTINGS = frozenset("""
abort-on-warn debugger-on-trace debugger-on-warn ignore-try trace-import-from-derivation
trace-verbose warn-short-path-literals
""".split())
NEWER_VALUE_SETTINGS = frozenset("""
eval-system lint-absolute-path-literals lint-short-path-literals lint-url-literals
max-call-depth
""".split())
BOOL_SETTINGS = BOOL_SETTINGS | NEWER_BOOL_SETTINGS
VALUE_SETTINGS = VALUE_SETTINGS | NEWER_VALUE_SETTINGS

LINT_LEVELS = ("ignore", "warn", "fatal")

# `max-call-depth`: nested function calls allowed, tail calls counted (see
# nixeval/machine/calls.py). Not Nix's 10,000: evaluation depth here is bounded by
# memory, not by a C stack, and a 1,000,000-deep non-tail recursion must work;
# 2**20 calls still stop a runaway recursion within a few seconds and under 1 GiB.
DEFAULT_MAX_CALL_DEPTH = 1 << 20

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


class Settings:
    """The settings an evaluation reads, as typed values (`Evaluation.settings`).

    `set(name, value)` takes a setting as the command line gives it and returns a
    warning to print, or None. `experimental-features` replaces the set of features,
    `extra-experimental-features` adds to it (as every `extra-` list setting).
    (A plain class: importing `dataclasses` costs start-up time.)"""

    def __init__(self) -> None:
        self.experimental_features: set[str] = set()
        self.abort_on_warn = False
        self.trace_verbose = False
        self.max_call_depth = DEFAULT_MAX_CALL_DEPTH
        self.allowed_uris: list[str] = []
        self.lint_url_literals = "ignore"
        self.lint_short_path_literals = "ignore"
        self.lint_absolute_path_literals = "ignore"
        self.system = ""  # `system`: the platform, builtins.currentSystem unless eval-system
        self.eval_system = ""  # `eval-system` (Nix 2.20): builtins.currentSystem only

    def __repr__(self) -> str:
        return f"Settings({vars(self)!r})"

    def feature(self, name: str) -> bool:
        """Whether experimental feature `name` is enabled (`flakes` implies `fetch-tree`)."""
        return name in self.experimental_features or (
            name == "fetch-tree" and "flakes" in self.experimental_features)

    def set(self, name: str, value: str) -> str | None:
        extra = name.startswith("extra-")
        base = name[6:] if extra else name
        if base == "experimental-features":
            words = set(value.split())
            self.experimental_features = (self.experimental_features | words) if extra else words
        elif base == "allowed-uris":
            words_l = value.split()
            self.allowed_uris = self.allowed_uris + words_l if extra else words_l
        elif base in ("abort-on-warn", "trace-verbose"):
            flag = parse_bool(base, value)
            if flag is None:
                return f"error: Boolean setting '{base}' has invalid value '{value}'"
            setattr(self, base.replace("-", "_"), flag)
        elif base == "warn-short-path-literals":
            # Nix 2.31's Boolean, replaced by lint-short-path-literals in 2.34.
            flag = parse_bool(base, value)
            if flag is None:
                return f"error: Boolean setting '{base}' has invalid value '{value}'"
            self.lint_short_path_literals = "warn" if flag else "ignore"
            return ("'warn-short-path-literals' is deprecated, use "
                    "'lint-short-path-literals = warn' instead")
        elif base in ("system", "eval-system"):
            setattr(self, base.replace("-", "_"), value)
        elif base == "max-call-depth":
            if not value.isdigit():  # an unsigned integer, as in Nix
                return f"error: configuration setting '{base}' should be an integer"
            depth = int(value)
            self.max_call_depth = depth
        elif base in ("lint-url-literals", "lint-short-path-literals", "lint-absolute-path-literals"):
            if value not in LINT_LEVELS:
                return (f"error: option '{base}' has invalid value '{value}' "
                        "(expected 'ignore', 'warn', or 'fatal')")
            setattr(self, base.replace("-", "_"), value)
        return None
