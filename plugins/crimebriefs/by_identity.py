"""Results remembered by the identity of what they are for: lists cannot be hashed, briefs equal only themselves."""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class ByIdentity:
    """The last ``most`` results worked out, each for an object and a key.

    Each object is held while its result is remembered, so that its identity cannot pass to another.
    """

    def __init__(self, most: int) -> None:
        self.most = most
        self._made: OrderedDict[tuple, tuple[object, object]] = OrderedDict()

    def get(self, subject: object, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
        """The result for ``subject`` and ``key``: remembered, or made now by ``make``."""
        whole = (id(subject), *key)
        made = self._made.get(whole)
        if made is not None and made[0] is subject:
            self._made.move_to_end(whole)
            return made[1]
        result = make()
        self._made[whole] = (subject, result)
        if len(self._made) > self.most:
            self._made.popitem(last=False)
        return result

    def clear(self) -> None:
        self._made.clear()
