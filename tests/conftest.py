import sys
from pathlib import Path

import pytest

from rasti import Engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pg_server  # noqa: E402


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The built-in rules, compiled once per test session."""
    return Engine()


@pytest.fixture(scope="session")
def pg():
    """A real PostgreSQL server (tests/pg_server.py), or a skip that says why there is none."""
    server, why = pg_server.start()
    if server is None:
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    yield server
    server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path) -> pg_server.Backend:
    """Each store test on both backends: SQLite files in tmp_path, PostgreSQL databases on `pg`."""
    if request.param == "postgresql":
        return pg_server.Backend("postgresql", tmp_path, request.getfixturevalue("pg"))
    return pg_server.Backend("sqlite", tmp_path)
