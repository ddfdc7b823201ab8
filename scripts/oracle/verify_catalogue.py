#!/usr/bin/env python3
"""Independent SymPy oracle for test/check/fixtures/grading-catalogue.json.

How to run (by hand, from the repository root; it is NOT part of `npm test`):

    python3 scripts/oracle/verify_catalogue.py                 # every entry, summary at the end
    python3 scripts/oracle/verify_catalogue.py -v              # one line per entry
    python3 scripts/oracle/verify_catalogue.py --only e017,n031
    python3 scripts/oracle/verify_catalogue.py --fixture other.json --seed 7 --points 30

Needs Python 3 and SymPy (with mpmath): `apt-get install -y python3-sympy` or `pip install sympy`.
Exit status 0 when every entry's expectation holds, 1 when any is contradicted, 2 on a bad fixture.

What it checks, entry by entry (nothing here reads symprop's sources):

* The truth. Expressions: diff(expr, wrt) with SymPy (symbols real). Networks: a SymPy model of
  the spec written here (forward pass unit by unit, the loss per example, J = (1/n) sum L, or
  sum L for "reduction": "sum", + (l2/2) sum of every squared weight, biases not regularised),
  truth = diff(J, param). Claims are per example (n = 1) unless their transcription uses the
  batch notation, which is checked on batches of n = 3 examples.
* The claim, through its `sympy` field, the claim transcribed into SymPy/Python syntax.
  It is evaluated with a strict real evaluator (mpmath, 60 digits): log and sqrt of a negative,
  a negative base to a non-integer power, division by zero, asin/acos off [-1, 1] make it
  undefined there (no silent complex numbers; sqrt(x)**2 is not x at x < 0). It is also parsed
  and evaluated by SymPy itself at two points, and both readings must agree (a guard on this
  script). For expressions, SymPy's simplify(claim - truth) is tried too (with a time limit).
* Points. The valid domain is where the subject (expr and its derivative) is real and finite;
  for networks: every parameter and input real, targets in {0, 1} for bce, one-hot rows for
  cross_entropy, real for mse, points within 1e-3 of a relu kink skipped. Points come from a
  standard box ([-3, 3] per variable for expressions, [-2, 2] for networks, as symprop probes)
  and a wide box ([-10, 10], resp. [-4, 4]).
* A RIGHT entry ("expect": "equivalent") must give simplify(claim - truth) == 0, or agree with
  the truth to 40 significant digits at `--points` (30) random valid points of EACH box; in
  either case it must also be defined and agree at those numeric points.
* A WRONG entry ("expect": "not equivalent") must, at some valid point, differ from the truth
  by more than 1e-30 relative, or be undefined where the truth is finite; the script says
  where. Up to 300 points of the standard box, then 3000 of the wide box, are tried.

Transcription conventions (the `sympy` field):

* Expressions: the expression's variables; exp, log (natural), sqrt, sin, cos, tan, sec, csc,
  cot, sinh, cosh, tanh, sech, csch, coth, asin, acos, atan, Abs, sign, pi, E, Rational(p, q);
  sigmoid(u) = 1/(1+exp(-u)), softplus(u) = log(1+exp(u)), relu(u) = Max(0, u),
  H(u) = Heaviside(u) with H(0) = 0; dsigmoid(u) = sigmoid(u)(1-sigmoid(u)),
  dtanh(u) = 1-tanh(u)**2, drelu(u) = H(u) (the shorthands sigma', tanh', relu').
  Number literals are read exactly (2.0000001 is 20000001/10**7).
* Networks (see Net below): parameters W{k}_{i}_{j} and b{k}_{i}; for a layer of one unit fed
  by one unit also w{k} (= W{k}_1_1); for a layer of one unit also b{k}. Inputs x (one input)
  or x1, x2, ...; targets y or y1, ...; output yhat or yhat1, ...; pre-activations and
  activations in the spec's notation, z{k}_{i}/a{k}_{i} ("z-a") or a{k}_{i}/h{k}_{i} ("a-h"),
  without _{i} on a layer of one unit; deltas delta{num}_{i} (delta{num}), numbered as the
  notation numbers them ("a-h": delta{k} = dL/da{k}; "z-a": from the output back, delta1 =
  dL/dz{L}); S = sum_k exp(a{L}_k) for a softmax output.
* Matrix claims: a block with more than one entry is a column vector / matrix under its block
  name (W2, b1, a1, h1, delta2, x, y, yhat); `*` is the matrix product (SymPy's), T(A) the
  transpose, had(A, B) the Hadamard product, ew(lambda u: ..., A) an elementwise function; the
  functions above act elementwise on a matrix. The param is a whole block ("W2", "b1").
* Batch claims: n (= 3 here) and bsum("e"), the sum over the batch of e, read in each
  example's names (and n); outside bsum only parameters and n.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import signal
import sys
import tokenize
from pathlib import Path

import mpmath
import sympy as sp

DPS = 60
mpmath.mp.dps = DPS
AGREE = mpmath.mpf('1e-40')   # right claims: relative agreement
DIFFER = mpmath.mpf('1e-30')  # wrong claims: relative difference
KINK = mpmath.mpf('1e-3')
HIGH_DPS = 10000  # a right claim that fails at DPS digits is judged again at this point with this many

MISTAKES = {
    'sign', 'missing-factor', 'extra-factor', 'missing-chain-factor', 'wrong-activation',
    'activation-of-wrong-quantity', 'missing-hidden-chain', 'index', 'swapped-indices', 'wrong-input',
    'matrix-missing-gprime', 'transpose', 'softmax-as-sigmoid', 'softmax-one-path', 'lambda-on-bias',
    'double-lambda', 'missing-lambda', 'function-for-derivative', 'missing-product-term',
    'missing-batch-mean', 'extra-batch-mean', 'shape', 'perturbed-constant', 'differs-off-box', 'undefined-claim', 'other',
}

ROOT = Path(__file__).resolve().parents[2]


class Undefined(Exception):
    """The claim (or subject) has no real value at this point."""


class ShapeError(Exception):
    pass


# ---- the strict real evaluator -------------------------------------------------------

mpf = mpmath.mpf


def _num_tokens(src: str, wrap: str) -> str:
    """Every number literal of src becomes wrap("literal"), so literals are read exactly."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.NUMBER:
            out.append((tokenize.NAME, wrap))
            out.append((tokenize.OP, '('))
            out.append((tokenize.STRING, repr(tok.string)))
            out.append((tokenize.OP, ')'))
        else:
            out.append((tok.type, tok.string))
    return tokenize.untokenize(out)


