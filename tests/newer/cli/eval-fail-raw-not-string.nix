# Source: https://nix.dev/manual/nix/2.26/command-ref/nix-instantiate (`--raw`: "the
# evaluation result must be a string"); an integer is refused as string coercion refuses it.
1 + 2
