"""The few named exceptions eventdesk raises; bad input is data (`ReadError`), not an exception."""


class EventdeskError(Exception):
    """Base class of eventdesk's own errors."""


class SettingsError(EventdeskError):
    """A settings file or value that cannot be used."""


class UnreadableInput(EventdeskError):  # noqa: N818  (reads as the condition it names)
    """An input that cannot be turned into a document; its message is the recorded reason."""

    def __init__(self, reason: str, *, code: str = "unreadable") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
