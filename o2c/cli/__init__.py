"""Edge: ``python -m o2c``, the command line over the same core."""
