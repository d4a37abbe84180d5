"""privlint: a policy-as-code linter for GDPR privacy declarations."""

__version__ = "0.1.0"
