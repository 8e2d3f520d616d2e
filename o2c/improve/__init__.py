"""Stage 4, why and what to change: comparison, root causes, people, partners, automation, cost, what-if, backlog."""
