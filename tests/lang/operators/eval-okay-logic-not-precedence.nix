[ (!false && false) (! (1 == 2)) (!{ a = true; }.a) ]
