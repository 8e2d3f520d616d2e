"""Stage 5, progress over time: the KPI catalogue, trends against targets, snapshots."""
