"value ${x: x}"
