"<a href=\"x\">&amp; 'q'</a>\n"
