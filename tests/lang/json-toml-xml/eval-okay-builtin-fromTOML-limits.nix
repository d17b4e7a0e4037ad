builtins.fromTOML "a = 9223372036854775807\nb = -9223372036854775808\nc = 0x7fff_ffff_ffff_ffff\nd = 1e-400\ne = 1.7976931348623157e308\nf = [ inf, -inf ]"
