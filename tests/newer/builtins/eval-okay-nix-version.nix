# Source: https://nix.dev/manual/nix/2.35/release-notes/rl-2.35 (Release 2.35.0,
# 2026-06-22): nixeval implements the language of Nix 2.35, so `builtins.nixVersion` is
# "2.35.0" (https://nix.dev/manual/nix/2.35/language/builtins#builtins-nixVersion: "The
# version of Nix"); `langVersion` is still 6 in 2.35. nixpkgs refuses Nix < 2.18
# (lib/minver.nix), so the check below holds as it must.
with builtins; {
  version = nixVersion;
  global = __nixVersion;
  lang = langVersion;
  nixpkgsMinverOk = compareVersions nixVersion "2.18" >= 0;
}
