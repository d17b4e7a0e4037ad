# Every derivation of a package set, as `nix-env -qaP` finds them: descend into
# sets with recurseForDerivations, skip what throws under tryEval.
{ nixpkgs ? <nixpkgs>, withDrv ? false, every ? 1, offset ? 0 }:
let
  pkgs = import nixpkgs { config = { }; overlays = [ ]; };
  isDrv = v: builtins.isAttrs v && (v.type or null) == "derivation";
  item = path: v:
    let
      name = builtins.tryEval (builtins.seq v.name v.name);
      drv = if withDrv then builtins.tryEval (builtins.seq v.drvPath v.drvPath) else { success = true; value = "-"; };
    in if name.success && drv.success then [ "${path} ${name.value} ${drv.value}" ] else [ ];
  go = path: v:
    let r = builtins.tryEval (if isDrv v then true else if builtins.isAttrs v then (if path == "" || (v.recurseForDerivations or false) == true then false else null) else null);
    in if !r.success || r.value == null then [ ]
    else if r.value then item path v
    else builtins.concatLists (map (n: go (if path == "" then n else "${path}.${n}") v.${n})
      (if path == "" then sample (builtins.attrNames v) else builtins.attrNames v));
  # every `every`-th top-level name, from `offset`: a deterministic sample
  sample = names: if every == 1 then names else
    builtins.concatLists (builtins.genList (i: if i - (i / every) * every == offset then [ (builtins.elemAt names i) ] else [ ]) (builtins.length names));
in go "" pkgs
