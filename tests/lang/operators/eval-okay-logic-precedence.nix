[ (true || false && false) (false && false || true) (true -> false || true) (!true || true) (false -> false -> false) ]
