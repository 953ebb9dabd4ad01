"""claude-doctor: diagnose Claude API errors, credentials and network paths."""

__version__ = "0.1.0"
