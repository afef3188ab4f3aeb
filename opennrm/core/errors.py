from __future__ import annotations


class ApplicationError(Exception):
    """A business rule refused the operation. The message is translated and shown to the user.
    A service that checks several fields reports every problem at once (`Problems`): the first
    is the error's own message and field, the others are in `others`."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        others: list[ApplicationError] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.others = others or []

    def all(self) -> list[ApplicationError]:
        return [self, *self.others]


class Problems:
    """Collects a service's refusals so that the user sees every one of them on one submit,
    not one per try."""

    def __init__(self) -> None:
        self._found: list[ApplicationError] = []

    def add(self, message: str, *, field: str | None = None) -> None:
        if field is None or field not in {p.field for p in self._found}:
            self._found.append(ApplicationError(message, field=field))

    def raise_any(self) -> None:
        if self._found:
            first, *others = self._found
            raise ApplicationError(first.message, field=first.field, others=others)
