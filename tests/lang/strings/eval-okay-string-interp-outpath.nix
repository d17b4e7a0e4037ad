let o = { outPath = "/some/where"; }; in "<${o}>"
