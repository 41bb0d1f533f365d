"""Every `example` and `reject` line in rules/ runs as a test named rules/<file>.rules:<line>."""
import pytest

from rasti import Engine
from rasti.corpus.examples import cases, run

_ENGINE = Engine()
CASES = list(cases(_ENGINE))


def test_there_are_examples():
    assert len(CASES) > 100


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_example(case):
    failure = run(_ENGINE, case)
    assert failure is None, failure
