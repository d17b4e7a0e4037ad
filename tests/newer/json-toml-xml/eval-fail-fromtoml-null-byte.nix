# Source: https://github.com/NixOS/nix/pull/12024
# Since Nix 2.26 fromTOML refuses a string that holds a NUL byte (Nix 2.8 cut it
# there). Nix raises its own error while converting toml11's value, inside the
# handler that prefixes the text of the error (with its "error: ") with "while
# parsing TOML: " (Nix >= 2.21's words; 2.8 said "while parsing a TOML string: ").
builtins.fromTOML ''
  a = "ok"
  b = "x\u0000y"
''
