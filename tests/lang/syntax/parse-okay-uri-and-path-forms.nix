[ http://x.y/z ./a/b /c ~/d ./e${"f"} <nixpkgs> <a/b> ]
