"""Helpers for *Mathematics for Machine Learning, an executable textbook*.

Import the module you need (``from mmlbook import widgets``); importing the
package itself is cheap and sets nothing up.
"""

__version__ = "0.1.0"
