"sp2-pkg"
