"""Run by benches/printf-vs-peers.sh: molt's `printf-to-fstring` next to
ruff's UP031 and flynt on the cases of benches/printf_cases.py, each case in
a file of its own so that no tool's edit of one case can shift another's.

Usage: printf_vs_peers.py CASES MOLT VENV_BIN ORACLE_PYTHON [PY310]

Prints a table (the case, then what each tool made of it, `=` where it left
the case alone), then per tool how many cases it converted and which of those
change behaviour, as tests/oracle/printf_behaviour.py finds them under
ORACLE_PYTHON: on all its probes, and again on its numeric probes only (an
unsafe fix promises behaviour for the expected inputs, numbers for `%f`).
molt is also run without --unsafe-fixes, to mark the rewrites that need it.
With PY310 (a Python 3.10), also flags a rewrite that does not compile there:
molt and ruff were both told the code must run on 3.10. Last, for each peer,
the cases where molt's output differs from it, grouped by who keeps behaviour.
"""
import ast
import io
import json
import os
import subprocess
import sys
import tempfile
import tokenize

ORACLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "oracle", "printf_behaviour.py")


def read_cases(path):
    """The source text of each top-level statement, in order."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.splitlines()
    return ["\n".join(lines[stmt.lineno - 1:stmt.end_lineno]) for stmt in ast.parse(text).body]


def run_quietly(argv, cwd=None):
    subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def tools(molt, venv_bin):
    """(column title, argv to run on a directory of cases)."""
    flynt = [os.path.join(venv_bin, "flynt"), "--quiet"]
    return [
        ("molt", [molt, "fix", "--unsafe-fixes", "--no-progress"]),
        ("ruff", [os.path.join(venv_bin, "ruff"), "check", "--select", "UP031", "--fix", "--unsafe-fixes",
                  "--target-version", "py310", "--no-cache", "--isolated"]),
        ("flynt", flynt),
        ("flynt -a", flynt + ["--aggressive"]),
    ]


FIRST_LINE = "_ = None\n"


def run_tool(argv, cases, scratch, title):
    """What the tool made of each case: its file's text after the run."""
    folder = os.path.join(scratch, title.replace(" ", ""))
    os.mkdir(folder)
    names = []
    for i, case in enumerate(cases, 1):
        name = os.path.join(folder, "case_%03d.py" % i)
        # A first line, so that no case stands where a string would be
        # the module's docstring.
        with open(name, "w", encoding="utf-8") as f:
            f.write(FIRST_LINE + case + "\n")
        names.append(name)
    # Run inside the scratch folder, so that no configuration of the repo
    # (a pyproject.toml's target version, say) reaches a tool.
    run_quietly(argv + [folder], cwd=folder)
    out = []
    for name in names:
        with open(name, encoding="utf-8") as f:
            out.append(f.read().removeprefix(FIRST_LINE).rstrip("\n"))
    return out


