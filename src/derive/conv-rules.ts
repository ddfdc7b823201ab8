// The layer rules of a convolutional network: one typed table, one entry per kind of layer
// (and one for the activation and one for the output head), each with an id the sheet and the
// generated code cite, its textbook forward formula and its adjoints, in the index form of the
// CNN note and CS231n (issue 14). Every formula is instantiated with the layer's own names and
// sizes (s, p, kernel) so the sheet prints it as is and the code quotes it in a comment.
//
// Channels first; window positions s·i + u − p; cells outside the input are padding (0, or −∞
// for max-pooling).
import type { Activation, LossName } from '../network/spec.ts';
import { at, partialOf, windowIndex, type Sym } from './conv-names.ts';

/** A formula as LaTeX and as plain text, with the id of the rule entry it comes from. */
export interface Formula {
  readonly id: string;
  readonly latex: string;
  readonly text: string;
}

export interface ConvRuleContext {
  readonly x: Sym;
  readonly a: Sym;
  readonly delta: Sym;
  readonly K: Sym;
  readonly b: Sym;
  readonly kernel: readonly [number, number];
  readonly stride: number;
  readonly padding: number;
  /** Output height and width (the range of i, j). */
  readonly out: readonly [number, number];
}

export interface PoolRuleContext {
  readonly x: Sym;
  readonly h: Sym;
  readonly delta: Sym;
  readonly size: number;
  readonly stride: number;
  readonly padding: number;
}

export interface FlattenRuleContext {
  readonly x: Sym;
  readonly h: Sym;
  readonly delta: Sym;
  /** The input volume's height and width (the index map). */
  readonly height: number;
  readonly width: number;
}

export interface DenseRuleContext {
  readonly x: Sym;
  readonly a: Sym;
  readonly delta: Sym;
  readonly W: Sym;
  readonly b: Sym;
}

export interface ActivationRuleContext {
  readonly a: Sym;
  readonly h: Sym;
  readonly delta: Sym;
  /** softmax only on the output layer, whose δ the head gives. */
  readonly activation: Activation;
  readonly alpha: number;
  /** Conv layers index f, i, j; dense layers i. */
  readonly indices: readonly string[];
}

export interface HeadRuleContext {
  readonly a: Sym;
  readonly yhat: Sym;
  readonly y: Sym;
  readonly delta: Sym;
  readonly activation: Activation;
  readonly loss: LossName;
}

export interface ObjectiveRuleContext {
  readonly reduction: 'mean' | 'sum';
  readonly l2: number;
  /** The regularised blocks: every kernel K^k and matrix W^k. */
  readonly weights: readonly Sym[];
}

export interface RuleContexts {
  readonly conv2d: ConvRuleContext;
  readonly maxpool: PoolRuleContext;
  readonly avgpool: PoolRuleContext;
  readonly flatten: FlattenRuleContext;
  readonly dense: DenseRuleContext;
  readonly activation: ActivationRuleContext;
  readonly head: HeadRuleContext;
  readonly objective: ObjectiveRuleContext;
}

export type ConvRuleId = keyof RuleContexts;

/** What a rule says about the backward pass: parameter gradients, δ, the error sent back. */
export interface Adjoints {
  /** ∂J/∂(parameter) by the parameter's letter (K, W, b). */
  readonly params: readonly (Formula & { readonly letter: 'K' | 'W' | 'b' })[];
  /** The error sent to the layer's input, ∂J/∂h^{k−1}, in terms of δ^k. */
  readonly input?: Formula;
  /** δ^k itself (the activation and the head). */
  readonly delta?: Formula;
}

export interface LayerRule<K extends ConvRuleId> {
  readonly id: K;
  /** What the sheet calls it. */
  readonly title: string;
  forward(c: RuleContexts[K]): Formula;
  adjoints(c: RuleContexts[K]): Adjoints;
}

const eq = (id: string, left: Sym, latex: string, text: string): Formula => ({ id, latex: `${left.latex} = ${latex}`, text: `${left.text} = ${text}` });
/** "r+p−u" with the padding written out: "r+1−u", "r−u". */
const shifted = (r: string, p: number, u: string): string => `${r}${p === 0 ? '' : `+${p}`}−${u}`;
const tex = (s: string): string => s.replaceAll('−', '-');

