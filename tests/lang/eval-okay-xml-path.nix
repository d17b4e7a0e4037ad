[ ./foo /abs ]
