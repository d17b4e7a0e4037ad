[ "quote\" back\\ nl\n tab\t cr\r" "ctrl${builtins.fromJSON "\"\\u0001\""}" "unicode é 日本" "slash /" ]