def oracle_verdicts(oracle_python, pairs, probes):
    if not pairs:
        return []
    request = json.dumps([{"old": old, "new": new, "probes": probes} for old, new in pairs])
    done = subprocess.run([oracle_python, ORACLE], input=request, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def compiles_on(python, sources):
    """For each source, whether `python` compiles it."""
    script = (
        "import json, sys\n"
        "out = []\n"
        "for s in json.load(sys.stdin):\n"
        "    try:\n"
        "        compile(s, '<case>', 'exec')\n"
        "        out.append(True)\n"
        "    except SyntaxError:\n"
        "        out.append(False)\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run([python, "-c", script], input=json.dumps(sources), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def comments(source):
    """The comments in a piece of code, in order."""
    lines = io.StringIO(source + "\n").readline
    try:
        return [tok.string for tok in tokenize.generate_tokens(lines) if tok.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return []


def one_line(source):
    return " \u23ce ".join(line.strip() if i else line for i, line in enumerate(source.split("\n")))


def show_mismatch(m):
    return "%s: old %s, new %s" % (m["binding"], m["old"], m["new"])


def main():
    cases_path, molt, venv_bin, oracle_python = sys.argv[1:5]
    molt, venv_bin = os.path.abspath(molt), os.path.abspath(venv_bin)
    py310 = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None
    cases = read_cases(cases_path)
    columns = tools(molt, venv_bin)
    results = {}
    with tempfile.TemporaryDirectory(prefix="printf-vs-peers-") as scratch:
        for title, argv in columns:
            results[title] = run_tool(argv, cases, scratch, title)
        # molt's safe fixes alone, to tell which rewrites need --unsafe-fixes.
        safe = run_tool([molt, "fix", "--no-progress"], cases, scratch, "molt-safe")

    # One oracle run for every conversion of every tool on all probes, one
    # on the numeric probes only: a rewrite that differs on the first but not
    # the second keeps behaviour for numbers (what an unsafe fix promises).
    pairs, where = [], []
    for title, _ in columns:
        for i, (old, new) in enumerate(zip(cases, results[title])):
            if new != old:
                pairs.append((old, new))
                where.append((title, i))
    verdicts = dict(zip(where, oracle_verdicts(oracle_python, pairs, "all")))
    numeric = dict(zip(where, oracle_verdicts(oracle_python, pairs, "numeric")))
    on310 = {}
    if py310:
        on310 = dict(zip(where, compiles_on(py310, [new for _, new in pairs])))

    def converted(title, i):
        return results[title][i] != cases[i]

    def bad(title, i):
        return not verdicts[(title, i)]["ok"] or (py310 and not on310[(title, i)])

    def cell(title, i):
        if not converted(title, i):
            return "="
        mark = ""
        if title == "molt" and safe[i] != results[title][i]:
            mark += " [u]"
        if not numeric[(title, i)]["ok"]:
            mark += " (!!)"
        elif not verdicts[(title, i)]["ok"]:
            mark += " (!)"
        if py310 and not on310[(title, i)]:
            mark += " (3.10!)"
        if comments(results[title][i]) != comments(cases[i]):
            mark += " (-#)"
        return one_line(results[title][i]) + mark

    header = ["#", "original"] + [title for title, _ in columns]
    rows = [[str(i + 1), one_line(case)] + [cell(title, i) for title, _ in columns] for i, case in enumerate(cases)]
    widths = [max(len(row[k]) for row in [header] + rows) for k in range(len(header))]

    def line(row):
        return " | ".join(text.ljust(width) for text, width in zip(row, widths)).rstrip()

    print("printf-to-fstring next to its peers on %d cases (%s)" % (len(cases), os.path.relpath(cases_path)))
    print("= left alone; [u] molt rewrites it only with --unsafe-fixes; (!) behaviour changes, on non-numeric")
    print("probes only; (!!) behaviour changes on a numeric probe too (oracle: tests/oracle/printf_behaviour.py")
    print("under Python %s)%s; (-#) a comment is lost; \u23ce a line break." % (
        oracle_version(oracle_python), "; (3.10!) does not compile on Python 3.10" if py310 else ""))
    print()
    print(line(header))
    print("-+-".join("-" * width for width in widths))
    for row in rows:
        print(line(row))

    print()
    print("Per tool. converted: cases it rewrote; behaviour-changing: rewrites whose result differs from the")
    print("original's on some probe (the first such probe shown), and on numbers: those that differ on a numeric probe.")
    for title, argv in columns:
        done = [i for i in range(len(cases)) if converted(title, i)]
        changed = [i for i in done if not verdicts[(title, i)]["ok"]]
        on_numbers = [i for i in done if not numeric[(title, i)]["ok"]]
        broken = [i for i in done if py310 and not on310[(title, i)]]
        print()
        print("%s (%s): %d converted, %d behaviour-changing, %d of them on numbers%s" % (
            title, " ".join([os.path.basename(argv[0])] + argv[1:]), len(done), len(changed), len(on_numbers),
            ", %d not valid on 3.10" % len(broken) if py310 else ""))
        if title == "molt":
            safe_done = [i for i in range(len(cases)) if safe[i] != cases[i]]
            safe_changed = [i for i in safe_done if i in changed]
            print("  (plain `molt fix`, safe fixes only: %d converted, %d behaviour-changing: %s)" % (
                len(safe_done), len(safe_changed), listing(safe_changed)))
        for i in changed:
            print("  #%d %s -> %s" % (i + 1, one_line(cases[i]), one_line(results[title][i])))
            print("      %s" % show_mismatch(verdicts[(title, i)]["mismatch"]))
            if not numeric[(title, i)]["ok"]:
                print("      on numbers: %s" % show_mismatch(numeric[(title, i)]["mismatch"]))
        for i in broken:
            print("  #%d %s -> %s: a syntax error on Python 3.10" % (i + 1, one_line(cases[i]), one_line(results[title][i])))
        for i in done:
            if comments(results[title][i]) != comments(cases[i]):
                print("  #%d %s -> %s: the comment is lost" % (i + 1, one_line(cases[i]), one_line(results[title][i])))

    def state(title, i):
        if not converted(title, i):
            return "alone"
        if py310 and not on310[(title, i)]:
            return "bad"
        if not numeric[(title, i)]["ok"]:
            return "bad"
        return "off-numbers" if not verdicts[(title, i)]["ok"] else "ok"

    doing = {
        "alone": "leaves it alone",
        "ok": "keeps behaviour",
        "off-numbers": "changes behaviour off numbers only",
        "bad": "changes behaviour on numbers",
    }

    rank = {"ok": 0, "off-numbers": 1, "bad": 2}

    def judge(mine, theirs):
        if mine == "alone":
            return " (missed by molt)" if theirs == "ok" else " (molt right)"
        if theirs == "alone":
            return {"ok": " (molt converts more)", "off-numbers": " (peer stricter)", "bad": " (peer right)"}[mine]
        if rank[mine] < rank[theirs]:
            return " (molt right)"
        if rank[theirs] < rank[mine]:
            return " (peer right)"
        return " (text differs)"

    print()
    print("Where molt and a peer part ways (by the oracle's verdicts; on numbers: a numeric probe%s):" % (
        ", or it no longer compiles on 3.10" if py310 else ""))
    for title, _ in columns[1:]:
        print()
        print("molt vs %s:" % title)
        differing = [i for i in range(len(cases)) if results["molt"][i] != results[title][i]]
        for mine in ["alone", "ok", "off-numbers", "bad"]:
            for theirs in ["ok", "off-numbers", "bad", "alone"]:
                chosen = [i for i in differing if (state("molt", i), state(title, i)) == (mine, theirs)]
                if chosen:
                    print("  molt %s, %s %s%s: %s" % (
                        doing[mine], title, doing[theirs], judge(mine, theirs), listing(chosen)))
        if not differing:
            print("  none")


def listing(indexes):
    return ", ".join("#%d" % (i + 1) for i in indexes) if indexes else "none"


def oracle_version(python):
    done = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True)
    return done.stdout.strip()


main()
