//! `molt dis` against the oracle's `dis.dis(compile(source))`, case by
//! case: each source below must disassemble exactly as CPython 3.13 does
//! (code object addresses masked). The expected text is the oracle's,
//! taken during the test.

mod common;

use common::{first_difference, run_driver};
use molt_oracle::oracle;

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
];

#[test]
fn dis_is_cpythons() {
    let input: Vec<String> = CASES
        .iter()
        .map(|s| serde_json::json!({ "source": s }).to_string())
        .collect();
    let expected = run_driver(oracle(), "dis_listing.py", &[], &input);
    let mut wrong = Vec::new();
    for (source, want) in CASES.iter().zip(&expected) {
        let want = want["dis"]
            .as_str()
            .expect("the oracle compiles every case");
        let got = pymolt::cli::dis_source("<dis>", source).expect("molt compiles every case");
        if got != want {
            wrong.push(format!("{source:?}\n{}", first_difference(want, &got)));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cases differ:\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}
