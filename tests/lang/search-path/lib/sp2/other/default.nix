"sp2-other"
