# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.25
# Source: https://github.com/NixOS/nix/pull/11188
# Since Nix 2.25 ("Define integer overflow in the Nix language as an error") the
# start and length of substring are read as the 64-bit integers they are (Nix 2.8
# truncated them to 32-bit C ints: 4294967297 was 1, 2^63-1 was -1); a negative
# length still means "to the end".
[
  (builtins.substring 4294967297 1 "abc")
  (builtins.substring 9223372036854775807 1 "abc")
  (builtins.substring 0 (-9223372036854775807 - 1) "abc")
  (builtins.substring 1 9223372036854775807 "abc")
  (builtins.substring 0 4294967297 "abc")
]
