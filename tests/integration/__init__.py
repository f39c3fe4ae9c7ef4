"""Integration tests: real SQLite, real migrations, the CLI."""
