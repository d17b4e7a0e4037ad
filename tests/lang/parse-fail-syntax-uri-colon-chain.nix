a:x:y : z
