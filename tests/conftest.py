import pytest

from rasti import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The built-in rules, compiled once per test session."""
    return Engine()
