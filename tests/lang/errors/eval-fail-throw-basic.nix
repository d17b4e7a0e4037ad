throw "plain message"
