"""Framework-free rules and arithmetic of the mechanism: no Django, no I/O."""
