"""The registry: regional groups, States and other parties, instruments, articles, participation, experts."""
