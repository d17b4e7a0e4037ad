(toString [ ((-19) - (-26)) "  " null true ])
