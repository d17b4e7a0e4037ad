"value ${[ "a" ]}"
