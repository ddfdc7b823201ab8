// Backpropagation for a convolutional network, layer by layer: the ConvDerivation. A pure
// function of the spec. Each layer's forward bindings, its named δ, its parameter gradients and
// the error it sends back come from its entry in the rule table (conv-rules.ts), with equation
// numbers: the forward pass first (1, 2, …, the loss, J), then the backward pass from the
// output down. The sheet and the generated code both read it; code comments cite its numbers.
//
// δ^k = ∂J/∂a^k for a conv or dense layer (its pre-activation), ∂J/∂h^k for pooling and flatten
// (no activation). No δ is derived below the first layer that has parameters: nothing needs it.
import { convParamBlocks, convShapes, type ConvNetLayer, type ConvNetSpec, type ConvParamBlock, type Shape } from '../network/conv-spec.ts';
import { convNames, type ConvNames, type Sym } from './conv-names.ts';
import { CONV_RULES, type Adjoints, type ConvRuleId, type Formula } from './conv-rules.ts';

/** A numbered formula and the rule entry it instantiates. */
export interface ConvEquation extends Formula {
  readonly eq: number;
  readonly rule: ConvRuleId;
}

/** ∂J/∂(one block of θ), per example, with the block it is for. */
export interface ConvGradient extends ConvEquation {
  readonly block: ConvParamBlock;
}

export type LayerRuleId = Extract<ConvRuleId, ConvNetLayer['type']>;

export interface ConvLayerStep {
  /** 1-based, counting every layer. */
  readonly k: number;
  readonly layer: ConvNetLayer;
  readonly rule: LayerRuleId;
  readonly input: Shape;
  readonly output: Shape;
  /** a^k then h^k (conv, dense; the last layer's ŷ), or h^k (pooling, flatten). */
  readonly forward: readonly ConvEquation[];
  /** δ^k (absent when no earlier layer has parameters). */
  readonly delta?: ConvEquation;
  readonly gradients: readonly ConvGradient[];
  /** ∂J/∂h^{k−1}, the error sent back (absent for the first layer, and when nothing before has parameters). */
  readonly sendsBack?: ConvEquation;
}

/** A convolutional network's backpropagation: per layer its forward bindings, δ, gradients and the error sent back, numbered. */
export interface ConvDerivation {
  readonly kind: 'conv';
  readonly spec: ConvNetSpec;
  readonly source: string;
  readonly names: ConvNames;
  /** The input's shape, then each layer's output shape. */
  readonly shapes: readonly Shape[];
  readonly blocks: readonly ConvParamBlock[];
  readonly layers: readonly ConvLayerStep[];
  /** The loss of one example (the head rule). */
  readonly loss: ConvEquation;
  /** J over the batch, with the L2 term. */
  readonly objective: ConvEquation;
  /** ∂J/∂θ from the per-example gradients: kernels and weights (with λθ), biases. */
  readonly total: readonly ConvEquation[];
}

/** Does the layer have parameters (and an activation): conv2d or dense? */
export const hasParams = (l: ConvNetLayer): l is Extract<ConvNetLayer, { activation: unknown }> => l.type === 'conv2d' || l.type === 'dense';
const volume = (s: Shape): { channels: number; height: number; width: number } => {
  if (s.kind !== 'volume') throw new Error('conv derivation: a volume was expected (validation keeps vectors after flatten)');
  return s.volume;
};

/** The rule's formulas for layer k, with the names of the spec. */
function layerFormulas(spec: ConvNetSpec, names: ConvNames, shapes: readonly Shape[], k: number): { forward: Formula; adjoints: Adjoints } {
  const layer = spec.layers[k - 1]!;
  const [x, h, a, delta] = [names.act(k - 1), names.act(k), names.pre(k), names.delta(k)];
  switch (layer.type) {
    case 'conv2d': {
      const out = volume(shapes[k]!);
      const c = { x, a, delta, K: names.param('K', k), b: names.param('b', k), kernel: layer.kernel, stride: layer.stride, padding: layer.padding, out: [out.height, out.width] as const };
      return { forward: CONV_RULES.conv2d.forward(c), adjoints: CONV_RULES.conv2d.adjoints(c) };
    }
    case 'maxpool':
    case 'avgpool': {
      const c = { x, h, delta, size: layer.size, stride: layer.stride, padding: layer.padding };
      const rule = CONV_RULES[layer.type];
      return { forward: rule.forward(c), adjoints: rule.adjoints(c) };
    }
    case 'flatten': {
      const v = volume(shapes[k - 1]!);
      const c = { x, h, delta, height: v.height, width: v.width };
      return { forward: CONV_RULES.flatten.forward(c), adjoints: CONV_RULES.flatten.adjoints(c) };
    }
    case 'dense': {
      const c = { x, a, delta, W: names.param('W', k), b: names.param('b', k) };
      return { forward: CONV_RULES.dense.forward(c), adjoints: CONV_RULES.dense.adjoints(c) };
    }
  }
}

