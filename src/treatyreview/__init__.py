"""treatyreview: the platform that runs the UNTOC Review Mechanism."""

__version__ = "0.1.0"
