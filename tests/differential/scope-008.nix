let fix = f: let x = f x; in x; in (fix (self: { a = (-13); b = self.a + (-12); })).b
