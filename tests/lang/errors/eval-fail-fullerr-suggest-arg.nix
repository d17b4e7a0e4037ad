({ abc, xyz ? 1 }: abc) { ab = 1; abc = 2; }
