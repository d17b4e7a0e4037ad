(toString [ ((-30)) "\t\n {" null true ])
