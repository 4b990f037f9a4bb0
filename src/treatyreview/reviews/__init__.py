"""Cycles, year groups, draws, country reviews, reviewer assignments, phases, and the rules they follow."""
