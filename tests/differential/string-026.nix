(toString [ (21 - 8) "\"\n{" null true ])
