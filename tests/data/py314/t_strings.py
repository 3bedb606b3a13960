# PEP 750 template strings in every position they may take (Python 3.14).
greeting = t"Hello {name}!"
t"statement {x}"
print(t'{a}', t"{b!r}", key=T'''{c:>{width}}''')
raw = rt"\d+{pattern}" + Rt'\w{x}' if flag else tr"{y}\n"
nested = t"{t'{inner}'} and {f'{fmt}'}"
concatenated = t"one {a}" t'two {b}' T"""three
{c}"""
debug = t"{value=} {value = !s:10} {obj.attr=:>{w}}"
spec = t"{x:{y:{z}}}" t"{x:%Y-%m-%d}" t"{{literal}} {{{x}}}"
multiline = t"""{
    value
    # a comment inside the interpolation
    + 1
}"""
items = [t"{i}" for i in range(3) if t"{i}"]
mapping = {t"{k}": t"{v}" for k, v in pairs}
handler = lambda x=t"{d}": t"{x}"


@decorate(t"{arg}")
def render(template=t"{default}", *, other: "Annotation" = t"{o}") -> str:
    yield t"{a}"
    return t"{b}"


match t"{subject}":
    case str() if t"{guard}":
        pass

with open(t"{path}") as f, context(t"{x}"):
    assert t"{check}", t"{message}"
    del values[t"{key}"]
    raise Error(t"{problem}") from cause
