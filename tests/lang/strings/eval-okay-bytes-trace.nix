# trace writes the bytes as they are; a tab advances to the next multiple of 8
# columns, a UTF-8 character counting one column, as does a byte that is not UTF-8
# (a lead byte with the continuation bytes that follow it, even cut short).
builtins.trace "a¶bÃ©"
(builtins.trace "Ã©	x¶	yâ‚¬	zğŸ˜€	wâ‚	và€€	uø‚	."
(builtins.trace [ "¶" { "¶" = "Ã©"; } ]
(builtins.trace "¶¶	ÃÃ©	âA	ô€€	À€	|" 1)))