def real(v):
    """A finite real mpf, or Undefined."""
    if isinstance(v, Mat):
        return v
    if isinstance(v, bool):
        v = int(v)
    if isinstance(v, int):
        v = mpf(v)
    if not isinstance(v, mpf):
        raise Undefined(f'not real ({type(v).__name__})')
    if mpmath.isnan(v) or mpmath.isinf(v):
        raise Undefined('not finite')
    return v


class Mat:
    """A small real matrix for matrix claims: * is the matrix product, + - entrywise (same shape)."""

    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        self.shape = (len(self.rows), len(self.rows[0]) if self.rows else 0)

    def map(self, f):
        return Mat([[f(v) for v in r] for r in self.rows])

    def zip(self, other, f):
        if not isinstance(other, Mat):
            raise ShapeError(f'matrix {self.shape} with a scalar')
        if self.shape != other.shape:
            raise ShapeError(f'shapes {self.shape} and {other.shape}')
        return Mat([[f(a, b) for a, b in zip(r, s)] for r, s in zip(self.rows, other.rows)])

    def __add__(self, o):
        return self.zip(o, lambda a, b: a + b)

    def __radd__(self, o):
        return self.__add__(o)

    def __sub__(self, o):
        return self.zip(o, lambda a, b: a - b)

    def __rsub__(self, o):
        if not isinstance(o, Mat):
            raise ShapeError(f'a scalar minus a matrix {self.shape}')
        return o.__sub__(self)

    def __neg__(self):
        return self.map(lambda a: -a)

    def __mul__(self, o):
        if isinstance(o, Mat):
            if self.shape[1] != o.shape[0]:
                raise ShapeError(f'product of {self.shape} and {o.shape}')
            return Mat([[sum((self.rows[i][k] * o.rows[k][j] for k in range(self.shape[1])), mpf(0))
                         for j in range(o.shape[1])] for i in range(self.shape[0])])
        return self.map(lambda a: a * real(o))

    def __rmul__(self, o):
        return self.map(lambda a: real(o) * a)

    def __truediv__(self, o):
        if isinstance(o, Mat):
            raise ShapeError('matrix / matrix')
        return self.map(lambda a: a / real(o))

    def __pow__(self, o):
        raise ShapeError('matrix power: use had() or ew()')


def _elementwise(f):
    def g(*args):
        if len(args) == 1 and isinstance(args[0], Mat):
            return args[0].map(lambda v: f(real(v)))
        return f(*[real(a) for a in args])
    return g


def _domain(pred, f, what):
    def g(u):
        if not pred(u):
            raise Undefined(f'{what} at {mpmath.nstr(u, 6)}')
        return f(u)
    return g


def _heaviside(u, h0=None):
    return mpf(1) if u > 0 else mpf(0)


