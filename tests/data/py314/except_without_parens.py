# PEP 758: except and except* without parentheses (Python 3.14).
try:
    pass
except ValueError, TypeError:
    pass
except (KeyError, IndexError) as e:
    pass
except OSError:
    pass

try:
    pass
except* ValueError, TypeError:
    pass
except* (KeyError, IndexError) as eg:
    pass

try:
    pass
except A, B, C,:
    pass
finally:
    pass

def f():
    try:
        return 1
    except a.B, c[0], d():
        return 2
