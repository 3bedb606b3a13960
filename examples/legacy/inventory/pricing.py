# -*- coding: latin-1 -*-
"""Prices and discounts, as printed on the Café Müller price list."""

SHOP = 'Café Müller'
DISCOUNT_PERCENT = 15


def price_tag(price):
    return '%5.2f EUR' % (price,)      # five wide, two decimals


def padded(price):
    return '%08.3f' % (float(price) ,)


def discount_line():
    return 'discount: %d%%, today only' % (DISCOUNT_PERCENT,)


def whole_euros(price):
    # 19.99 prints as 19 here; a ':d' format spec raises on a float
    return '%d EUR, roughly' % (price,)


def column(width, n):
    return '[%*d]' % (width, n)     # width from an argument


def shop_sign():
    return '*** %s ***' % (SHOP,) + ' ' + u'%s' % ('café ouvert',)
