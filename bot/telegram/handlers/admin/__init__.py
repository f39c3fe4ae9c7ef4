"""The catalog admin's handlers: commands and buttons, the guided add, uploads (wired in `bot.telegram.app`)."""
