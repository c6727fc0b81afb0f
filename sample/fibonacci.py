"""Fibonacci numbers, to try ghost text on Python."""


def fibonacci(n: int) -> int:
    """Return the n-th Fibonacci number (fibonacci(0) == 0)."""
    # TODO: iterative, O(n) time, O(1) memory
    


def is_fibonacci(x: int) -> bool:
    """True when x is a Fibonacci number."""
    


if __name__ == "__main__":
    print([fibonacci(i) for i in range(10)])
