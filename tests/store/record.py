"""Record expected values for the store tests from the reference Nix 2.8.

Run from anywhere: ``python3 tests/store/record.py``. Needs nix-instantiate,
nix-store, nix-hash and nix on PATH. Writes tests/store/data/*.json. Every
expected value in those files is printed by the reference tools; this script
only chooses the inputs. Derivation ``.drv`` texts come from instantiating
into a throw-away chroot store (``--store <tmpdir>``), so /nix/store is not
touched; so do the read-write cases of ``realise`` (read-only cases use the real
store in read-only mode, which writes nothing).
"""

from __future__ import annotations

import base64
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures")
DATA = os.path.join(HERE, "data")
sys.path.insert(0, HERE)

from cases import (  # noqa: E402
    DRV_CASES,
    DRV_ERROR_CASES,
    GEN_TREES,
    HASH_INPUTS,
    HASH_PARSE_CASES,
    NAR_PATHS,
    OUTPUT_HASH_CASES,
    PATH_CASES,
    REALISE_CASES,
    build_tree,
    nix_expr_for_path_case,
    nix_str,
    realise_argv,
)

NIX = ["nix", "--extra-experimental-features", "nix-command"]


def run(cmd, env=None, cwd=FIX, input=None):
    e = dict(os.environ)
    e.pop("NIX_STORE_DIR", None)
    e.update(env or {})
    p = subprocess.run(cmd, cwd=cwd, env=e, capture_output=True, input=input)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "surrogateescape")


def error_text(stderr: str) -> str:
    """The first line of Nix's message, without the leading 'error: '."""
    for line in stderr.splitlines():
        if line.startswith("error: "):
            return line[len("error: "):]
    raise RuntimeError(f"no error line in {stderr!r}")


def warnings(stderr: str) -> list[str]:
    return [l[len("warning: "):] for l in stderr.splitlines() if l.startswith("warning: ")]


def eval_json(expr: str, store_dir: str | None = None) -> dict:
    env = {"NIX_STORE_DIR": store_dir} if store_dir else {}
    rc, out, err = run(
        ["nix-instantiate", "--readonly-mode", "--eval", "--strict", "--json", "-E", expr], env
    )
    if rc == 0:
        return {"value": json.loads(out), "warnings": warnings(err)}
    return {"error": error_text(err), "usage_error": "Try '" in err, "warnings": warnings(err)}


def record_hashes() -> None:
    conv = []
    for algo in ("md5", "sha1", "sha256", "sha512"):
        for s in HASH_INPUTS:
            b16 = eval_json(f"builtins.hashString \"{algo}\" {nix_str(s)}")["value"]
            row = {"algo": algo, "input": s, "base16": b16}
            for form in ("base32", "base64", "sri"):
                rc, out, err = run(NIX + ["hash", f"to-{form}", "--type", algo, b16])
                assert rc == 0, err
                row[form] = out.decode().strip()
            conv.append(row)
    parse = []
    for text, algo in HASH_PARSE_CASES:
        cmd = NIX + ["hash", "to-base16"] + (["--type", algo] if algo else []) + ["--", text]
        rc, out, err = run(cmd)
        row = {"input": text, "algo": algo}
        if rc == 0:
            row["base16"] = out.decode().strip()
        else:
            row["error"] = error_text(err)
            row["usage_error"] = "Try '" in err
        parse.append(row)
    # The same kind of inputs through derivation's outputHash* attributes.
    out_hash = []
    for case in OUTPUT_HASH_CASES:
        attrs = "".join(f" {k} = {nix_str(v)};" for k, v in case.items())
        expr = (
            f'(derivation {{ name = "fo"; system = "x86_64-linux"; builder = "/bin/sh";{attrs} }})'
            ".outPath"
        )
        out_hash.append({"attrs": case, **eval_json(expr)})
    dump("hashes.json", {"conversions": conv, "parse": parse, "output_hash": out_hash})


def nar_record(path: str) -> dict:
    rc, out, err = run(["nix-store", "--dump", path])
    assert rc == 0, err
    rec = {"nar_sha256": __import__("hashlib").sha256(out).hexdigest(), "nar_size": len(out)}
    if len(out) <= 8192:
        rec["nar_base64"] = base64.b64encode(out).decode()
    for algo in ("sha256", "sha1"):
        rc, h, err = run(["nix-hash", "--type", algo, path])
        assert rc == 0, err
        rec[f"nix_hash_{algo}"] = h.decode().strip()
    rc, h, err = run(["nix-hash", "--type", "sha256", "--base32", path])
    rec["nix_hash_sha256_base32"] = h.decode().strip()
    return rec