STRICT_FUNCS = {
    'exp': mpmath.exp,
    'log': _domain(lambda u: u > 0, mpmath.log, 'log of a non-positive number'),
    'ln': _domain(lambda u: u > 0, mpmath.log, 'log of a non-positive number'),
    'sqrt': _domain(lambda u: u >= 0, mpmath.sqrt, 'sqrt of a negative number'),
    'sin': mpmath.sin, 'cos': mpmath.cos,
    'tan': _domain(lambda u: mpmath.cos(u) != 0, mpmath.tan, 'tan at a pole'),
    'sec': _domain(lambda u: mpmath.cos(u) != 0, mpmath.sec, 'sec at a pole'),
    'csc': _domain(lambda u: mpmath.sin(u) != 0, mpmath.csc, 'csc at a pole'),
    'cot': _domain(lambda u: mpmath.sin(u) != 0, mpmath.cot, 'cot at a pole'),
    'sinh': mpmath.sinh, 'cosh': mpmath.cosh, 'tanh': mpmath.tanh, 'sech': mpmath.sech,
    'csch': _domain(lambda u: u != 0, mpmath.csch, 'csch at 0'),
    'coth': _domain(lambda u: u != 0, mpmath.coth, 'coth at 0'),
    'asin': _domain(lambda u: -1 <= u <= 1, mpmath.asin, 'asin off [-1, 1]'),
    'acos': _domain(lambda u: -1 <= u <= 1, mpmath.acos, 'acos off [-1, 1]'),
    'atan': mpmath.atan,
    'Abs': abs, 'abs': abs,
    'sign': lambda u: mpf(mpmath.sign(u)),
    'Heaviside': _heaviside, 'H': _heaviside, 'step': _heaviside,
    'relu': lambda u: u if u > 0 else mpf(0),
    'sigmoid': lambda u: 1 / (1 + mpmath.exp(-u)),
    'softplus': lambda u: mpmath.log(1 + mpmath.exp(u)),
    'dsigmoid': lambda u: (1 / (1 + mpmath.exp(-u))) * (1 - 1 / (1 + mpmath.exp(-u))),
    'dtanh': lambda u: 1 - mpmath.tanh(u) ** 2,
    'drelu': _heaviside,
}


def _strict_pow(a, b):
    a, b = real(a), real(b)
    if a < 0 and b != mpmath.floor(b):
        raise Undefined('negative base to a non-integer power')
    if a == 0 and b < 0:
        raise Undefined('0 to a negative power')
    return real(a ** b)


def strict_namespace(values: dict) -> dict:
    ns = {k: _elementwise(f) for k, f in STRICT_FUNCS.items()}
    ns.update({
        'NUM': lambda s: mpf(s), 'Rational': lambda p, q=1: mpf(p) / mpf(q), 'Integer': mpf, 'Float': mpf,
        'pi': +mpmath.pi, 'E': mpmath.e,
        'Max': lambda *a: max(real(v) for v in a), 'Min': lambda *a: min(real(v) for v in a),
        'T': lambda A: Mat([list(c) for c in zip(*A.rows)]) if isinstance(A, Mat) else A,
        'had': lambda A, B: A.zip(B, lambda a, b: a * b) if isinstance(A, Mat) else (B.map(lambda b: A * b) if isinstance(B, Mat) else A * B),
        'ew': lambda f, A: A.map(lambda v: real(f(v))) if isinstance(A, Mat) else real(f(A)),
        'ones': lambda r, c=1: Mat([[mpf(1)] * c for _ in range(r)]),
        '__builtins__': {},
    })
    ns.update(values)
    return ns


def strict_eval(src: str, values: dict):
    """Evaluate a transcription with real-only semantics (** through _strict_pow)."""
    code = _num_tokens(src, 'NUM')
    code = _rewrite_pow(code)
    ns = strict_namespace(values)
    ns['POW'] = _strict_pow
    try:
        v = eval(code, ns)  # noqa: S307 - the fixture is ours
    except ZeroDivisionError:
        raise Undefined('division by zero')
    except (ValueError, OverflowError) as e:
        raise Undefined(str(e))
    if isinstance(v, Mat):
        return v.map(real)
    return real(v)


def _rewrite_pow(code: str) -> str:
    """a ** b -> POW(a, b) on the token stream, with Python's precedence (right-assoc, above unary)."""
    import ast

    class Tx(ast.NodeTransformer):
        def visit_BinOp(self, node):
            self.generic_visit(node)
            if isinstance(node.op, ast.Pow):
                return ast.Call(func=ast.Name('POW', ast.Load()), args=[node.left, node.right], keywords=[])
            return node

    tree = ast.parse(code.strip(), mode='eval')
    tree = ast.fix_missing_locations(Tx().visit(tree))
    return compile(tree, '<claim>', 'eval')


# ---- the SymPy reading -----------------------------------------------------------------

def _sym_elementwise(f):
    def g(*args):
        if len(args) == 1 and isinstance(args[0], sp.MatrixBase):
            return args[0].applyfunc(f)
        return f(*args)
    return g


SYM_FUNCS = {
    'exp': sp.exp, 'log': sp.log, 'ln': sp.log, 'sqrt': sp.sqrt, 'sin': sp.sin, 'cos': sp.cos,
    'tan': sp.tan, 'sec': sp.sec, 'csc': sp.csc, 'cot': sp.cot, 'sinh': sp.sinh, 'cosh': sp.cosh,
    'tanh': sp.tanh, 'sech': sp.sech, 'csch': sp.csch, 'coth': sp.coth, 'asin': sp.asin,
    'acos': sp.acos, 'atan': sp.atan, 'Abs': sp.Abs, 'abs': sp.Abs, 'sign': sp.sign,
    'Heaviside': lambda u, h0=0: sp.Heaviside(u, 0), 'H': lambda u: sp.Heaviside(u, 0),
    'step': lambda u: sp.Heaviside(u, 0),
    'relu': lambda u: sp.Max(0, u),
    'sigmoid': lambda u: 1 / (1 + sp.exp(-u)),
    'softplus': lambda u: sp.log(1 + sp.exp(u)),
    'dsigmoid': lambda u: (1 / (1 + sp.exp(-u))) * (1 - 1 / (1 + sp.exp(-u))),
    'dtanh': lambda u: 1 - sp.tanh(u) ** 2,
    'drelu': lambda u: sp.Heaviside(u, 0),
}


