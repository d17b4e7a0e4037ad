# `type` is the one attribute fetchTree always requires.
builtins.fetchTree { path = "/"; }
