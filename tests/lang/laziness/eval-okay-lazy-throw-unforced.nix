{ a = throw "not printed"; b = abort "neither"; }