def sym_namespace(values: dict) -> dict:
    ns = {k: _sym_elementwise(f) for k, f in SYM_FUNCS.items()}
    ns.update({
        'NUM': lambda s: sp.Rational(s), 'Rational': sp.Rational, 'Integer': sp.Integer, 'Float': sp.Float,
        'pi': sp.pi, 'E': sp.E, 'Max': sp.Max, 'Min': sp.Min,
        'T': lambda A: A.T if isinstance(A, sp.MatrixBase) else A,
        'had': lambda A, B: A.multiply_elementwise(B) if isinstance(A, sp.MatrixBase) and isinstance(B, sp.MatrixBase) else A * B,
        'ew': lambda f, A: A.applyfunc(f) if isinstance(A, sp.MatrixBase) else f(A),
        'ones': lambda r, c=1: sp.ones(r, c),
        '__builtins__': {},
    })
    ns.update(values)
    return ns


def sym_eval(src: str, values: dict):
    return eval(_num_tokens(src, 'NUM'), sym_namespace(values))  # noqa: S307


def sym_to_mp(v):
    """A SymPy number (or matrix) at a point -> mpf/Mat, or Undefined."""
    if isinstance(v, sp.MatrixBase):
        return Mat([[sym_to_mp(v[i, j]) for j in range(v.shape[1])] for i in range(v.shape[0])])
    dps = mpmath.mp.dps
    v = sp.sympify(v).evalf(dps)
    if v.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or not v.is_number:
        raise Undefined(f'sympy value {v}')
    re_, im_ = v.as_real_imag()
    re_, im_ = sp.N(re_, dps), sp.N(im_, dps)
    if im_ != 0 and abs(im_) > sp.Float('1e-45') * max(1, abs(re_)):
        raise Undefined('complex')
    return mpf(str(re_))


# ---- comparisons ------------------------------------------------------------------------

def rel_diff(c, t):
    """Largest relative difference between claim and truth (scalars or Mats of one shape)."""
    if isinstance(t, Mat) or isinstance(c, Mat):
        if not (isinstance(t, Mat) and isinstance(c, Mat)) or t.shape != c.shape:
            raise ShapeError(f'claim shape {getattr(c, "shape", "scalar")} vs truth shape {getattr(t, "shape", "scalar")}')
        return max(rel_diff(a, b) for ra, rb in zip(c.rows, t.rows) for a, b in zip(ra, rb))
    return abs(c - t) / max(mpf(1), abs(t))


class Timeout(Exception):
    pass


def with_timeout(seconds, f):
    def handler(signum, frame):
        raise Timeout()
    old = signal.signal(signal.SIGALRM, handler)
    signal.alarm(seconds)
    try:
        return f()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# ---- subjects: expressions -----------------------------------------------------------------

class ExprSubject:
    """A scalar expression (mathjs syntax as symprop reads it: ^, implicit 3y) and its derivative."""

    def __init__(self, expr: str, wrt: str):
        text = expr.replace('^', '**')
        text = re.sub(r'(?<![A-Za-z_\d.])(\d+(?:\.\d+)?)\s*(?=[A-Za-z(])', r'\1*', text)
        names = set(re.findall(r'[A-Za-z_]\w*', text)) - set(SYM_FUNCS) - {'pi', 'E'}
        names |= {wrt}
        self.symbols = {n: sp.Symbol(n, real=True) for n in sorted(names)}
        self.expr = sym_eval(text, dict(self.symbols))
        self.truth = sp.diff(self.expr, self.symbols[wrt])
        self.vars = sorted(self.symbols)
        self.wrt = wrt

    def draw(self, rng: random.Random, wide: bool):
        lo, hi = (-10, 10) if wide else (-3, 3)
        for _ in range(5000):
            point = {}
            for v in self.vars:
                u = rng.uniform(lo, hi)
                while abs(u) < 0.05:
                    u = rng.uniform(lo, hi)
                point[v] = mpf(repr(u))
            subs = {self.symbols[k]: sp.Float(str(val), DPS) for k, val in point.items()}
            try:
                sym_to_mp(self.expr.subs(subs))
                t = sym_to_mp(self.truth.subs(subs))
            except Undefined:
                continue
            return point, t
        raise RuntimeError('no valid point found')

    def values(self, point):
        return dict(point)

    def sym_values(self):
        return dict(self.symbols)

    def sym_subs(self, point):
        return {self.symbols[k]: sp.Float(str(val), DPS) for k, val in point.items()}


# ---- subjects: networks ---------------------------------------------------------------------

def act_fn(name, u, lib):
    if name == 'identity':
        return u
    if name == 'sigmoid':
        return 1 / (1 + lib.exp(-u))
    if name == 'tanh':
        return lib.tanh(u)
    if name == 'relu':
        return sp.Max(0, u) if lib is sp else (u if u > 0 else mpf(0))
    if name == 'softplus':
        return lib.log(1 + lib.exp(u))
    raise ValueError(f'activation {name} is not modelled')