/** ∂J/∂h^{k−1}: the full convolution of δ with the rotated kernel (stride 1) or of δ dilated by s. */
function convInput(c: ConvRuleContext): Formula {
  const [kh, kw] = c.kernel;
  const [Ho, Wo] = c.out;
  const p = c.padding;
  const left = partialOf(c.x, 'c', 'r', 't');
  const K = at(c.K, 'f', 'c', 'u', 'v');
  if (c.stride === 1) {
    const d = at(c.delta, 'f', shifted('r', p, 'u'), shifted('t', p, 'v'));
    const rot = at(c.K, 'f', 'c', `${kh - 1}−u'`, `${kw - 1}−v'`);
    const dFull = at(c.delta, 'f', `r${p - kh + 1 === 0 ? '' : p - kh + 1 > 0 ? `+${p - kh + 1}` : `−${kh - 1 - p}`}+u'`, `t${p - kw + 1 === 0 ? '' : p - kw + 1 > 0 ? `+${p - kw + 1}` : `−${kw - 1 - p}`}+v'`);
    const range = `0 ≤ ${shifted('r', p, 'u')} < ${Ho}, 0 ≤ ${shifted('t', p, 'v')} < ${Wo}`;
    return eq('conv2d.input', left,
      `\\sum_{f}\\sum_{u,v} ${d.latex}\\,${K.latex} = \\sum_{f}\\sum_{u',v'} ${dFull.latex}\\,${rot.latex}\\quad(${tex(range).replaceAll('≤', '\\le')})`,
      `Σ_f Σ_{u,v} ${d.text}·${K.text} over ${range} (the full convolution of δ with the kernel rotated by 180°: ${rot.text})`);
  }
  const s = c.stride;
  const [ri, ti] = [`(${shifted('r', p, 'u')})/${s}`, `(${shifted('t', p, 'v')})/${s}`];
  const d = at(c.delta, 'f', ri, ti);
  const range = `${s} | ${shifted('r', p, 'u')}, ${s} | ${shifted('t', p, 'v')}, 0 ≤ ${ri} < ${Ho}, 0 ≤ ${ti} < ${Wo}`;
  return eq('conv2d.input', left,
    `\\sum_{f}\\sum_{u,v} ${d.latex}\\,${K.latex}\\quad(${tex(range).replaceAll('≤', '\\le').replaceAll(' | ', ' \\mid ')})`,
    `Σ_f Σ_{u,v} ${d.text}·${K.text} over ${range} (δ dilated by ${s}, fully convolved with the kernel rotated by 180°)`);
}

const conv2d: LayerRule<'conv2d'> = {
  id: 'conv2d',
  title: 'convolution',
  forward(c) {
    const [ri, ti] = [windowIndex(c.stride, c.padding, 'i', 'u'), windowIndex(c.stride, c.padding, 'j', 'v')];
    const [K, h] = [at(c.K, 'f', 'c', 'u', 'v'), at(c.x, 'c', ri, ti)];
    return eq('conv2d.forward', at(c.a, 'f', 'i', 'j'), `${at(c.b, 'f').latex} + \\sum_{c,u,v} ${K.latex}\\,${h.latex}`, `${at(c.b, 'f').text} + Σ_{c,u,v} ${K.text}·${h.text}`);
  },
  adjoints(c) {
    const [ri, ti] = [windowIndex(c.stride, c.padding, 'i', 'u'), windowIndex(c.stride, c.padding, 'j', 'v')];
    const [d, h] = [at(c.delta, 'f', 'i', 'j'), at(c.x, 'c', ri, ti)];
    return {
      params: [
        { letter: 'K', ...eq('conv2d.kernel', partialOf(c.K, 'f', 'c', 'u', 'v'), `\\sum_{i,j} ${d.latex}\\,${h.latex}`, `Σ_{i,j} ${d.text}·${h.text}`) },
        { letter: 'b', ...eq('conv2d.bias', partialOf(c.b, 'f'), `\\sum_{i,j} ${d.latex}`, `Σ_{i,j} ${d.text}`) },
      ],
      input: convInput(c),
    };
  },
};