def record_nar() -> None:
    fixed = {p: nar_record(os.path.join(FIX, p)) for p in NAR_PATHS}
    gen = {}
    for name, spec in GEN_TREES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, name)
            build_tree(root, spec)
            rec = nar_record(root)
            rc, out, err = run(
                ["nix-instantiate", "--readonly-mode", "--eval", "--json", "-E", f'"${{{root}}}"']
            )
            assert rc == 0, err
            rec["store_path"] = json.loads(out)
            gen[name] = rec
    dump("nar.json", {"fixtures": fixed, "generated": gen})


def record_paths() -> None:
    rows = []
    for case in PATH_CASES:
        expr = nix_expr_for_path_case(case)
        rows.append({"case": case, "expr": expr, **eval_json(expr, case.get("store_dir"))})
    dump("paths.json", rows)


def record_drvs() -> None:
    rows = []
    for case in DRV_CASES:
        store_dir = case.get("store_dir")
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "case.nix")
            with open(src, "w") as f:
                f.write(case["expr"])
            env = {"NIX_STORE_DIR": store_dir} if store_dir else {}
            rc, out, err = run(["nix-instantiate", "--store", os.path.join(tmp, "st"), src], env)
            assert rc == 0, (case, err)
            drv_paths = out.decode().split()
            sd = store_dir or "/nix/store"
            texts = {}
            for f in sorted(glob.glob(os.path.join(tmp, "st", "**", "*.drv"), recursive=True)):
                with open(f, "rb") as fh:
                    texts[sd + "/" + os.path.basename(f)] = fh.read().decode(
                        "utf-8", "surrogateescape"
                    )
        # Evaluate drvPath and the output paths in read-only mode too.
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "case.nix")
            with open(src, "w") as f:
                f.write(case["expr"])
            info = eval_json(
                f"let d = import {src}; in {{ inherit (d) drvPath; outputs = "
                "builtins.listToAttrs (map (o: { name = o; value = d.${o}.outPath; }) "
                "(builtins.filter (o: d ? ${o}) (d.outputs or [\"out\"]))); }",
                store_dir,
            )
        rows.append(
            {"id": case["id"], "expr": case["expr"], "store_dir": store_dir,
             "instantiated": drv_paths, "drvs": texts, **info}
        )
    errors = []
    for case in DRV_ERROR_CASES:
        errors.append({"case": case, **eval_json(case["expr"])})
    dump("drvs.json", {"cases": rows, "errors": errors})


def record_realise() -> None:
    rows = []
    for case in REALISE_CASES:
        with tempfile.TemporaryDirectory() as tmp:
            argv = realise_argv(case, os.path.join(tmp, "root"))
            # The environment of the tests (tests/harness.py case_env): no NIX_*.
            env = {k: v for k, v in os.environ.items() if not k.startswith("NIX_")}
            env.update({"NIX_PATH": "", "LC_ALL": "C.UTF-8", "TZ": "UTC"})
            p = subprocess.run(["nix-instantiate", *argv], cwd=FIX, env=env, capture_output=True,
                               stdin=subprocess.DEVNULL)
            subprocess.run(["chmod", "-R", "u+w", tmp], check=False)
        err = p.stderr.decode("utf-8", "surrogateescape")
        assert FIX not in err and "/tmp/" not in err, (case["id"], err)
        if case["mode"] == "ro" and "realise/" in case["expr"] and "none.drv" not in case["expr"] \
                and "unsafeDiscard" not in case["expr"] and "./realise/t.txt;" not in case["expr"]:
            # The fixtures are in no store: the case must exercise the failure.
            assert p.returncode != 0 or case["id"].startswith("ro-no_context"), (case["id"], err)
        rows.append({"id": case["id"], "code": p.returncode,
                     "stdout": p.stdout.decode("utf-8", "surrogateescape"), "stderr": err})
    dump("realise.json", rows)


def dump(name: str, obj) -> None:
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, name), "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", name)


def main() -> None:
    for tool in ("nix-instantiate", "nix-store", "nix-hash", "nix"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found")
    which = sys.argv[1:] or ["hashes", "nar", "paths", "drvs", "realise"]
    for w in which:
        globals()[f"record_{w}"]()


if __name__ == "__main__":
    main()
