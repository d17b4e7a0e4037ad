# Builtins given all their arguments at once, in tail position and not, with
# strict arguments that cannot be computed synchronously (deep expressions), and
# builtins returning an element or attribute that is still a thunk.
let
  b = builtins;
  deep = n: if n == 0 then [ 1 2 3 ] else let r = deep (n - 1); in if b.length r > 0 then r else [ ];
  big = b.genList (i: { v = if i == 0 then "zero" else toString i; }) 50;
  set = { a = deep 30; b = b.head (deep 40); };
  inTail = xs: b.elemAt xs 1;
  getIt = n: s: b.getAttr n s;
  withFn = f: b.map f (deep 20);
  curried = b.elemAt (deep 25);
  counted = b.foldl' (acc: x: acc + x) 0 (deep 45);
in
{
  head = b.head (deep 50);
  tail = inTail (deep 35);
  attr = getIt "b" set;
  attrSet = (getIt "a" set);
  mapped = withFn (x: x * 10);
  partial = curried 2;
  counted = counted;
  strs = b.concatStringsSep "," (b.map (e: e.v) (b.filter (e: e.v != "3") big));
  isAttrs = b.isAttrs (b.head big);
  length = b.length (deep 60);
  toStr = toString { __toString = self: "via ${self.name}"; name = "toString"; };
  mapAttrs = b.mapAttrs (n: v: "${n}=${toString (b.length v)}") { x = deep 5; y = [ ]; };
}
