assert true; assert 1 == 1; with { }; let in null
