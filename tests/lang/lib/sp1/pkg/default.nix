"sp1-pkg"
