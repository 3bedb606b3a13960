//! `molt dis` against the oracle's `dis.dis(compile(source))`, case by
//! case: each source below must disassemble exactly as CPython 3.13 does
//! (code object addresses masked), and compile to the oracle's code
//! objects field by field. The expected text is the oracle's, taken
//! during the test.

mod common;

const CASES: &[&str] = &[
    "print('Hello, World!')\n",
    "x = 1\nx += 1\n",
    "import os\nfrom a.b import c as d, e\nimport x.y.z as w\nfrom . import q\n",
    "y = x * 2 + os.path.join('a', 'b')\nif x < 3 and y:\n    print(x)\nelif not y:\n    pass\nelse:\n    y = -x\n",
    "while x:\n    x -= 1\n    if x == 5:\n        break\n    continue\nelse:\n    z = 1\n",
    "for i in range(10):\n    print(i, end='')\nelse:\n    pass\n",
    "def f(a, b=2, *args, c, d=4, **kw) -> int:\n    global y\n    z = a + b\n    return z\nprint(f(1, c=3))\n",
    "t = (1, 2, 3)\nl = [1, 2, 3]\ns = {1, 2}\nq = 2 ** 10\nd = {'a': 1, 'b': 2}\ne = {**d, 'c': 3}\n",
    "class C(B, metaclass=M):\n    \"\"\"doc\"\"\"\n    x: int = 1\n    def m(self):\n        self.a = 1\n        return __class__\n",
    "def g():\n    \"gdoc\"\n    a = 1\n    def h():\n        return a\n    return h\nz = a and b or c\nlambda q: q + 1\n",
    "[x for x in y]\ndef f(a):\n    return {b: c for b, c in a}, (c for c in a)\n",
    "a, b = b, a\na, *b = c\nx = y = z\ndel x, y[0], z.w\n",
    "f(*args, **kwargs)\nf(a, *b, c=1, **d)\nobj.m(1, k=2)\n",
    "s = f'{x!r:>{w}} and {y}'\nt = x[1:2]\nu = x[::2]\nx[a:b] = c\n",
    "assert x, 'message'\nraise ValueError('bad') from None\n",
    "def gen():\n    yield 1\n    x = yield\n    yield from other()\n",
    "a < b < c\nnot a in b\nx if y else z\n(n := 10)\n",
    "@dec\n@other(1)\ndef f(): pass\n@dec\nclass C: pass\n",
    "def outer():\n    x = 1\n    def mid():\n        nonlocal x\n        x += 1\n        def inner():\n            return x\n        return inner\n    return mid\n",
    "async def f(a):\n    await a\n    async with a as b, c:\n        pass\n    async for x in b:\n        print(x)\n    return [y async for y in a]\n",
    "async def agen():\n    yield 1\n    await x\n",
    "try:\n    f()\nexcept ValueError as e:\n    g(e)\nexcept (TypeError, KeyError):\n    pass\nelse:\n    h()\nfinally:\n    done()\n",
    "def f():\n    for x in y:\n        try:\n            if x:\n                break\n            continue\n        finally:\n            return 1\n",
    "try:\n    f()\nexcept* ValueError as e:\n    g(e)\nexcept* TypeError:\n    pass\n",
    "with open(a) as f, open(b) as g:\n    data = f.read()\ndef w():\n    with lock:\n        return 1\n",
    "x: int = 1\ny: list[int]\nclass A:\n    z: str = 'a'\ndef f(a: int, *b: str, c: 'C' = 2, **d: float) -> None:\n    v: int = 3\n",
    "from __future__ import annotations\ndef f(a: int) -> list[str]:\n    pass\nx: dict[str, int] = {}\n",
    "def f[T, *Ts, **P](x: T) -> T:\n    return x\nclass C[T: int, U = str](Base):\n    def m(self): return T\ntype Alias[K] = dict[K, int]\ntype Simple = int\n",
    "class C:\n    def m(self):\n        return super().m()\n    def n(self):\n        return super().attr\n    __private = 1\n    def p(self):\n        return self.__private\n",
    "msg = 'a %s b %r c %5s' % (x, y, z)\nsame = '%d' % (n,)\nd = {k: v for k, v in items if v}\ns = {i for i in range(3)}\ng = (i * 2 for i in range(3))\n",
    "def gen():\n    x = yield\n    yield from y\n    return x\nlambda: (yield)\n",
    "import a.b.c as d\nfrom .. import e\nfrom .f import *\nglobal_name = __debug__\nif __debug__:\n    pass\n",
    "x = -1\ny = 2 ** 100\nz = (1, (2, 3))[1]\nw = 'abc'[0]\nv = not True\nu = 1 / 3\nt = 7 // -2\n",
    "a = [x for y in z for x in [1]]\nb = [x for y in z for x in [f(y)]]\nfrom .__future__ import annotations\nc: int = 1\n",
];

#[test]
fn dis_is_cpythons() {
    let wrong = common::dis_differences(CASES);
    assert!(
        wrong.is_empty(),
        "{} cases differ:\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}

/// Until an oracle that reads t-strings (3.14) is on the machine, molt
/// compiles a t-string as 3.13 compiles the same f-string.
#[test]
fn t_strings_compile_as_f_strings() {
    for body in ["a{x!r:>{w}} b {y}", "{x}", "", "plain"] {
        let t = pymolt::cli::dis_source("<dis>", &format!("s = t'{body}'\n")).expect("t-string");
        let f = pymolt::cli::dis_source("<dis>", &format!("s = f'{body}'\n")).expect("f-string");
        assert_eq!(t, f, "{body:?}");
    }
}
