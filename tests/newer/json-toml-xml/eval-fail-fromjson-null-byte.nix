# Source: https://github.com/NixOS/nix/pull/12024
# Nix strings cannot hold a NUL byte: since Nix 2.26 fromJSON refuses a string that
# decodes to one (Nix 2.8 cut the string there), naming it with U+2400 for the NUL.
builtins.fromJSON ''{ "a": [ "ok", "x\u0000y" ] }''
