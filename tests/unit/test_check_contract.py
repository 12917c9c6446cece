"""What every mini-project checker promises, whichever chapter it belongs to.

New chapters' checkers are picked up automatically from ``check.__all__``.
"""

import pytest

from mmlbook import check

CHECKERS = [name for name in check.__all__ if name != "Result"]


def test_every_chapter_module_exports_checkers():
    assert len(CHECKERS) >= 12 and len(set(CHECKERS)) == len(CHECKERS)


@pytest.mark.parametrize("name", CHECKERS)
def test_a_non_callable_is_a_type_error_naming_the_checker(name):
    with pytest.raises(TypeError, match=name):
        getattr(check, name)("not a function")


@pytest.mark.parametrize("name", CHECKERS)
def test_a_function_that_raises_is_reported_not_propagated(name):
    def broken(*args, **kwargs):
        raise RuntimeError("an error inside the reader's code")

    result = getattr(check, name)(broken)
    assert isinstance(result, check.Result) and not result
    assert "RuntimeError" in result.message and "an error inside the reader's code" in result.message
    assert f"{name}(" in result.message, "the message shows the call that raised"
