# héllo 日本
"ünïcödé"
