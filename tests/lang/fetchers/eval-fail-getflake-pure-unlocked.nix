# "Unless impure evaluation is allowed (--impure), the flake reference must be
# locked, e.g. contain a Git revision or content hash."
builtins.getFlake "path:/nonexistent"
