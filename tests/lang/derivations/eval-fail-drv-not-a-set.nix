derivationStrict "x"
