#!/usr/bin/env python3
"""SymPy's operation counts for the derivative of every expression of the catalogue.

Rerun (from the project root; Python 3 and SymPy, e.g. `apt-get install -y python3-sympy`):

    python3 scripts/oracle/sympy_ops.py            # reads test/fixtures/expressions.json
                                                   # writes bench/fixtures/sympy-ops.json
    python3 scripts/oracle/sympy_ops.py --only x001,x017   # print a few, write nothing

then review the diff of bench/fixtures/sympy-ops.json and commit it. `npx tsx bench/simplicity.ts`
(also part of `npm run bench`) compares symprop's derivatives with these figures; it reports
catalogue entries missing from this file, so rerun this script whenever the catalogue changes.
The whole run takes a few seconds; each simplify() has a time limit (TIMEOUT_S below), and an
entry whose simplify() runs out of time gets "simplified": null.

For each entry {id, expr, wrt} it writes
    id: { "expr", "wrt",
          "diff": count_ops(diff(e, wrt)),
          "simplified": count_ops(simplify(diff(e, wrt))),
          "sympy": str(simplify(diff(e, wrt))),
          "point": {var: value}, "value": diff(e, wrt) at point (a float) }
`point` and `value` let the bench check that symprop's derivative is the same function as
SymPy's (so that a wrong translation below, or a wrong derivative, cannot pass for a small one).

The expressions are in mathjs syntax as symprop parses it (README, "Expressions use mathjs
syntax"). They are translated by the small parser below, not by sympify, because the two
syntaxes differ: `^` is a power, multiplication may be implicit (`2x`, `2x sin(x)`), `e` is
Euler's number, `log` is the natural logarithm. Decimal literals become exact rationals
(0.5 -> 1/2), as symprop's IR keeps them exact. All symbols are real. The functions:

    exp, log = ln, sqrt, abs -> Abs, sign, sin, cos, tan, sec, csc, cot,
    sinh, cosh, tanh, sech, csch, coth, asin, acos, atan   (SymPy's own)
    sigmoid(u) = sigma(u) -> 1/(1 + exp(-u))
    softplus(u)           -> log(1 + exp(u))
    relu(u)               -> Max(0, u)
    step(u) = heaviside(u)-> Heaviside(u)
    leaky_relu(u, a)      -> Piecewise((u, u > 0), (a*u, True))   (a defaults to 0.01)

so SymPy's figures are in exp/log/Max where symprop may keep σ or softplus as one node (see
bench/count-ops.ts for how that is counted).
"""

import argparse
import json
import math
import os
import re
import signal
import sys

import sympy as sp

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
CATALOGUE = os.path.join(ROOT, 'test', 'fixtures', 'expressions.json')
OUTPUT = os.path.join(ROOT, 'bench', 'fixtures', 'sympy-ops.json')
TIMEOUT_S = 30

# Values of the variables at the probe point: x from X_CANDIDATES (the first where the
# derivative is finite and real), every other variable from OTHERS (else 0.9).
X_CANDIDATES = ['7/10', '13/10', '21/10', '2/5', '3', '-7/10', '1/5']
OTHERS = {'y': '13/10', 'z': '3/5', 'w': '4/5', 'b': '-2/5', 'm': '1/2', 's': '3/2'}


def _sigmoid(u):
    return 1 / (1 + sp.exp(-u))


def _softplus(u):
    return sp.log(1 + sp.exp(u))


def _relu(u):
    return sp.Max(0, u)


def _leaky_relu(u, a=sp.Rational(1, 100)):
    return sp.Piecewise((u, u > 0), (a * u, True))


FUNCTIONS = {
    'exp': sp.exp, 'log': sp.log, 'ln': sp.log, 'sqrt': sp.sqrt, 'abs': sp.Abs, 'sign': sp.sign,
    'sin': sp.sin, 'cos': sp.cos, 'tan': sp.tan, 'sec': sp.sec, 'csc': sp.csc, 'cot': sp.cot,
    'sinh': sp.sinh, 'cosh': sp.cosh, 'tanh': sp.tanh, 'sech': sp.sech, 'csch': sp.csch, 'coth': sp.coth,
    'asin': sp.asin, 'acos': sp.acos, 'atan': sp.atan,
    'sigmoid': _sigmoid, 'sigma': _sigmoid, 'softplus': _softplus, 'relu': _relu,
    'step': sp.Heaviside, 'heaviside': sp.Heaviside, 'leaky_relu': _leaky_relu,
}
CONSTANTS = {'pi': sp.pi, 'e': sp.E}

TOKEN = re.compile(r'\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(.))')


