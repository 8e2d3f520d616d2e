"""Stage 1, data in: uploaded bytes to an ``EventLog`` and one validation report (Data page, ``analyze``)."""
