"value ${null}"
