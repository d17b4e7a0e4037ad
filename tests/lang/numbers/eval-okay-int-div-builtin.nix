with builtins; [ (div 17 5) (div (-17) 5) (div 17 (-5)) (div (-17) (-5)) ]
