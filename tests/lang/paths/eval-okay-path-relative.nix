[ ./foo ./foo/bar ./. ../paths/x ./a/../b ./a/./b ]
