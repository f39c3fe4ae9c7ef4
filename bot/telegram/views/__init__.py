"""What the bot shows: HTML and keyboards from plain data (roadmaps, summaries, rows); no I/O, no services."""
