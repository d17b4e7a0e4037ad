let c = { __functor = self: n: self.k + n; k = 3; }; in map c [ 14 6 ]
