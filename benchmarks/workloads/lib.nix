# A small library in the style of nixpkgs' `lib`, written for the benchmarks.
# Shared by the workloads; nothing here is copied from nixpkgs.
let
  b = builtins;

  lib = rec {
    # --- the size parameter --------------------------------------------------
    # `size` is an int (10), a float (0.01) or a string ("1x", "10x", "0.05x").
    scaleOf = size:
      if b.isInt size || b.isFloat size then size
      else
        let m = b.match "([0-9.]+)x?" size; in
        if m == null then b.throw "bad size ${size}" else b.fromJSON (b.head m);

    # max 1 (floor (base * scale))
    scaled = base: size:
      let n = b.floor (base * scaleOf size); in if n < 1 then 1 else n;

    # --- functions ------------------------------------------------------------
    id = x: x;
    const = x: _: x;
    flip = f: a: c: f c a;
    pipe = x: fs: b.foldl' (acc: f: f acc) x fs;

    # --- fixed points and extension ---------------------------------------------
    fix = f: let x = f x; in x;
    extends = overlay: f: self: let super = f self; in super // overlay self super;
    composeExtensions = f: g: self: super:
      let fApplied = f self super; super' = super // fApplied; in
      fApplied // g self super';
    composeManyExtensions = b.foldl' composeExtensions (_: _: { });
    makeExtensible = makeExtensibleWithCustomName "extend";
    makeExtensibleWithCustomName = attr: rattrs:
      fix (self: rattrs self // {
        ${attr} = overlay: makeExtensibleWithCustomName attr (extends overlay rattrs);
      });

    # --- lists --------------------------------------------------------------------
    range = first: last:
      if first > last then [ ] else b.genList (n: first + n) (last - first + 1);
    foldr = op: nul: list:
      let len = b.length list;
          go = n: if n == len then nul else op (b.elemAt list n) (go (n + 1));
      in go 0;
    take = n: list: b.genList (b.elemAt list) (if n < b.length list then n else b.length list);
    drop = n: list:
      let len = b.length list; in
      if n >= len then [ ] else b.genList (i: b.elemAt list (i + n)) (len - n);
    last = list: b.elemAt list (b.length list - 1);
    flatten = x: if b.isList x then b.concatMap flatten x else [ x ];
    unique = list:
      (b.foldl' (acc: x: if acc.seen ? ${toString x} then acc
                         else { seen = acc.seen // { ${toString x} = true; }; out = acc.out ++ [ x ]; })
        { seen = { }; out = [ ]; } list).out;
    imap0 = f: list: b.genList (n: f n (b.elemAt list n)) (b.length list);
    sum = b.foldl' (a: c: a + c) 0;
    count = pred: b.foldl' (c: x: if pred x then c + 1 else c) 0;
    optional = cond: x: if cond then [ x ] else [ ];
    optionals = cond: xs: if cond then xs else [ ];
    zipListsWith = f: xs: ys:
      b.genList (i: f (b.elemAt xs i) (b.elemAt ys i))
        (if b.length xs < b.length ys then b.length xs else b.length ys);
    sortOn = f: list:
      map (p: p.v) (b.sort (x: y: x.k < y.k) (map (v: { k = f v; inherit v; }) list));

    # --- attribute sets -------------------------------------------------------------
    genAttrs = names: f: b.listToAttrs (map (n: { name = n; value = f n; }) names);
    nameValuePair = name: value: { inherit name value; };
    mapAttrs' = f: set:
      b.listToAttrs (map (attr: f attr set.${attr}) (b.attrNames set));
    mapAttrsToList = f: set: map (attr: f attr set.${attr}) (b.attrNames set);
    filterAttrs = pred: set:
      b.listToAttrs (b.concatMap (n: let v = set.${n}; in if pred n v then [ { name = n; value = v; } ] else [ ])
        (b.attrNames set));
    attrByPath = path: default: set:
      let go = i: s:
            if i == b.length path then s
            else let n = b.elemAt path i; in
              if s ? ${n} then go (i + 1) s.${n} else default;
      in go 0 set;
    setAttrByPath = path: value:
      foldr (n: acc: { ${n} = acc; }) value path;
    recursiveUpdateUntil = pred: lhs: rhs:
      let f = attrPath:
            b.zipAttrsWith (n: values:
              let here = attrPath ++ [ n ]; in
              if b.length values == 1
                 || pred here (b.elemAt values 1) (b.head values)
              then b.head values
              else f here values);
      in f [ ] [ rhs lhs ];
    recursiveUpdate = recursiveUpdateUntil (path: lhs: rhs: !(b.isAttrs lhs && b.isAttrs rhs));
    collect = pred: v:
      if pred v then [ v ]
      else if b.isAttrs v then b.concatMap (collect pred) (b.attrValues v)
      else [ ];

    # --- strings ------------------------------------------------------------------
    concatStrings = b.concatStringsSep "";
    concatMapStrings = f: list: concatStrings (map f list);
    concatMapStringsSep = sep: f: list: b.concatStringsSep sep (map f list);
    concatImapStringsSep = sep: f: list: b.concatStringsSep sep (imap0 f list);
    hasPrefix = pref: str: b.substring 0 (b.stringLength pref) str == pref;
    hasSuffix = suff: str:
      let ls = b.stringLength str; lf = b.stringLength suff; in
      lf <= ls && b.substring (ls - lf) lf str == suff;
    removePrefix = pref: str:
      if hasPrefix pref str
      then b.substring (b.stringLength pref) (b.stringLength str - b.stringLength pref) str
      else str;
    removeSuffix = suff: str:
      if hasSuffix suff str
      then b.substring 0 (b.stringLength str - b.stringLength suff) str
      else str;
    stringToCharacters = s: b.genList (p: b.substring p 1 s) (b.stringLength s);
    lowerChars = stringToCharacters "abcdefghijklmnopqrstuvwxyz";
    upperChars = stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    toUpper = b.replaceStrings lowerChars upperChars;
    toLower = b.replaceStrings upperChars lowerChars;
    splitString = sep: s:
      b.filter b.isString (b.split (escapeRegex sep) s);
    escapeRegex = b.replaceStrings
      [ "\\" "." "*" "+" "?" "(" ")" "[" "]" "{" "}" "|" "^" "$" ]
      [ "\\\\" "\\." "\\*" "\\+" "\\?" "\\(" "\\)" "\\[" "\\]" "\\{" "\\}" "\\|" "\\^" "\\$" ];
    escapeShellArg = arg: "'${b.replaceStrings [ "'" ] [ "'\\''" ] (toString arg)}'";
    escapeShellArgs = concatMapStringsSep " " escapeShellArg;
    fixedWidthString = width: filler: str:
      let l = b.stringLength str; in
      if l >= width then str
      else concatStrings (b.genList (_: filler) (width - l)) + str;
    fixedWidthNumber = width: n: fixedWidthString width "0" (toString n);
    intToHex = n:
      let digits = "0123456789abcdef";
          go = n: acc: if n == 0 then acc
                       else go (n / 16) (b.substring (n - 16 * (n / 16)) 1 digits + acc);
      in if n == 0 then "0" else go n "";
    mod = a: m: a - m * (a / m);

    # --- versions -------------------------------------------------------------------
    versionOlder = v1: v2: b.compareVersions v2 v1 == 1;
    versionAtLeast = v1: v2: !(versionOlder v1 v2);
    majorMinor = v: let parts = b.splitVersion v; in
      b.concatStringsSep "." (take 2 parts);
    getName = x: (b.parseDrvName (x.name or x)).name;
    getVersion = x: (b.parseDrvName (x.name or x)).version;

    # --- hashing summaries (keep outputs small but force everything) ----------------
    digest = s: b.hashString "sha256" s;
  };
in lib
