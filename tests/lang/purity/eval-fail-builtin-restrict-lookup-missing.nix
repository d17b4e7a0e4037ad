<nope>
