[ http://example.org/foo https://x.y/a?b=c&d=e ftp://a mailto:someone@example.com urn:isbn:123 ]