/** The activation's context for layer k (conv: indices f, i, j; dense: i). */
function activationContext(names: ConvNames, layer: Extract<ConvNetLayer, { activation: unknown }>, k: number) {
  return { a: names.pre(k), h: names.act(k), delta: names.delta(k), activation: layer.activation, alpha: layer.alpha ?? 0, indices: layer.type === 'conv2d' ? ['f', 'i', 'j'] : ['i'] };
}

/** "δ^k[c,r,t] = ∂J/∂h^k[c,r,t] = …": the error sent back is the δ of a layer without activation. */
function alsoDelta(f: Formula, delta: Sym): Formula {
  const [left, right] = [f.text.indexOf(' = '), f.latex.indexOf(' = ')];
  const index = f.text.slice(f.text.indexOf('['), left);
  const latexIndex = f.latex.slice(f.latex.lastIndexOf('_{', right), f.latex.lastIndexOf('}', right));
  return { ...f, text: `${delta.text}${index} = ${f.text}`, latex: `${delta.latex}${latexIndex} = ${f.latex}` };
}

/** Derive the network: a pure function of the spec. */
export function deriveConv(spec: ConvNetSpec, source = `${spec.name}.json`): ConvDerivation {
  const names = convNames(spec);
  const shapes = convShapes(spec);
  const blocks = convParamBlocks(spec);
  const L = spec.layers.length;
  let next = 1;
  const number = (f: Formula, rule: ConvRuleId): ConvEquation => ({ ...f, eq: next++, rule });
  const formulas = spec.layers.map((_, i) => layerFormulas(spec, names, shapes, i + 1));

  // Forward: each layer's binding, then its activation (the output layer's is ŷ).
  const forward = spec.layers.map((layer, i) => {
    const own = number(formulas[i]!.forward, layer.type);
    if (!hasParams(layer)) return [own];
    const act = CONV_RULES.activation.forward(activationContext(names, layer, i + 1));
    return [own, number(act, 'activation')];
  });
  const out = spec.layers[L - 1] as Extract<ConvNetLayer, { type: 'dense' }>;
  const headContext = { a: names.pre(L), yhat: names.act(L), y: names.target, delta: names.delta(L), activation: out.activation, loss: spec.loss };
  const loss = number(CONV_RULES.head.forward(headContext), 'head');
  const weights = blocks.filter((b) => b.name.startsWith('K') || b.name.startsWith('W')).map((b) => names.param(b.name[0] as 'K' | 'W', b.layer));
  const objectiveContext = { reduction: spec.reduction, l2: spec.l2, weights };
  const objective = number(CONV_RULES.objective.forward(objectiveContext), 'objective');

  // Backward, from the output down. δ^k of a layer without activation is the error the next layer sent back.
  const firstWithParams = spec.layers.findIndex(hasParams) + 1;
  const steps: ConvLayerStep[] = [];
  let sentBack: ConvEquation | undefined;
  for (let k = L; k >= 1; k--) {
    const layer = spec.layers[k - 1]!;
    const { adjoints } = formulas[k - 1]!;
    let delta: ConvEquation | undefined;
    if (k === L) delta = number(CONV_RULES.head.adjoints(headContext).delta!, 'head');
    else if (k >= firstWithParams) delta = hasParams(layer) ? number(CONV_RULES.activation.adjoints(activationContext(names, layer, k)).delta!, 'activation') : sentBack;
    const gradients = adjoints.params.map((p) => ({ ...number(p, layer.type), block: blocks.find((b) => b.layer === k && b.name.startsWith(p.letter))! }));
    const before = k >= 2 ? spec.layers[k - 2]! : undefined;
    const needsInput = before !== undefined && k - 1 >= firstWithParams && adjoints.input !== undefined;
    sentBack = needsInput ? number(hasParams(before) ? adjoints.input! : alsoDelta(adjoints.input!, names.delta(k - 1)), layer.type) : undefined;
    steps.push({ k, layer, rule: layer.type, input: shapes[k - 1]!, output: shapes[k]!, forward: forward[k - 1]!, ...(delta ? { delta } : {}), gradients, ...(sentBack ? { sendsBack: sentBack } : {}) });
  }
  const total = CONV_RULES.objective.adjoints(objectiveContext).params.map((p) => number(p, 'objective'));
  return { kind: 'conv', spec, source, names, shapes, blocks, layers: steps.reverse(), loss, objective, total };
}