class Net:
    """A SymPy model of a network spec: forward pass unit by unit, loss, J, deltas, names."""

    def __init__(self, spec_path: str, n_examples: int = 1):
        spec = json.loads((ROOT / spec_path).read_text())
        self.spec = spec
        self.n = n_examples
        self.notation = spec.get('notation', 'a-h')
        self.pre, self.act = ('z', 'a') if self.notation == 'z-a' else ('a', 'h')
        self.sizes = [spec['input']] + [l['units'] for l in spec['layers']]
        self.acts = [None] + [l['activation'] for l in spec['layers']]
        self.L = len(spec['layers'])
        self.loss = spec['loss']
        self.l2 = sp.Rational(str(spec.get('l2', 0)))
        self.mean = spec.get('reduction', 'mean') == 'mean'
        R = lambda n: sp.Symbol(n, real=True)
        S, L = self.sizes, self.L
        self.W = {k: [[R(f'W{k}_{i}_{j}') for j in range(1, S[k - 1] + 1)] for i in range(1, S[k] + 1)] for k in range(1, L + 1)}
        self.b = {k: [R(f'b{k}_{i}') for i in range(1, S[k] + 1)] for k in range(1, L + 1)}
        self.params = [w for k in self.W for row in self.W[k] for w in row] + [b for k in self.b for b in self.b[k]]
        self.X = [[R(f'x{j}__e{e}') for j in range(1, S[0] + 1)] for e in range(n_examples)]
        self.Y = [[R(f'y{i}__e{e}') for i in range(1, S[L] + 1)] for e in range(n_examples)]
        self.Z, self.A, self.Ls = [], [], []
        for e in range(n_examples):
            Z, A = {}, {0: list(self.X[e])}
            for k in range(1, L + 1):
                Z[k] = [sum((self.W[k][i][j] * A[k - 1][j] for j in range(S[k - 1])), sp.Integer(0)) + self.b[k][i] for i in range(S[k])]
                if self.acts[k] == 'softmax':
                    den = sum(sp.exp(z) for z in Z[k])
                    A[k] = [sp.exp(z) / den for z in Z[k]]
                else:
                    A[k] = [act_fn(self.acts[k], z, sp) for z in Z[k]]
            self.Z.append(Z)
            self.A.append(A)
            self.Ls.append(self.example_loss(A[L], self.Y[e], Z[L]))
        self.J = (sp.Rational(1, n_examples) if self.mean else 1) * sum(self.Ls) + self.l2 / 2 * sum(w ** 2 for k in self.W for row in self.W[k] for w in row)
        self._lambdas = {}
        self._names = {}

    def example_loss(self, yhat, y, z):
        if self.loss == 'mse':
            return sum(sp.Rational(1, 2) * (p - t) ** 2 for p, t in zip(yhat, y))
        if self.loss == 'bce':
            # -(y log s(z) + (1 - y) log(1 - s(z))) for s the output sigmoid, written as
            # y log(1 + e^-z) + (1 - y) log(1 + e^z): the same function, without 1 - s(z) cancelling
            assert self.acts[self.L] == 'sigmoid', 'bce is modelled after a sigmoid output'
            return sum(t * sp.log(1 + sp.exp(-u)) + (1 - t) * sp.log(1 + sp.exp(u)) for u, t in zip(z, y))
        if self.loss == 'cross_entropy':
            return -sum(t * sp.log(p) for p, t in zip(yhat, y))
        raise ValueError(f'loss {self.loss} is not modelled')

    def param_count(self):
        return len(self.params)

    # --- names
    def param_symbol(self, name: str):
        """symprop's parameter names: W2[1][3], b1[2], w1 (a scalar layer), b2 (a layer of one unit), W2 / b1 (a block)."""
        m = re.fullmatch(r'([Wwb])(\d+)(?:\[(\d+)\](?:\[(\d+)\])?)?', name)
        if not m:
            raise ValueError(f'bad param {name}')
        kind, k = m.group(1).lower(), int(m.group(2))
        i, j = m.group(3), m.group(4)
        if kind == 'w':
            if i is None:
                if self.sizes[k] == 1 and self.sizes[k - 1] == 1:
                    return self.W[k][0][0]
                return sp.Matrix(self.W[k])
            return self.W[k][int(i) - 1][int(j) - 1]
        if i is None:
            if self.sizes[k] == 1:
                return self.b[k][0]
            return sp.Matrix([[b] for b in self.b[k]])
        return self.b[k][int(i) - 1]

    def truth(self, param: str):
        p = self.param_symbol(param)
        if isinstance(p, sp.MatrixBase):
            return p.applyfunc(lambda s: sp.diff(self.J, s))
        return sp.diff(self.J, p)

    def delta_layer(self, num):
        return self.L - num + 1 if self.notation == 'z-a' else num

    def example_names(self, e: int):
        """Symbolic names of example e: what a claim may use (scalars and blocks)."""
        S, L = self.sizes, self.L
        out = {}
        for k in range(1, L + 1):
            scalar_layer = S[k] == 1 and S[k - 1] == 1
            for i in range(S[k]):
                for j in range(S[k - 1]):
                    out[f'W{k}_{i + 1}_{j + 1}'] = self.W[k][i][j]
                out[f'b{k}_{i + 1}'] = self.b[k][i]
            if scalar_layer:
                out[f'w{k}'] = out[f'W{k}'] = self.W[k][0][0]
            else:
                out[f'W{k}'] = sp.Matrix(self.W[k])
            out[f'b{k}'] = self.b[k][0] if S[k] == 1 else sp.Matrix([[b] for b in self.b[k]])

        def block(stem, vals):
            for i, v in enumerate(vals):
                out[f'{stem}_{i + 1}'] = v
            out[stem] = vals[0] if len(vals) == 1 else sp.Matrix([[v] for v in vals])

        X, Y, Z, A = self.X[e], self.Y[e], self.Z[e], self.A[e]
        if S[0] == 1:
            out['x'] = X[0]
        else:
            for j, v in enumerate(X):
                out[f'x{j + 1}'] = v
            out['x'] = sp.Matrix([[v] for v in X])
        if S[L] == 1:
            out['y'] = Y[0]
            out['yhat'] = A[L][0]
        else:
            for i, v in enumerate(Y):
                out[f'y{i + 1}'] = v
                out[f'yhat{i + 1}'] = A[L][i]
            out['y'] = sp.Matrix([[v] for v in Y])
            out['yhat'] = sp.Matrix([[v] for v in A[L]])
        for k in range(1, L + 1):
            block(f'{self.pre}{k}', Z[k])
            block(f'{self.act}{k}', A[k])
        # deltas: dL_e/dz_k_i = dL_e/db_k_i (b_k_i enters z_k_i only, with slope 1; no l2 on biases)
        for num in range(1, L + 1):
            k = self.delta_layer(num)
            block(f'delta{num}', [sp.diff(self.Ls[e], self.b[k][i]) for i in range(S[k])])
        if self.acts[L] == 'softmax':
            out['S'] = sum(sp.exp(z) for z in Z[L])
        return out

    # --- numeric values
    def draw(self, rng: random.Random, wide: bool):
        box = 4 if wide else 2
        for _ in range(5000):
            point = {}
            for p in self.params:
                point[p] = mpf(repr(rng.uniform(-box, box)))
            for e in range(self.n):
                for s in self.X[e]:
                    point[s] = mpf(repr(rng.uniform(-box, box)))
                ys = self.Y[e]
                if self.loss == 'bce':
                    for s in ys:
                        point[s] = mpf(rng.choice([0, 1]))
                elif self.loss == 'cross_entropy':
                    hot = rng.randrange(len(ys))
                    for i, s in enumerate(ys):
                        point[s] = mpf(1 if i == hot else 0)
                else:
                    for s in ys:
                        point[s] = mpf(repr(rng.uniform(-box, box)))
            if self.near_kink(point):
                continue
            return point
        raise RuntimeError('no valid network point')

    def near_kink(self, point):
        for e in range(self.n):
            a = [point[s] for s in self.X[e]]
            for k in range(1, self.L + 1):
                z = [sum((point[self.W[k][i][j]] * a[j] for j in range(self.sizes[k - 1])), mpf(0)) + point[self.b[k][i]] for i in range(self.sizes[k])]
                if self.acts[k] == 'relu' and any(abs(v) < KINK for v in z):
                    return True
                if self.acts[k] == 'softmax':
                    den = sum(mpmath.exp(v) for v in z)
                    a = [mpmath.exp(v) / den for v in z]
                else:
                    a = [act_fn(self.acts[k], v, mpmath) for v in z]
        return False

    def lam(self, key, expr):
        if key not in self._lambdas:
            syms = list(self.params) + [s for e in range(self.n) for s in self.X[e] + self.Y[e]]
            f = sp.lambdify(syms, expr, modules='mpmath', cse=True)
            self._lambdas[key] = (syms, f)
        syms, f = self._lambdas[key]
        return lambda point: f(*[point[s] for s in syms])

    def numeric(self, key, expr, point):
        if isinstance(expr, sp.MatrixBase):
            return Mat([[self.numeric((key, i, j), expr[i, j], point) for j in range(expr.shape[1])] for i in range(expr.shape[0])])
        if isinstance(expr, sp.Symbol):
            return point[expr]
        return real(mpf(self.lam(key, expr)(point)))

    def names_sym(self, e):
        if e not in self._names:
            self._names[e] = self.example_names(e)
        return self._names[e]

    def names_at(self, e, point, cache, used):
        """Numeric values of the names `used` (those a claim mentions) for example e at point."""
        names = self.names_sym(e)
        got = cache.setdefault(e, {})
        for k in used:
            if k in names and k not in got:
                got[k] = self.numeric(('name', e, k), names[k], point)
        return got


