class ApplicationError(Exception):
    """A business rule refused the operation. The message is translated and shown to the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
