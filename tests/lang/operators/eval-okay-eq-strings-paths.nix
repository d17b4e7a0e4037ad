[ ("abc" == "abc") ("${"a"}bc" == "abc") (/a/b == /a/b) ]
