# A module system in the style of NixOS: option declarations with types,
# definitions from many modules merged per option, mkIf/mkMerge pushed down
# lazily (so `config = mkIf config.x.enable { ... }` works), priorities
# (mkDefault/mkForce/option defaults), type checks, and a fixed point where
# every module sees the final `config`.
# 1x = 1,000 service modules + 1,000 host-configuration modules.
{ size ? "1x" }:
let
  b = builtins;
  lib = import ./lib.nix;
  inherit (lib) mod;

  n = lib.scaled 1000 size;

  # --- properties -----------------------------------------------------------------
  mkIf = condition: content: { _type = "if"; inherit condition content; };
  mkMerge = contents: { _type = "merge"; inherit contents; };
  mkOverride = priority: content: { _type = "override"; inherit priority content; };
  mkDefault = mkOverride 1000;
  mkForce = mkOverride 50;
  mkOptionDefault = mkOverride 1500;
  mkOption = { type, default ? null, description ? "" }@args:
    { _type = "option"; inherit type description; hasDefault = args ? default; default = args.default or null; };
  isOption = v: b.isAttrs v && (v._type or null) == "option";
  typeOf = v: if b.isAttrs v then v._type or null else null;

  # Split one definition at a non-leaf level into plain attrsets whose values
  # carry the surrounding mkIf conditions; only attribute names are looked at,
  # no condition is evaluated here.
  pushDown = v:
    let t = typeOf v; in
    if t == "if" then map (b.mapAttrs (_: mkIf v.condition)) (pushDown v.content)
    else if t == "merge" then b.concatMap pushDown v.contents
    else [ v ];

  # Evaluate conditions and flatten merges; returns { priority, value } pairs.
  discharge = prio: v:
    let t = typeOf v; in
    if t == "if" then (if v.condition then discharge prio v.content else [ ])
    else if t == "merge" then b.concatMap (discharge prio) v.contents
    else if t == "override" then discharge v.priority v.content
    else [ { priority = prio; value = v; } ];

  # Keep only the definitions with the highest priority (lowest number).
  prioritise = file: defs:
    let
      all = b.concatMap (d: map (x: x // { file = d.file; }) (discharge 100 d.value)) defs;
      best = b.foldl' (m: d: if d.priority < m then d.priority else m) 9999 all;
    in b.filter (d: d.priority == best) all;

  # --- types -------------------------------------------------------------------------
  showLoc = b.concatStringsSep ".";
  checked = t: loc: defs:
    map (d: if t.check d.value then d
            else b.throw "The option `${showLoc loc}' in ${d.file} is not of type ${t.name}.") defs;
  mergeEqual = loc: defs:
    let first = b.head defs; in
    b.foldl' (v: d: if d.value == v then v
                    else b.throw "The option `${showLoc loc}' has conflicting definitions, in ${first.file} and ${d.file}.")
      first.value (b.tail defs);
  mkType = { name, check, merge ? mergeEqual }: { _type = "type"; inherit name check merge; };
  types = rec {
    bool = mkType { name = "boolean"; check = b.isBool; };
    int = mkType { name = "signed integer"; check = b.isInt; };
    port = mkType { name = "16 bit unsigned integer"; check = v: b.isInt v && v >= 0 && v < 65536; };
    str = mkType { name = "string"; check = b.isString; };
    lines = mkType { name = "strings concatenated with \"\\n\""; check = b.isString;
                     merge = loc: defs: lib.concatMapStringsSep "\n" (d: d.value) defs; };
    enum = values: mkType { name = "one of ${b.concatStringsSep ", " values}"; check = v: b.elem v values; };
    nullOr = t: mkType { name = "null or ${t.name}"; check = v: v == null || t.check v;
                         merge = loc: defs: if b.all (d: d.value == null) defs then null
                                            else t.merge loc (b.filter (d: d.value != null) defs); };
    listOf = t: mkType {
      name = "list of ${t.name}"; check = b.isList;
      merge = loc: defs: b.concatMap (d: lib.imap0 (i: x:
        t.merge (loc ++ [ "[${toString i}]" ]) (checked t loc [ { inherit (d) file; value = x; } ])) d.value) defs;
    };
    attrsOf = t: mkType {
      name = "attribute set of ${t.name}"; check = b.isAttrs;
      merge = loc: defs:
        b.mapAttrs (name: vs: t.merge (loc ++ [ name ]) (checked t (loc ++ [ name ]) (prioritise name vs)))
          (b.zipAttrsWith (name: vs: vs)
            (map (d: b.mapAttrs (_: v: { inherit (d) file; value = v; }) d.value) defs));
    };
  };

  # --- evaluation ----------------------------------------------------------------------
  evalModules = modules:
    let
      named = lib.imap0 (i: m: { file = m.file or "module-${toString i}"; fn = m.module; }) modules;
      applied = map (m:
        let r = if b.isFunction m.fn then m.fn { inherit config lib mkIf mkMerge mkDefault mkForce; } else m.fn; in
        { inherit (m) file; options = r.options or { };
          config = if r ? options || r ? config then r.config or { } else r; }) named;

      # Merge option declarations into one tree.
      mergeDecls = decls:
        if b.any isOption decls then
          (if b.length decls == 1 then b.head decls else b.throw "option declared twice")
        else b.zipAttrsWith (_: mergeDecls) decls;
      optionTree = mergeDecls (map (m: m.options) applied);

      evalOption = path: opt: defs:
        let
          all = defs ++ lib.optional opt.hasDefault { file = "default"; value = mkOptionDefault opt.default; };
          final = checked opt.type path (prioritise (showLoc path) all);
        in
        if final == [ ] then b.throw "The option `${showLoc path}' is used but not defined."
        else opt.type.merge path final;

      # Walk the option tree with the definitions found at each level, zipped
      # by attribute name (linear in the number of definitions).
      walk = path: tree: defs:
        if isOption tree then evalOption path tree defs
        else
          let
            pushed = b.concatMap (d: map (value: { inherit (d) file; inherit value; }) (pushDown d.value)) defs;
            byName = b.zipAttrsWith (_: vs: vs)
              (map (d: b.mapAttrs (_: value: { inherit (d) file; inherit value; }) d.value) pushed);
          in b.mapAttrs (name: sub: walk (path ++ [ name ]) sub (byName.${name} or [ ])) tree;

      config = walk [ ] optionTree (map (m: { inherit (m) file; value = m.config; }) applied);
    in { inherit config optionTree; };

  # --- the modules ---------------------------------------------------------------------------
  core = {
    file = "core.nix";
    module = { config, ... }: {
      options = {
        environment.systemPackages = mkOption { type = types.listOf types.str; default = [ ]; };
        environment.etc = mkOption { type = types.attrsOf types.lines; default = { }; };
        networking.hostName = mkOption { type = types.str; default = "nixos"; };
        networking.firewall.enable = mkOption { type = types.bool; default = true; };
        networking.firewall.allowedTCPPorts = mkOption { type = types.listOf types.port; default = [ ]; };
        users.users = mkOption { type = types.attrsOf (types.attrsOf types.str); default = { }; };
        system.build.summary = mkOption { type = types.str; };
      };
      config = {
        environment.etc.hostname = config.networking.hostName;
        environment.systemPackages = [ "coreutils" "bash" ];
        system.build.summary = "${config.networking.hostName}: ${toString (b.length config.environment.systemPackages)} packages, ports ${toString (lib.take 3 config.networking.firewall.allowedTCPPorts)}";
      };
    };
  };

  service = i:
    let name = "svc${toString i}"; in {
      file = "services/${name}.nix";
      module = { config, mkIf, mkMerge, ... }:
        let cfg = config.services.${name}; in {
          options.services.${name} = {
            enable = mkOption { type = types.bool; default = false; };
            port = mkOption { type = types.port; default = 10000 + mod i 50000; };
            user = mkOption { type = types.str; default = name; };
            logLevel = mkOption { type = types.enum [ "debug" "info" "warn" ]; default = "info"; };
            extraConfig = mkOption { type = types.lines; default = ""; };
            settings = mkOption { type = types.attrsOf types.str; default = { }; };
            package = mkOption { type = types.nullOr types.str; default = "${name}-1.${toString (mod i 10)}"; };
          };
          config = mkIf cfg.enable (mkMerge [
            {
              environment.systemPackages = lib.optional (cfg.package != null) cfg.package;
              users.users.${cfg.user} = { home = "/var/lib/${name}"; group = name; };
              environment.etc."${name}.conf" = ''
                port = ${toString cfg.port}
                log_level = ${cfg.logLevel}
                ${lib.concatMapStringsSep "\n" (k: "${k} = ${cfg.settings.${k}}") (b.attrNames cfg.settings)}
                ${cfg.extraConfig}'';
            }
            (mkIf config.networking.firewall.enable {
              networking.firewall.allowedTCPPorts = [ cfg.port ];
            })
          ]);
        };
    };

  host = i:
    let svc = "svc${toString (mod (i * 7) n)}"; in {
      file = "hosts/part${toString i}.nix";
      module = { config, mkIf, mkDefault, mkForce, ... }: {
        config = {
          services.${svc} = {
            enable = mod i 3 != 0;
            logLevel = if mod i 5 == 0 then mkForce "debug" else mkDefault "warn";
            settings."key${toString i}" = "value${toString i}";
            extraConfig = "# from part ${toString i}";
          } // (if mod i 11 == 0 then { package = null; } else { });
          environment.systemPackages = lib.optional (mod i 4 == 0) "tool${toString i}";
          networking.hostName = mkDefault "machine";
        };
      };
    };

  result = evalModules ([ core ] ++ b.genList service n ++ b.genList host n
    ++ [ { file = "top.nix"; module = { networking.hostName = "bench"; }; } ]);
  cfg = result.config;
  enabled = b.filter (s: cfg.services.${s}.enable) (b.attrNames cfg.services);
in
{
  summary = cfg.system.build.summary;
  enabled = b.length enabled;
  packages = b.length cfg.environment.systemPackages;
  packagesDigest = lib.digest (toString cfg.environment.systemPackages);
  ports = lib.sum cfg.networking.firewall.allowedTCPPorts;
  users = b.length (b.attrNames cfg.users.users);
  etcDigest = lib.digest (lib.concatMapStringsSep "\n--\n" (f: "${f}:\n${cfg.environment.etc.${f}}") (b.attrNames cfg.environment.etc));
  logLevels = b.mapAttrs (_: b.length) (b.groupBy lib.id (map (s: cfg.services.${s}.logLevel) enabled));
  sample = cfg.environment.etc."svc7.conf" or null;
  hostName = cfg.networking.hostName;
}
