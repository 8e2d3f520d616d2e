"""Stage 3, where orders leave the standard path: the reference model, token replay and no-code rules."""
