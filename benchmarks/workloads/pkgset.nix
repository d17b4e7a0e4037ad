# A nixpkgs-style package set: fix + extends + overlays, callPackage through
# functionArgs/intersectAttrs, override/overrideAttrs, a mkDerivation wrapper,
# nested extensible package sets; the result names and hashes every package.
# 1x = 3,000 generated packages (+ 300 "python" packages).
# useDerivation = true switches mkDerivation and fetchurl to the real
# `derivation` builtin (drvPath/outPath computed by the evaluator).
{ size ? "1x", useDerivation ? false }:
let
  b = builtins;
  lib = import ./lib.nix;
  inherit (lib) mod;

  n = lib.scaled 3000 size;
  nPython = lib.scaled 300 size;
  system = "x86_64-linux";

  # Written as a lookup so that evaluators without `derivation` still parse this file.
  derivation = b.derivation or (b.throw "this evaluator has no `derivation` builtin");

  fakeStorePath = seed: name:
    "/nix/store/${b.substring 0 32 (lib.digest seed)}-${name}";

  # --- override machinery -------------------------------------------------------
  makeOverridable = f: origArgs:
    let
      result = f origArgs;
      overrideWith = newArgs:
        origArgs // (if b.isFunction newArgs then newArgs origArgs else newArgs);
    in
    if b.isAttrs result then result // {
      override = newArgs: makeOverridable f (overrideWith newArgs);
      overrideAttrs = g: makeOverridable (args: (f args).overrideAttrs g) origArgs;
    } else result;

  callPackageWith = autoArgs: fn: args:
    let
      f = if b.isFunction fn then fn else import fn;
      auto = b.intersectAttrs (b.functionArgs f) autoArgs;
    in makeOverridable f (auto // args);

  # --- the builder wrapper ----------------------------------------------------------
  fetchurl = { url, sha256 ? lib.digest url }:
    if useDerivation then
      derivation {
        name = b.baseNameOf url;
        builder = "builtin:fetchurl";
        inherit system url;
        outputHashAlgo = "sha256";
        outputHashMode = "flat";
        outputHash = sha256;
      }
    else { inherit url sha256; outPath = fakeStorePath sha256 (b.baseNameOf url); };

  fetchFromGitHub = { owner, repo, rev }:
    fetchurl { url = "https://github.com/${owner}/${repo}/archive/${rev}.tar.gz"; };

  mkDerivation = attrs0:
    let
      attrs = { buildInputs = [ ]; nativeBuildInputs = [ ]; propagatedBuildInputs = [ ];
                meta = { }; passthru = { }; doCheck = true; } // attrs0;
      name = attrs.name or "${attrs.pname}-${attrs.version}";
      meta = { platforms = [ "x86_64-linux" "aarch64-linux" ]; broken = false;
               license = "mit"; } // attrs.meta;
      available = !meta.broken && b.elem system meta.platforms;
      allInputs = attrs.buildInputs ++ attrs.nativeBuildInputs ++ attrs.propagatedBuildInputs;
      inputPaths = map (d: "${d}") (b.filter (d: d != null) allInputs);
      drvAttrs = b.removeAttrs attrs [ "meta" "passthru" "pname" "buildInputs"
                                       "nativeBuildInputs" "propagatedBuildInputs" ] // {
        inherit name system;
        builder = "/bin/sh";
        args = [ "-c" (attrs.buildPhase or "make install PREFIX=$out") ];
        buildInputs = b.concatStringsSep " " inputPaths;
        doCheck = if attrs.doCheck then "1" else "";
      } // b.mapAttrs (_: toString) (b.intersectAttrs { src = null; } attrs);
      base =
        if useDerivation then derivation drvAttrs
        else drvAttrs // {
          outPath = fakeStorePath (b.concatStringsSep "|" ([ name ] ++ inputPaths
                                   ++ [ (drvAttrs.src or "") drvAttrs.doCheck ])) name;
        };
    in
    assert available || b.throw "${name} is not available on ${system}";
    base // attrs.passthru // {
      inherit meta name;
      pname = attrs.pname or (lib.getName name);
      version = attrs.version or (lib.getVersion name);
      overrideAttrs = f: mkDerivation (attrs0 // f attrs);
    };

  # --- package templates (functions called through callPackage) ---------------------------
  versionOf = i: "${toString (mod i 7)}.${toString (mod (i * 13) 20)}.${toString (mod i 3)}";
  depsOf = self: i:
    if i < 2 then [ ] else [ self."pkg-${toString (i / 2)}" self."pkg-${toString (i * 7 / 10)}" ];

  templates = [
    ({ mkDerivation, fetchurl, zlib, i, deps, withDocs ? false }:
      mkDerivation {
        pname = "libfoo${toString i}";
        version = versionOf i;
        src = fetchurl { url = "https://example.org/libfoo-${toString i}.tar.gz"; };
        buildInputs = [ zlib ] ++ deps;
        configureFlags = [ "--enable-shared" ] ++ lib.optional withDocs "--with-docs";
      })
    ({ mkDerivation, fetchurl, perl, openssl ? null, i, deps, withDocs ? false, enableSsl ? true }:
      mkDerivation {
        pname = "tool-${toString i}";
        version = "${versionOf i}pre${toString (mod i 5)}";
        src = fetchurl { url = "mirror://gnu/tool/tool-${toString i}.tar.xz"; };
        nativeBuildInputs = [ perl ];
        buildInputs = lib.optional (enableSsl && openssl != null) openssl ++ deps;
        doCheck = !withDocs;
      })
    ({ stdenv, python, fetchFromGitHub, i, deps, withDocs ? false }:
      stdenv.mkDerivation rec {
        pname = "py-app-${toString i}";
        version = "20${toString (10 + mod i 14)}-0${toString (1 + mod i 9)}-1${toString (mod i 10)}";
        src = fetchFromGitHub { owner = "someone${toString (mod i 50)}"; repo = pname; rev = "v${version}"; };
        buildInputs = [ python ] ++ deps;
        meta.broken = false;
      })
    ({ mkDerivation, fetchurl, cmake, zlib, lib, i, deps, withDocs ? false }:
      mkDerivation {
        name = "cxx-lib-${toString i}-${versionOf (i + 1)}";
        src = fetchurl { url = "https://example.com/cxx/${toString i}.zip"; };
        nativeBuildInputs = [ cmake ];
        propagatedBuildInputs = [ zlib ] ++ deps;
        passthru.tests = { simple = "test-${toString i}"; };
        meta.platforms = [ "x86_64-linux" ];
      })
  ];
  nTemplates = b.length templates;

  # --- the set ------------------------------------------------------------------------
  basePkgs = self:
    let callPackage = callPackageWith (self // { inherit lib; }); in
    {
      inherit lib callPackage fetchurl fetchFromGitHub;
      stdenv = { inherit system mkDerivation; };
      mkDerivation = self.stdenv.mkDerivation;
      zlib = callPackage ({ mkDerivation, fetchurl }: mkDerivation {
        pname = "zlib"; version = "1.2.12";
        src = fetchurl { url = "https://zlib.net/zlib-1.2.12.tar.gz"; };
      }) { };
      perl = callPackage ({ mkDerivation, fetchurl, zlib }: mkDerivation {
        pname = "perl"; version = "5.34.1"; buildInputs = [ zlib ];
        src = fetchurl { url = "https://cpan.org/perl-5.34.1.tar.gz"; };
      }) { };
      openssl = callPackage ({ mkDerivation, fetchurl, perl, withPerl ? true }: mkDerivation {
        pname = "openssl"; version = "3.0.3";
        nativeBuildInputs = lib.optional withPerl perl;
        src = fetchurl { url = "https://openssl.org/openssl-3.0.3.tar.gz"; };
      }) { };
      cmake = callPackage ({ mkDerivation, fetchurl, openssl }: mkDerivation {
        pname = "cmake"; version = "3.23.1"; buildInputs = [ openssl ];
        src = fetchurl { url = "https://cmake.org/cmake-3.23.1.tar.gz"; };
      }) { };
      python = callPackage ({ mkDerivation, fetchurl, openssl, zlib }: mkDerivation {
        pname = "python3"; version = "3.10.4"; buildInputs = [ openssl zlib ];
        src = fetchurl { url = "https://python.org/Python-3.10.4.tar.xz"; };
      }) { };
      pythonPackages = lib.makeExtensible (ps: lib.genAttrs
        (b.genList (j: "pylib${toString j}") nPython)
        (pn: self.stdenv.mkDerivation {
          pname = "python3.10-${pn}";
          version = "1.${toString (b.stringLength pn)}";
          buildInputs = [ self.python ];
          propagatedBuildInputs =
            let j = b.fromJSON (lib.removePrefix "pylib" pn); in
            lib.optional (j > 0) ps."pylib${toString (j / 3)}";
        }));
    } // b.listToAttrs (b.genList (i: {
      name = "pkg-${toString i}";
      value = callPackage (b.elemAt templates (mod i nTemplates)) { inherit i; deps = depsOf self i; };
    }) n);

  overlays = [
    (self: super: {
      zlib = super.zlib.overrideAttrs (old: { version = "1.2.13"; });
      openssl = super.openssl.override { withPerl = false; };
    })
    (self: super: b.listToAttrs (map (i: {
      name = "pkg-${toString i}";
      value = super."pkg-${toString i}".overrideAttrs (old: {
        version = "${old.version or "0"}-patched";
        patches = [ "fix-${toString i}.patch" ];
      });
    }) (b.genList (k: k * 10) (n / 10))))
    (self: super: b.listToAttrs (map (i: {
      name = "pkg-${toString i}";
      value = super."pkg-${toString i}".override { withDocs = true; };
    }) (b.genList (k: k * 7 + 3) (n / 7))))
    (self: super: {
      pythonPackages = super.pythonPackages.extend (pself: psuper: {
        pylib0 = psuper.pylib0.overrideAttrs (old: { version = "2.0"; });
      });
    })
  ];

  pkgs0 = lib.fix (b.foldl' (f: o: lib.extends o f) basePkgs overlays);
  pkgs = (lib.makeExtensible (self: pkgs0)).extend (self: super: {
    hello = super.callPackage ({ mkDerivation, fetchurl }: mkDerivation {
      pname = "hello"; version = "2.12";
      src = fetchurl { url = "mirror://gnu/hello/hello-2.12.tar.gz"; };
    }) { };
  });

  isDrv = v: b.isAttrs v && v ? outPath && v ? pname;
  drvs = b.filter isDrv (b.attrValues pkgs);
  pyDrvs = b.filter isDrv (b.attrValues pkgs.pythonPackages);
  label = p: "${p.pname}-${p.version}";
  names = map label drvs;
in
{
  count = b.length drvs;
  pythonCount = b.length pyDrvs;
  namesDigest = lib.digest (b.concatStringsSep "\n" names);
  outPathsDigest = lib.digest (lib.concatMapStringsSep "\n" (p: p.outPath) (drvs ++ pyDrvs));
  drvPathsDigest =
    if useDerivation then lib.digest (lib.concatMapStringsSep "\n" (p: p.drvPath) drvs) else null;
  sample = lib.take 4 names ++ [ (lib.last names) ];
  hello = label pkgs.hello;
  zlib = label pkgs.zlib;
  pylib0 = label pkgs.pythonPackages.pylib0;
  patched = lib.count (lib.hasSuffix "-patched") names;
  withDocs = lib.count (p: b.elem "--with-docs" (p.configureFlags or [ ])) drvs;
}
