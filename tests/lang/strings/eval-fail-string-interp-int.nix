"value ${1}"
