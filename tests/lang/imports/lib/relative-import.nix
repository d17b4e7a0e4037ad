let helper = import ./value.nix; in helper.answer + 1