function poolRule(kind: 'maxpool' | 'avgpool'): LayerRule<typeof kind> {
  const max = kind === 'maxpool';
  return {
    id: kind,
    title: max ? 'max-pooling' : 'average pooling',
    forward(c) {
      const h = at(c.x, 'c', windowIndex(c.stride, c.padding, 'i', 'u'), windowIndex(c.stride, c.padding, 'j', 'v'));
      const range = `0 ≤ u, v < ${c.size}`;
      return max
        ? eq('maxpool.forward', at(c.h, 'c', 'i', 'j'), `\\max_{0 \\le u,v < ${c.size}} ${h.latex}`, `max over ${range} of ${h.text}`)
        : eq('avgpool.forward', at(c.h, 'c', 'i', 'j'), `\\frac{1}{${c.size * c.size}} \\sum_{0 \\le u,v < ${c.size}} ${h.latex}`, `(1/${c.size * c.size}) Σ over ${range} of ${h.text} (padding counts as 0 in the sum and in the divisor)`);
    },
    adjoints(c) {
      const d = at(c.delta, 'c', 'i', 'j');
      const left = partialOf(c.x, 'c', 'r', 't');
      if (max) {
        return { params: [], input: eq('maxpool.input', left,
          `\\sum_{i,j:\\ (r,t) = \\operatorname{argmax}_{(i,j)}} ${d.latex}`,
          `Σ of ${d.text} over the windows (i, j) whose argmax is (r, t) (ties: the first maximum in row-major order)`) };
      }
      const cond = `0 ≤ ${shifted('r', c.padding, `${c.stride === 1 ? '' : c.stride}i`)} < ${c.size}, 0 ≤ ${shifted('t', c.padding, `${c.stride === 1 ? '' : c.stride}j`)} < ${c.size}`;
      return { params: [], input: eq('avgpool.input', left, `\\frac{1}{${c.size * c.size}} \\sum_{i,j:\\ ${tex(cond).replaceAll('≤', '\\le')}} ${d.latex}`, `(1/${c.size * c.size}) Σ_{i,j: ${cond}} ${d.text}`) };
    },
  };
}

const flatten: LayerRule<'flatten'> = {
  id: 'flatten',
  title: 'flatten',
  forward(c) {
    const index = `(c·${c.height}+r)·${c.width}+t`;
    return eq('flatten.forward', at(c.h, index), at(c.x, 'c', 'r', 't').latex, at(c.x, 'c', 'r', 't').text);
  },
  adjoints(c) {
    const d = at(c.delta, `(c·${c.height}+r)·${c.width}+t`);
    return { params: [], input: eq('flatten.input', partialOf(c.x, 'c', 'r', 't'), d.latex, `${d.text} (the same index map)`) };
  },
};

const dense: LayerRule<'dense'> = {
  id: 'dense',
  title: 'dense',
  forward: (c) => eq('dense.forward', at(c.a, 'i'), `${at(c.b, 'i').latex} + \\sum_{j} ${at(c.W, 'i', 'j').latex}\\,${at(c.x, 'j').latex}`, `${at(c.b, 'i').text} + Σ_j ${at(c.W, 'i', 'j').text}·${at(c.x, 'j').text}`),
  adjoints: (c) => ({
    params: [
      { letter: 'W', ...eq('dense.weight', partialOf(c.W, 'i', 'j'), `${at(c.delta, 'i').latex}\\,${at(c.x, 'j').latex}`, `${at(c.delta, 'i').text}·${at(c.x, 'j').text}`) },
      { letter: 'b', ...eq('dense.bias', partialOf(c.b, 'i'), at(c.delta, 'i').latex, at(c.delta, 'i').text) },
    ],
    input: eq('dense.input', partialOf(c.x, 'j'), `\\sum_{i} ${at(c.W, 'i', 'j').latex}\\,${at(c.delta, 'i').latex}`, `Σ_i ${at(c.W, 'i', 'j').text}·${at(c.delta, 'i').text}`),
  }),
};

