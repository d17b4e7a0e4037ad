[ (false -> true -> false) ((false -> true) -> false) ]
