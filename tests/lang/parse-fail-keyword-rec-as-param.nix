rec: rec