/** g'(a) of each activation, written with h = g(a) where the textbook does. */
const DERIVATIVE: { readonly [K in Exclude<Activation, 'softmax'>]: (a: Sym, h: Sym, alpha: number) => Sym } = {
  identity: () => ({ latex: '1', text: '1' }),
  sigmoid: (_a, h) => ({ latex: `${h.latex}(1 - ${h.latex})`, text: `${h.text}·(1 − ${h.text})` }),
  tanh: (_a, h) => ({ latex: `(1 - (${h.latex})^2)`, text: `(1 − ${h.text}²)` }),
  relu: (a) => ({ latex: `[${a.latex} > 0]`, text: `[${a.text} > 0]` }),
  leaky_relu: (a, _h, alpha) => ({ latex: `\\begin{cases} 1 & ${a.latex} > 0 \\\\ ${alpha} & \\text{otherwise} \\end{cases}`, text: `(${a.text} > 0 ? 1 : ${alpha})` }),
  softplus: (a) => ({ latex: `\\sigma(${a.latex})`, text: `σ(${a.text})` }),
};

const activation: LayerRule<'activation'> = {
  id: 'activation',
  title: 'activation',
  forward(c) {
    const [h, a] = [at(c.h, ...c.indices), at(c.a, ...c.indices)];
    if (c.activation === 'softmax') {
      return eq('activation.softmax', h, `\\frac{e^{${a.latex}}}{\\sum_{j} e^{${at(c.a, 'j').latex}}}`, `e^${a.text} / Σ_j e^${at(c.a, 'j').text}`);
    }
    const name = c.activation === 'identity' ? '' : c.activation;
    return eq('activation.forward', h, `${name === '' ? '' : `\\operatorname{${name}}`}(${a.latex})`, `${name}(${a.text})`);
  },
  adjoints(c) {
    if (c.activation === 'softmax') return { params: [] };
    const g = DERIVATIVE[c.activation](at(c.a, ...c.indices), at(c.h, ...c.indices), c.alpha);
    const e = partialOf(c.h, ...c.indices);
    return { params: [], delta: eq('activation.delta', at(c.delta, ...c.indices), `${e.latex}\\,${g.latex}`, `${e.text}·${g.text}`) };
  },
};

/** The loss of one example and δ^L = ∂L/∂a^L, in the course's simplified forms. */
const head: LayerRule<'head'> = {
  id: 'head',
  title: 'output and loss',
  forward(c) {
    const [p, y] = [at(c.yhat, 'i'), at(c.y, 'i')];
    switch (c.loss) {
      case 'cross_entropy':
        return eq('head.cross_entropy', { latex: 'L', text: 'L' }, `-\\sum_i ${y.latex} \\log ${p.latex},\\quad ${p.latex} = \\frac{e^{${at(c.a, 'i').latex}}}{\\sum_j e^{${at(c.a, 'j').latex}}}`, `−Σ_i ${y.text}·log ${p.text}, ${p.text} = softmax(${c.a.text})[i]`);
      case 'cross_entropy_with_logits':
        return eq('head.cross_entropy_with_logits', { latex: 'L', text: 'L' }, `\\log \\sum_j e^{${at(c.a, 'j').latex}} - \\sum_i ${y.latex}\\,${at(c.a, 'i').latex}`, `log Σ_j e^${at(c.a, 'j').text} − Σ_i ${y.text}·${at(c.a, 'i').text}`);
      case 'bce':
        return eq('head.bce', { latex: 'L', text: 'L' }, `-\\sum_i \\left[${y.latex} \\log ${p.latex} + (1 - ${y.latex}) \\log(1 - ${p.latex})\\right]`, `−Σ_i [${y.text}·log ${p.text} + (1 − ${y.text})·log(1 − ${p.text})]`);
      case 'mse':
        return eq('head.mse', { latex: 'L', text: 'L' }, `\\frac{1}{2}\\sum_i (${p.latex} - ${y.latex})^2`, `½ Σ_i (${p.text} − ${y.text})²`);
      case 'l1':
        return eq('head.l1', { latex: 'L', text: 'L' }, `\\sum_i |${p.latex} - ${y.latex}|`, `Σ_i |${p.text} − ${y.text}|`);
    }
  },
  adjoints(c) {
    const [p, y, d] = [at(c.yhat, 'i'), at(c.y, 'i'), at(c.delta, 'i')];
    if (c.loss === 'cross_entropy_with_logits') {
      return { params: [], delta: eq('head.delta', d, `\\operatorname{softmax}(${c.a.latex})_i - ${y.latex}`, `softmax(${c.a.text})[i] − ${y.text}`) };
    }
    if (c.loss === 'cross_entropy' || c.loss === 'bce') {
      // Softmax + cross-entropy (the note's two cases, i the target class or not, both give p_i − y_i
      // when Σ_i y_i = 1) and sigmoid + BCE both simplify to ŷ − y.
      return { params: [], delta: eq('head.delta', d, `${p.latex} - ${y.latex}`, `${p.text} − ${y.text}`) };
    }
    const out = c.activation === 'softmax' ? 'identity' : c.activation;
    const g = DERIVATIVE[out](at(c.a, 'i'), p, 0);
    const dl = c.loss === 'mse' ? { latex: `(${p.latex} - ${y.latex})`, text: `(${p.text} − ${y.text})` } : { latex: `\\operatorname{sign}(${p.latex} - ${y.latex})`, text: `sign(${p.text} − ${y.text})` };
    return { params: [], delta: eq('head.delta', d, `${dl.latex}\\,${g.latex}`, `${dl.text}·${g.text}`) };
  },
};

