"""The dialogue in a terminal: numbered options, typed answers, the roadmap as Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TextIO

from bot import texts
from bot.domain.dialogue import Option, Reply, UserInput
from bot.domain.planner import Roadmap
from bot.domain.render import roadmap_markdown
from bot.services.conversation import ConversationService, Outcome

CHANNEL = "terminal"
_NUMBERS = re.compile(r"\s*\d+(?:[\s,]+\d+)*\s*")


def format_reply(reply: Reply) -> str:
    """A reply as terminal text: the message, then its options numbered from 1."""
    lines = [reply.text]
    lines += [f"  {n}. {option.label}" for n, option in enumerate(reply.options, start=1)]
    if reply.multi_select:
        lines.append(texts.TERMINAL_MULTI_HINT)
    return "\n".join(lines)


def read_choice(line: str, options: list[Option], multi_select: bool) -> list[str] | None:
    """The option values a typed line picks ("2", "1 3 4", or a label), or None when it is free text."""
    if options and _NUMBERS.fullmatch(line):
        numbers = [int(n) for n in re.findall(r"\d+", line)]
        # Several numbers only where several choices make sense; out-of-range numbers are answers ("40").
        if (len(numbers) == 1 or multi_select) and all(1 <= n <= len(options) for n in numbers):
            return [options[n - 1].value for n in numbers]
        return None
    wanted = line.strip().casefold()
    for option in options:
        if wanted == option.label.casefold():
            return [option.value]
    return None


def format_notices(notices: list[str]) -> str:
    """What was retired or changed in the catalog since the plan was made, and how to plan again."""
    lines = [texts.CATALOG_NOTICE_TITLE, *(f"  - {notice}" for notice in notices)]
    lines.append(texts.TERMINAL_CATALOG_HINT.format(new_plan=texts.NEW_PLAN))
    return "\n".join(lines)


EARLIEST_COMMAND = "/earliest"


class TerminalChat:
    """One learner's conversation over a text stream pair; the same service as Telegram."""

    def __init__(
        self,
        service: ConversationService,
        user: str,
        out: TextIO,
        render: Callable[[Roadmap], str] = roadmap_markdown,
    ) -> None:
        """Chat as `user`, printing to `out`."""
        self.service = service
        self.user = user
        self.out = out
        self.render = render
        self.options: list[Option] = []
        self.multi_select = False

    def print(self, text: str) -> None:
        """Write a message followed by a blank line, flushed so pipes see it at once."""
        self.out.write(text + "\n\n")
        self.out.flush()

    def send(self, inp: UserInput) -> Outcome:
        """Send one input through the service and remember the options of the last reply."""
        outcome = self.service.handle(CHANNEL, self.user, inp, display_name=self.user)
        if outcome.replies:
            self.options = outcome.replies[-1].options
            self.multi_select = outcome.replies[-1].multi_select
        return outcome

    def show(self, outcome: Outcome) -> None:
        """Print the replies, and the roadmap when there is one."""
        if outcome.roadmap is not None:
            # The roadmap before the final question, so the learner reads it, then what to do next.
            for reply in outcome.replies[:-1]:
                self.print(format_reply(reply))
            self.print(self.render(outcome.roadmap).rstrip())
            if outcome.notices:
                self.print(format_notices(outcome.notices))
            missed = outcome.roadmap.explanations.deadline
            if missed is not None and missed.accept_date is not None:
                self.print(texts.PLANNER_TERMINAL_EARLIEST_HINT.format(date=missed.accept_date.isoformat()))
            if outcome.replies:
                self.print(format_reply(outcome.replies[-1]))
            return
        for reply in outcome.replies:
            self.print(format_reply(reply))

    def answer(self, line: str) -> None:
        """Handle one typed line: a command, numbered options, an option label, or free text."""
        line = line.strip()
        if not line:
            return
        if line.strip().lower() == EARLIEST_COMMAND:
            # issue 13: one command accepts the earliest date reachable at the learner's pace as the deadline.
            use = next((o.value for o in self.options if o.value.startswith("usedate:")), None)
            if use is not None:
                self.show(self.send(UserInput(kind="button", value=use)))
                return
        if line.startswith("/"):
            self.show(self.send(UserInput(kind="command", value=line)))
            return
        values = read_choice(line, self.options, self.multi_select)
        if values is None:
            self.show(self.send(UserInput(kind="text", value=line)))
            return
        # A multi-select line is several taps; only the screen after the last one is worth printing.
        outcome = None
        for value in values:
            outcome = self.send(UserInput(kind="button", value=value))
        assert outcome is not None
        self.show(outcome)

    def run(self, lines: TextIO, echo: bool) -> int:
        """Resume (or start) the conversation, then answer every line until end of input."""
        self.print(texts.TERMINAL_INTRO.format(user=self.user))
        self.show(self.send(UserInput(kind="command", value="/start")))
        while True:
            if not echo:
                self.out.write(texts.TERMINAL_PROMPT)
                self.out.flush()
            line = lines.readline()
            if not line:
                break
            if echo:
                # Piped input is not shown by a terminal: print it so the transcript reads as a chat.
                self.print(texts.TERMINAL_PROMPT + line.rstrip("\n"))
            self.answer(line)
        if not echo:
            self.out.write("\n")
        self.print(texts.TERMINAL_BYE)
        return 0


def run_chat(service: ConversationService, user: str, lines: TextIO, out: TextIO) -> int:
    """Chat until end of input; echo typed lines when they come from a pipe rather than a person."""
    chat = TerminalChat(service, user, out)
    try:
        return chat.run(lines, echo=not lines.isatty())
    except KeyboardInterrupt:
        # Ctrl-C is a way to quit too; every answer given so far is already committed.
        out.write("\n")
        chat.print(texts.TERMINAL_BYE)
        return 130
