"""What pure and restricted evaluation allow the fetchers (fetchers.py, fetchtree.py):
`check_uri`, Nix's checkURI against `allowed-uris` and the allowed paths, and
`PureModeError`, the error for an unlocked input in pure mode.
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.git import FetchError
from nixeval.builtins.paths import check_allowed
from nixeval.errors import RestrictedPath
from nixeval.machine.requests import current


def check_uri(uri: str) -> None:
    """Restricted mode: Nix's checkURI (a local path must be allowed, a URL must start
    with an allowed URI)."""
    ev = current()
    if not ev.restrict or ev.pure:
        return
    for prefix in ev.settings.allowed_uris:
        # A prefix matches at a path boundary; one ending in ':' (`github:`) matches
        # the whole scheme (Nix 2.20).
        if uri == prefix or (uri.startswith(prefix) and (prefix.endswith(("/", ":")) or
                                                         uri[len(prefix):len(prefix) + 1] in "/?#")):
            return
    path = uri[len("file://"):] if uri.startswith("file://") else uri
    if path.startswith("/"):
        try:
            check_allowed(path)
        except RestrictedPath as e:
            raise FetchError(e.message) from None
        return
    raise FetchError(f"access to URI '{uri}' is forbidden in restricted mode")


class PureModeError(RestrictedPath):
    """Nix 2.8 writes the position of the call into this message rather than
    reporting it: completed when the machine places the error (`at`)."""

    positionless = True
    placed = False

    def at(self, span: Any) -> PureModeError:
        if span is not None and not self.placed:
            self.placed = True
            self.message = f"{self.message}, at {span.short()}"
            self.args = (self.message,)
        super().at(span)
        return self
