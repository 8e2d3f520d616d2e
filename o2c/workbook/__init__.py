"""Edge: the Excel template users fill in, and the optional sheets read back from it."""
