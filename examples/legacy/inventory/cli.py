"""Command-line entry point: python -m inventory."""

import sys

from inventory import BANNER, models, report


def main(argv=None):
    out = sys.stdout
    w = models.sample_warehouse()
    lines = [BANNER, w.summary(), '']
    lines.extend(report.full_report(w))
    for line in lines:
        out.write('%s\n' % (line,))
    return 0
