"""Stage 0, the event-log engine: events sorted once by order and time, codes in numpy arrays, filters as masks.

Imports nothing from the later stages; every analysis reads an ``EventLog`` through a ``LogView``.
"""
