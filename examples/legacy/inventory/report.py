"""The plain-text stock report, one function per section."""

from inventory import pricing

HEADER_FMT = '%-10s|%6s|%12s'


def header():
    line = HEADER_FMT % ('name', 'count', 'unit price')  # format is a name
    return [line, '-' * len(line)]


def row(item):
    # the pieces used to be three constants
    return ('%-10s'
            '|%6s'  # count
            '|%12s') % (item.name, item.count, pricing.price_tag(item.price))


def extremes(items):
    by_price = sorted(items, key=lambda i: i.price)
    return 'cheapest %s, then %s, dearest %s' % (
        by_price[0].name,    # the bargain
        # whatever sits in the middle
        by_price[1].name,
        by_price[-1].name,   # the splurge
    )  # always three names


def details(item):
    tags = item.tags
    lines = [item.label() + ' %r' % (item,),
             '  tags: %s' % (tags,),          # a tuple, shown whole
             '  total %s' % (item.total(),),  # str(), not format()
             '  %(name)s has been in stock %(age)d years'
             % {'name': item.name, 'age': 3},
             '  padded price %s, %s' % (pricing.padded(item.price),
                                        pricing.whole_euros(item.price))]
    if item.count % 2:   # odd counts get flagged (modulo, not formatting)
        lines.append('  odd count: %s'%(item.count ,))
    return lines


def codes(items):
    n = len(items)
    bracket = lambda s: '[%s]' % (s,)
    shop = pricing.SHOP
    return [
        'hex %x, octal %#o, HEX %#X, count %x/%#o' % (255, 8, 3054, n, n),
        'char %c' % 65 + ', chars %c%c' % (0x42, 67),
        bracket('%.3s' % ('abcdef',)) + bracket('%s' % 'plain'),
        '%+d % d %-08d| %u %i' % (7, 7, 42, 3, -4),
        '%e %.2E %g %G' % (12345.678, 0.000123, 1e20, 1.5e-7),
        '%s / %r / %a' % (shop, shop, shop),
        '%(shop)s: %(n)d kinds, says %(shop)s' % {'shop': shop, 'n': n},
        '%s'	%	([1, 2],),
        '100%%' % () + ', ' + pricing.discount_line(),
    ]


def tricky(items):
    row = {'name': items[0].name, 'sku': items[0].sku}
    names = [i.name for i in items]
    return [
        '%s' % (row['name'],),
        '%s-%s' % (*row.values(),),
        '"%s" is %s' % (row['name'], row['sku']),
        '{%s}' % (', '.join(names),),
        'lines: %s' % ('\n  '.join(names),),
        r'C:\stock\%s.txt' % (row['sku'],),
        '''multi
  line %s''' % (len(names),),
    ] + ['#%03d %s=%r' % (i, k, v) for i, (k, v) in enumerate(sorted(row.items()))]


def full_report(warehouse):
    items = warehouse.items
    lines = header()
    lines.extend(row(item) for item in items)
    lines.append(extremes(items))
    for item in items:
        lines.extend(details(item))
    lines.append(pricing.shop_sign())
    lines.append(pricing.column(6, 42) + pricing.column(-6, 42) + '|')
    lines.append(warehouse.describe('downtown') + '; '
                 + warehouse.describe(('uptown',)))
    lines.append((b'%d bytes, %s' % (3, b'raw')).decode('ascii'))
    lines.extend(codes(items))
    lines.extend(tricky(items))
    total = '%s in total, %s units' \
        % (len(items), sum(i.count for i in items))
    lines.append(total)
    return lines