/** J over the batch, and ∂J/∂θ from the per-example gradients (biases are not regularised). */
const objective: LayerRule<'objective'> = {
  id: 'objective',
  title: 'objective',
  forward(c) {
    const [mean, meanText] = c.reduction === 'mean' ? ['\\frac{1}{n}\\sum_{e=1}^{n}', '(1/n) Σ_e'] : ['\\sum_{e=1}^{n}', 'Σ_e'];
    const reg = c.l2 === 0 || c.weights.length === 0 ? { latex: '', text: '' } : {
      latex: ` + \\frac{${c.l2}}{2}\\left(${c.weights.map((w) => `\\lVert ${w.latex} \\rVert^2`).join(' + ')}\\right)`,
      text: ` + (${c.l2}/2)·(${c.weights.map((w) => `‖${w.text}‖²`).join(' + ')})`,
    };
    return eq('objective.forward', { latex: 'J', text: 'J' }, `${mean} L_e${reg.latex}`, `${meanText} L_e${reg.text}`);
  },
  adjoints(c) {
    const [mean, meanText] = c.reduction === 'mean' ? ['\\frac{1}{n}\\sum_{e}', '(1/n) Σ_e'] : ['\\sum_{e}', 'Σ_e'];
    const reg = c.l2 === 0 ? { latex: '', text: '' } : { latex: ` + ${c.l2}\\,\\theta`, text: ` + ${c.l2}·θ` };
    return { params: [
      { letter: 'W', ...eq('objective.weight', { latex: '\\frac{\\partial J}{\\partial \\theta}', text: '∂J/∂θ' }, `${mean} \\frac{\\partial L_e}{\\partial \\theta}${reg.latex}`, `${meanText} ∂L_e/∂θ${reg.text} (θ a kernel or a weight matrix)`) },
      { letter: 'b', ...eq('objective.bias', { latex: '\\frac{\\partial J}{\\partial b}', text: '∂J/∂b' }, `${mean} \\frac{\\partial L_e}{\\partial b}`, `${meanText} ∂L_e/∂b (biases are not regularised)`) },
    ] };
  },
};

/** The rule table: every layer kind has an entry (a missing one is a compile error). */
export const CONV_RULES: { readonly [K in ConvRuleId]: LayerRule<K> } = {
  conv2d,
  maxpool: poolRule('maxpool') as LayerRule<'maxpool'>,
  avgpool: poolRule('avgpool') as LayerRule<'avgpool'>,
  flatten,
  dense,
  activation,
  head,
  objective,
};
