[ ./foo ./foo/bar ./. ../lang/x ./a/../b ./a/./b ]