# ---- judging one entry ----------------------------------------------------------------------

class Checker:
    def __init__(self, points: int, seed: int):
        self.points = points
        self.seed = seed
        self.nets = {}
        self.names_sym = {}

    def net(self, spec, n):
        key = (spec, n)
        if key not in self.nets:
            self.nets[key] = Net(spec, n)
        return self.nets[key]

    def prepare(self, entry):
        """-> (draw(rng, wide) -> point, truth_at(point), claim_at(point), sym_claim_at(point), symbolic_residual or None)."""
        src = entry['sympy']
        if 'expr' in entry:
            subj = ExprSubject(entry['expr'], entry['wrt'])
            truth_sym = subj.truth

            def claim_at(point):
                return strict_eval(src, subj.values(point))

            def sym_claim_at(point):
                return sym_to_mp(sp.sympify(sym_eval(src, subj.sym_values())).subs(subj.sym_subs(point)))

            def draw(rng, wide):
                return subj.draw(rng, wide)

            def truth_at(point):
                return sym_to_mp(truth_sym.subs({subj.symbols[k]: sp.Float(str(v), mpmath.mp.dps) for k, v in point.items()}))

            def residual():
                c = sym_eval(src, subj.sym_values())
                return sp.simplify(sp.sympify(c) - truth_sym)

            return draw, claim_at, sym_claim_at, residual, truth_at

        batch = 'bsum(' in src or re.search(r'(?<![\w])n(?![\w])', src) is not None
        net = self.net(entry['spec'], 3 if batch else 1)
        truth = net.truth(entry['param'])

        def truth_at(point):
            return net.numeric(('truth', entry['param']), truth, point)

        def draw(rng, wide):
            point = net.draw(rng, wide)
            return point, truth_at(point)

        used = set(re.findall(r'[A-Za-z_]\w*', src))
        small = net.param_count() <= 9  # SymPy's reading with symbolic names; else with numeric ones

        def numeric_ns(point):
            cache = {}
            if batch:
                ns = {k: v for k, v in net.names_at(0, point, cache, used).items() if re.fullmatch(r'[Wwb]\d+(_\d+)*', k)}
                ns['n'] = mpf(net.n)
                ns['bsum'] = lambda s: sum((strict_eval(s, {**net.names_at(e, point, cache, used), 'n': mpf(net.n)}) for e in range(net.n)), mpf(0))
                return ns
            return net.names_at(0, point, cache, used)

        def claim_at(point):
            return strict_eval(src, numeric_ns(point))

        def sym_names(e, point, cache):
            if small:
                return net.names_sym(e)
            out = {}
            for k, v in net.names_at(e, point, cache, used).items():
                out[k] = sp.Matrix([[sp.Float(str(a), DPS) for a in r] for r in v.rows]) if isinstance(v, Mat) else sp.Float(str(v), DPS)
            return out

        def sym_claim_at(point):
            subs = {s: sp.Float(str(v), DPS) for s, v in point.items()}
            cache = {}
            if batch:
                names = {k: v for k, v in sym_names(0, point, cache).items() if re.fullmatch(r'[Wwb]\d+(_\d+)*', k)}
                names['n'] = sp.Integer(net.n)
                names['bsum'] = lambda s: sum((sym_eval(s, {**sym_names(e, point, cache), 'n': sp.Integer(net.n)}) for e in range(net.n)), sp.Integer(0))
            else:
                names = sym_names(0, point, cache)
            v = sym_eval(src, names)
            if small:
                v = v.subs(subs) if isinstance(v, sp.MatrixBase) else sp.sympify(v).subs(subs)
            return sym_to_mp(v)

        residual = None
        if entry['spec'].endswith('scalar-bce.json') and not batch:
            def residual():
                c = sym_eval(src, net.names_sym(0))
                return sp.simplify(sp.sympify(c) - truth)
        return draw, claim_at, sym_claim_at, residual, truth_at

    def check(self, entry):
        """-> (ok: bool, message: str)."""
        rng = random.Random(f"{self.seed}:{entry['id']}")
        draw, claim_at, sym_claim_at, residual, truth_at = self.prepare(entry)
        right = entry['expect'] == 'equivalent'

        # guard: SymPy's own reading of the transcription agrees with the strict evaluator
        checked = 0
        for _ in range(40):
            point, t = draw(rng, False)
            try:
                c = claim_at(point)
            except (Undefined, ShapeError):
                continue
            try:
                s = sym_claim_at(point)
            except Undefined:
                return False, 'transcription: SymPy finds it undefined where the strict reading does not'
            if rel_diff(s, c) > mpf('1e-35'):
                return False, f'transcription: SymPy and the strict reading disagree ({mpmath.nstr(s if not isinstance(s, Mat) else 0, 8)} vs {mpmath.nstr(c if not isinstance(c, Mat) else 0, 8)})'
            checked += 1
            if checked >= 2:
                break

        if right:
            symbolic = ''
            if residual is not None:
                try:
                    r = with_timeout(5, residual)
                    symbolic = ', simplify(claim - truth) = 0' if r == 0 else ', simplify inconclusive'
                except Timeout:
                    symbolic = ', simplify timed out'
                except Exception as e:  # noqa: BLE001 - simplify may give up in many ways
                    symbolic = f', simplify failed ({type(e).__name__})'
            worst = mpf(0)
            retried = 0
            for wide in (False, True):
                for _ in range(self.points):
                    point, t = draw(rng, wide)
                    try:
                        c = claim_at(point)
                        d = rel_diff(c, t)
                    except (Undefined, ShapeError):
                        d = None
                    if d is None or d > AGREE:
                        # a right claim may lose digits to cancellation (1 - yhat with yhat ~ 1 - 1e-3000
                        # on a wide relu network): judge it again at this point with many more digits
                        with mpmath.workdps(HIGH_DPS):
                            try:
                                c, t = claim_at(point), truth_at(point)
                                d = rel_diff(c, t)
                            except Undefined as e:
                                return False, f'RIGHT claim undefined at a valid point ({e}): {fmt_point(point)}'
                            except ShapeError as e:
                                return False, f'RIGHT claim has the wrong shape: {e}'
                        if d > AGREE:
                            return False, f'RIGHT claim differs (rel {mpmath.nstr(d, 3)}) at {fmt_point(point)}: claim {fmt(c)}, truth {fmt(t)}'
                        retried += 1
                    worst = max(worst, d)
            again = f', {retried} of them at {HIGH_DPS} digits' if retried else ''
            return True, f'agrees at {2 * self.points} points{again} (worst rel {mpmath.nstr(worst, 2)}){symbolic}'

        for wide in (False, True):
            for _ in range(3000 if wide else 300):
                point, t = draw(rng, wide)
                box = 'wide box' if wide else 'standard box'
                try:
                    c = claim_at(point)
                    d = rel_diff(c, t)
                except Undefined as e:
                    return True, f'undefined ({e}) where the truth is {fmt(t)}, {box}: {fmt_point(point)}'
                except ShapeError as e:
                    return True, f'shape: {e}'
                if d > DIFFER:
                    return True, f'differs (rel {mpmath.nstr(d, 3)}), {box}: {fmt_point(point)}: claim {fmt(c)}, truth {fmt(t)}'
        return False, 'WRONG claim agrees with the truth at every point tried'


