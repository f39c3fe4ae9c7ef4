"""Telegram handlers: thin adapters from updates to services and back."""
