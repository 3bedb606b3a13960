# A tour of what molt's tokenizer reads: Python 3.13 syntax, end to end.
from dataclasses import dataclass


@dataclass(frozen=True)
class Point[T: (int, float)]:
    """A point; PEP 695 type parameters."""

    x: T
    y: T = 0

    def __add__(self, other: "Point[T]") -> "Point[T]":
        return Point(self.x + other.x, self.y + other.y)


type Pair[K] = tuple[K, K]


def describe(value, *, width=10, **extra):
    match value:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=x, y=y) if x == y:
            return f"diagonal at {x!r:>{width}}"
        case [first, *rest]:
            return f"{first=} and {len(rest)} more: {', '.join(map(str, rest))}"
        case {"name": str(name)}:
            return f"named {name.title()!s} ({'{'}braces{'}'})"
        case _:
            return f"""something else:
    {value
     # a comment inside a replacement field
    }"""


if (n := len([0x_ff, 0o17, 0b1010, 1_000.5e-3, 2j, .5])) > 3:
    print(describe(Point(1, 1)), rb'\d+', n, sep='\t')
