"""Checking files: schema, model and repository rules as diagnostics, and the reporters that print them."""
