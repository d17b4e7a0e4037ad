[ 1 (abort "in list") ]
