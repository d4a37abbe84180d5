"""The JSON Schema of the policy model, shipped as package data (``policy.schema.json``)."""
