let x = with; in x
