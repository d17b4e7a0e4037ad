<foo>
