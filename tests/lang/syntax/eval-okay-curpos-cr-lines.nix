# A bare CR ends a line, as LF and CRLF do.
{ a = 1; b = __curPos;
 c = __curPos; }
