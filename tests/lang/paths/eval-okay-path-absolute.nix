[ /foo /foo/bar /a/../b /a/./b /. ]