class Parser:
    """mathjs precedence, lowest first: + -, then * / and implicit multiplication (left to
    right), then unary - +, then ^ (right-associative; its exponent may carry a unary sign,
    as in x^-2). Implicit multiplication: a factor directly followed by a number, a name or
    '(' (so `2x sin(x)` is 2*x*sin(x) and `3x^2` is 3*(x^2))."""

    def __init__(self, text):
        self.text = text
        self.tokens = []
        for m in TOKEN.finditer(text):
            if m.group(0).strip() == '':
                continue
            if m.group(1):
                self.tokens.append(('num', m.group(1)))
            elif m.group(2):
                self.tokens.append(('name', m.group(2)))
            else:
                self.tokens.append(('op', m.group(3)))
        self.i = 0
        self.symbols = {}

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else ('end', '')

    def take(self, kind=None, value=None):
        tok = self.peek()
        if (kind and tok[0] != kind) or (value and tok[1] != value):
            raise SyntaxError(f'expected {value or kind}, got {tok[1]!r} in {self.text!r}')
        self.i += 1
        return tok

    def parse(self):
        e = self.sum()
        if self.peek()[0] != 'end':
            raise SyntaxError(f'unexpected {self.peek()[1]!r} in {self.text!r}')
        return e

    def sum(self):
        e = self.product()
        while self.peek() in (('op', '+'), ('op', '-')):
            op = self.take()[1]
            r = self.product()
            e = e + r if op == '+' else e - r
        return e

    def product(self):
        e = self.unary()
        while True:
            tok = self.peek()
            if tok in (('op', '*'), ('op', '/')):
                self.take()
                r = self.unary()
                e = e * r if tok[1] == '*' else e / r
            elif tok[0] in ('num', 'name') or tok == ('op', '('):
                e = e * self.power()
            else:
                return e

    def unary(self):
        if self.peek() == ('op', '-'):
            self.take()
            return -self.unary()
        if self.peek() == ('op', '+'):
            self.take()
            return self.unary()
        return self.power()

    def power(self):
        base = self.primary()
        if self.peek() == ('op', '^'):
            self.take()
            return base ** self.unary()
        return base

    def primary(self):
        kind, value = self.take()
        if kind == 'num':
            return sp.Rational(value)
        if kind == 'op' and value == '(':
            e = self.sum()
            self.take('op', ')')
            return e
        if kind == 'name':
            if self.peek() == ('op', '('):
                if value not in FUNCTIONS:
                    raise SyntaxError(f'unknown function {value}() in {self.text!r}')
                self.take()
                args = [self.sum()]
                while self.peek() == ('op', ','):
                    self.take()
                    args.append(self.sum())
                self.take('op', ')')
                return FUNCTIONS[value](*args)
            if value in CONSTANTS:
                return CONSTANTS[value]
            if value not in self.symbols:
                self.symbols[value] = sp.Symbol(value, real=True)
            return self.symbols[value]
        raise SyntaxError(f'unexpected {value!r} in {self.text!r}')


def parse(text):
    p = Parser(text)
    e = p.parse()
    return e, p.symbols


class Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise Timeout()


def with_timeout(f, seconds):
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        return f()
    finally:
        signal.alarm(0)


def probe(d, symbols):
    """A point where d is finite and real, and d's value there (None, None if none is)."""
    names = sorted(symbols)
    for xv in (X_CANDIDATES if 'x' in symbols else X_CANDIDATES[:1]):
        point = {n: sp.Rational(xv) if n == 'x' else sp.Rational(OTHERS.get(n, '9/10')) for n in names}
        try:
            v = sp.N(d.subs({symbols[n]: val for n, val in point.items()}), 30)
            fv = float(v)  # raises on a complex or symbolic value
        except Exception:  # noqa: BLE001 - any failure: try the next point
            continue
        if math.isfinite(fv):
            return {n: float(val) for n, val in point.items()}, fv
    return None, None


def oracle(entry):
    e, symbols = parse(entry['expr'])
    wrt = entry['wrt']
    x = symbols.get(wrt, sp.Symbol(wrt, real=True))
    d = sp.diff(e, x)
    try:
        s = with_timeout(lambda: sp.simplify(d), TIMEOUT_S)
        simplified, text = int(sp.count_ops(s)), str(s)
    except Timeout:
        simplified, text = None, None
    point, value = probe(d, {**symbols, wrt: x})
    return {
        'expr': entry['expr'], 'wrt': wrt,
        'diff': int(sp.count_ops(d)), 'simplified': simplified, 'sympy': text,
        'point': point, 'value': value,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--catalogue', default=CATALOGUE)
    ap.add_argument('--output', default=OUTPUT)
    ap.add_argument('--only', help='comma-separated ids: print their entries, write nothing')
    args = ap.parse_args()
    with open(args.catalogue, encoding='utf-8') as f:
        catalogue = json.load(f)
    only = set(args.only.split(',')) if args.only else None
    out = {}
    for entry in catalogue:
        if only and entry['id'] not in only:
            continue
        out[entry['id']] = oracle(entry)
        r = out[entry['id']]
        print(f"{entry['id']}  d/d{entry['wrt']} {entry['expr']}: diff {r['diff']}, simplified {r['simplified']}  {r['sympy']}",
              file=sys.stderr)
    if only:
        print(json.dumps(out, indent=2))
        return
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    tmp = args.output + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write('{\n' + ',\n'.join(f'  {json.dumps(k)}: {json.dumps(v)}' for k, v in out.items()) + '\n}\n')
    os.replace(tmp, args.output)
    print(f'wrote {os.path.relpath(args.output, ROOT)}: {len(out)} entries (SymPy {sp.__version__})', file=sys.stderr)


if __name__ == '__main__':
    main()
