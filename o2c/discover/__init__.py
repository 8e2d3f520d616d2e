"""Stage 2, how orders really flow: overview, process map, variants, rework, cycle times, bottlenecks, one order."""
