"""inventory: a tiny stock-keeping and reporting tool.

Written for Python 2.5, ported (reluctantly) to Python 3.
"""

__version__ = '%d.%d.%d' % (0, 4, 2)
BANNER = 'inventory %s -- %s' % (__version__, 'stock report')
