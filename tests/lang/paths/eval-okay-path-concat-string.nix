[ (./foo + "bar") (./foo + "/bar") (/a + "/b/c") (./. + "/x") ]
