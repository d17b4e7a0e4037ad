"value ${true}"
