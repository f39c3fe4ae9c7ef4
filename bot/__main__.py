"""`python -m bot` runs the same typer app as the `waypoint` command."""

from bot.cli import main

main()
