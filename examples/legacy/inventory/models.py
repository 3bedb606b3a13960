"""Stock items and the warehouse that holds them."""


class Money(object):
    """An amount in euros: str() gives the label, format() the bare number."""

    def __init__(self, amount):
        self.amount = amount

    def __str__(self):
        return 'EUR %.2f' % (self.amount,)

    def __format__(self, spec):
        # added later for the new-style templates
        return format(self.amount, spec or '.2f')


class Item(object):
    """One line of stock."""

    def __init__(self, sku, name, price, count, tags=()):
        self.sku = sku
        self.name = name
        self.price = price          # float, euros per unit
        self.count = count          # int
        self.tags = tuple(tags)     # e.g. ('fragile', 'heavy')

    def __repr__(self):
        return 'Item(%r, %r)' % (self.sku, self.name)

    def total(self):
        return Money(self.price * self.count)

    def label(self):
        return '%-10s|' % (self.name,)


class Warehouse(object):

    def __init__(self, name):
        self.name = name
        self.items = []

    def add(self, *args, **kwargs):
        item = Item(*args, **kwargs)
        self.items.append(item)
        return item

    def summary(self):
        count = len(self.items)
        return '%s: %d items' % (self.name, count)

    def describe(self, value):
        # value is a name or a 1-tuple holding one: % unpacks the tuple
        return 'warehouse %s' % value


def sample_warehouse():
    w = Warehouse('Main St.')
    w.add('A-100', 'widget', 2.5, 12, tags=('small',))
    w.add('B-220', 'gadget', 19.99, 3)
    w.add('C-003', 'sprocket', 0.35, 140, tags=('small', 'bulk'))
    w.add('D-042', "doohickey", 7.0, 0,
          tags=('fragile', 'heavy',),)
    return w
