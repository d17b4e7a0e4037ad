"<${((toString [ (22 - 18) "\"" null true ]) + "''\${x}\t")}|${toString ((builtins.div ((-18)) 2))}>"