def fmt(v):
    if isinstance(v, Mat):
        return '[' + '; '.join(', '.join(mpmath.nstr(a, 6) for a in r) for r in v.rows) + ']'
    return mpmath.nstr(v, 10)


def fmt_point(point):
    items = sorted(((str(k), v) for k, v in point.items()), key=lambda kv: kv[0])
    shown = ', '.join(f'{k}={mpmath.nstr(v, 4)}' for k, v in items[:8])
    return shown + (', …' if len(items) > 8 else '')


# ---- the fixture ----------------------------------------------------------------------------

def validate(entries):
    problems = []
    ids = set()
    for i, e in enumerate(entries):
        where = f'entry {i} ({e.get("id")})'
        if e.get('id') in ids:
            problems.append(f'{where}: duplicate id')
        ids.add(e.get('id'))
        if e.get('expect') not in ('equivalent', 'not equivalent'):
            problems.append(f'{where}: expect must be "equivalent" or "not equivalent"')
        if not isinstance(e.get('claim'), str) or not isinstance(e.get('sympy'), str):
            problems.append(f'{where}: claim and sympy are strings')
        if not isinstance(e.get('notation'), list):
            problems.append(f'{where}: notation is a list')
        if ('expr' in e) == ('spec' in e):
            problems.append(f'{where}: either expr/wrt or spec/param')
        if 'expr' in e and not isinstance(e.get('wrt'), str):
            problems.append(f'{where}: wrt missing')
        if 'spec' in e and not isinstance(e.get('param'), str):
            problems.append(f'{where}: param missing')
        if e.get('expect') == 'not equivalent' and e.get('mistake') not in MISTAKES:
            problems.append(f'{where}: mistake must be one of the named kinds, got {e.get("mistake")!r}')
        if e.get('expect') == 'equivalent' and 'mistake' in e:
            problems.append(f'{where}: a right claim has no mistake')
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--fixture', default=str(ROOT / 'test/check/fixtures/grading-catalogue.json'))
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--points', type=int, default=30)
    ap.add_argument('--only', default='')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()

    entries = json.loads(Path(args.fixture).read_text())
    problems = validate(entries)
    if problems:
        print('\n'.join(problems))
        sys.exit(2)
    if args.only:
        wanted = set(args.only.split(','))
        entries = [e for e in entries if e['id'] in wanted]

    checker = Checker(args.points, args.seed)
    bad = []
    for e in entries:
        try:
            ok, msg = checker.check(e)
        except Exception as ex:  # noqa: BLE001 - report and go on
            ok, msg = False, f'oracle error: {type(ex).__name__}: {ex}'
        subject = e.get('expr') and f"d/d{e['wrt']} {e['expr']}" or f"{e['spec']} dJ/d{e['param']}"
        line = f"{'ok ' if ok else 'BAD'} {e['id']} [{e['expect']}{'/' + e['mistake'] if 'mistake' in e else ''}] {subject}: {e['claim']}  --  {msg}"
        if not ok:
            bad.append(line)
        if args.verbose or not ok:
            print(line, flush=True)

    right = sum(e['expect'] == 'equivalent' for e in entries)
    wrong = len(entries) - right
    kinds = {}
    for e in entries:
        if 'mistake' in e:
            kinds[e['mistake']] = kinds.get(e['mistake'], 0) + 1
    print(f'\n{len(entries)} entries: {right} right, {wrong} wrong; {len(entries) - len(bad)} confirmed, {len(bad)} contradicted')
    print('mistakes: ' + ', '.join(f'{k} {v}' for k, v in sorted(kinds.items())))
    few = sorted(k for k in MISTAKES - {'other', 'extra-batch-mean', 'shape'} if kinds.get(k, 0) < 3)
    if few and not args.only:
        print('fewer than 3 entries: ' + ', '.join(few))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
