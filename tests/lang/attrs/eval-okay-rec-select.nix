(rec { a = 1; b = a + 10; }).b
