// Bad specs get one line naming the file and the field (README, "Network spec"). The
// expected messages are written out in full: they are what the user reads.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, validateSpec } from '../../src/network/validate.ts';
import { UserError } from '../../src/util/errors.ts';
import { closest } from '../../src/util/suggest.ts';

const base = {
  name: 'net',
  input: 2,
  layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
  loss: 'bce',
};
const withLayers = (...layers: object[]) => ({ ...base, layers });
/** A 2-3-N network whose output layer is `activation`, with `loss`. */
const withOutput = (units: number, activation: string, loss: string) => ({ ...withLayers({ units: 3, activation: 'relu' }, { units, activation }), loss });

/** The message validateSpec throws for `json`, read from bad.json. */
function messageFor(json: unknown): string {
  try {
    validateSpec(json, 'bad.json');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError, the spec was accepted');
}

describe('a valid spec', () => {
  it('gets its defaults: notation a-h, l2 0, reduction mean, alpha 0.01 on leaky_relu', () => {
    const spec = validateSpec(withLayers({ units: 2, activation: 'leaky_relu' }, { units: 1, activation: 'sigmoid' }));
    expect(spec).toEqual({
      name: 'net',
      notation: 'a-h',
      input: 2,
      layers: [{ units: 2, activation: 'leaky_relu', alpha: 0.01 }, { units: 1, activation: 'sigmoid' }],
      loss: 'bce',
      l2: 0,
      reduction: 'mean',
    });
  });

  it('accepts every loss after the output it reads', () => {
    expect(() => validateSpec(withOutput(3, 'softmax', 'cross_entropy'))).not.toThrow();
    expect(() => validateSpec(withOutput(3, 'identity', 'cross_entropy_with_logits'))).not.toThrow();
    expect(() => validateSpec(withOutput(1, 'sigmoid', 'bce'))).not.toThrow();
    for (const out of ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'softplus']) {
      expect(() => validateSpec(withOutput(2, out, 'mse'))).not.toThrow();
      expect(() => validateSpec(withOutput(2, out, 'l1'))).not.toThrow();
    }
  });

  it('accepts λ = 0 and a positive λ', () => {
    expect(validateSpec({ ...base, l2: 0 }).l2).toBe(0);
    expect(validateSpec({ ...base, l2: 0.5 }).l2).toBe(0.5);
  });
});

describe('units: a positive integer', () => {
  it.each([
    [0, 'bad.json: layers[0].units: must be a positive integer, got 0'],
    [-2, 'bad.json: layers[0].units: must be a positive integer, got -2'],
    [1.5, 'bad.json: layers[0].units: must be a positive integer, got 1.5'],
    ['4', 'bad.json: layers[0].units: must be a positive integer, got "4"'],
    [null, 'bad.json: layers[0].units: must be a positive integer, got null'],
    [Infinity, 'bad.json: layers[0].units: must be a positive integer, got Infinity'],
  ])('units %o', (units, message) => {
    expect(messageFor(withLayers({ units, activation: 'sigmoid' }))).toBe(message);
  });

  it('names the layer by its index', () => {
    expect(messageFor(withLayers({ units: 3, activation: 'relu' }, { units: 0, activation: 'sigmoid' }))).toBe(
      'bad.json: layers[1].units: must be a positive integer, got 0',
    );
  });

  it('input follows the same rule', () => {
    expect(messageFor({ ...base, input: 0 })).toBe('bad.json: input: must be a positive integer, got 0');
  });

  it('a missing units says what it must be', () => {
    expect(messageFor(withLayers({ activation: 'sigmoid' }))).toBe(
      'bad.json: layers[0].units: missing (required, must be a positive integer)',
    );
  });
});

describe('layers: a non-empty list of objects', () => {
  it('an empty list', () => {
    expect(messageFor({ ...base, layers: [] })).toBe('bad.json: layers: must have at least one layer, got an empty list');
  });

  it('not a list', () => {
    expect(messageFor({ ...base, layers: { units: 1 } })).toBe('bad.json: layers: must be a list of layers, got an object');
  });

  it('a layer that is not an object', () => {
    expect(messageFor({ ...base, layers: [3] })).toBe(
      'bad.json: layers[0]: must be an object like { "units": 4, "activation": "relu" }, got 3',
    );
  });

  it('missing', () => {
    expect(messageFor({ name: 'net', input: 2, loss: 'bce' })).toBe('bad.json: layers: missing (required, must be a list of layers)');
  });
});

describe('softmax: last layer only, followed by cross_entropy', () => {
  it('on a hidden layer', () => {
    expect(messageFor(withLayers({ units: 3, activation: 'softmax' }, { units: 1, activation: 'sigmoid' }))).toBe(
      'bad.json: layers[0].activation: softmax is allowed on the last layer (layers[1]) only',
    );
  });

  it.each(['mse', 'l1'])('followed by %s', (loss) => {
    expect(messageFor(withOutput(3, 'softmax', loss))).toBe(
      `bad.json: loss: a softmax output layer must be followed by cross_entropy, got ${loss} (use "cross_entropy")`,
    );
  });

  it('followed by cross_entropy_with_logits, which applies softmax itself', () => {
    expect(messageFor(withOutput(3, 'softmax', 'cross_entropy_with_logits'))).toBe(
      'bad.json: loss: cross_entropy_with_logits applies softmax itself, so the last layer must be identity, got softmax on layers[1] (use "cross_entropy" after softmax, or set layers[1].activation to "identity")',
    );
  });

  it('followed by bce', () => {
    expect(messageFor(withOutput(3, 'softmax', 'bce'))).toBe(
      'bad.json: loss: bce needs a sigmoid output layer, got softmax on layers[1] (use "cross_entropy" after softmax)',
    );
  });
});

describe('bce: after a sigmoid output, and says what to use instead', () => {
  it.each(['identity', 'relu', 'tanh', 'softplus', 'leaky_relu'])('after %s', (out) => {
    expect(messageFor(withOutput(1, out, 'bce'))).toBe(
      `bad.json: loss: bce needs a sigmoid output layer, got ${out} on layers[1] (set layers[1].activation to "sigmoid", or use "mse")`,
    );
  });
});

describe('the other losses and their outputs', () => {
  it('cross_entropy_with_logits after relu', () => {
    expect(messageFor(withOutput(3, 'relu', 'cross_entropy_with_logits'))).toBe(
      'bad.json: loss: cross_entropy_with_logits takes logits, so the last layer must be identity, got relu on layers[1] (set layers[1].activation to "identity")',
    );
  });

  it('cross_entropy after sigmoid points to bce', () => {
    expect(messageFor(withOutput(1, 'sigmoid', 'cross_entropy'))).toBe(
      'bad.json: loss: cross_entropy needs a softmax output layer, got sigmoid on layers[1] (use "bce" after sigmoid, or set layers[1].activation to "softmax")',
    );
  });

  it('cross_entropy after identity points to cross_entropy_with_logits', () => {
    expect(messageFor(withOutput(3, 'identity', 'cross_entropy'))).toBe(
      'bad.json: loss: cross_entropy needs a softmax output layer, got identity on layers[1] (use "cross_entropy_with_logits" after identity, or set layers[1].activation to "softmax")',
    );
  });

  it('cross_entropy after relu', () => {
    expect(messageFor(withOutput(3, 'relu', 'cross_entropy'))).toBe(
      'bad.json: loss: cross_entropy needs a softmax output layer, got relu on layers[1] (set layers[1].activation to "softmax")',
    );
  });

  it('cross_entropy_with_logits after sigmoid points to bce', () => {
    expect(messageFor(withOutput(1, 'sigmoid', 'cross_entropy_with_logits'))).toBe(
      'bad.json: loss: cross_entropy_with_logits takes logits, so the last layer must be identity, got sigmoid on layers[1] (use "bce" after sigmoid, or set layers[1].activation to "identity")',
    );
  });
});

describe('unknown activation or loss', () => {
  it('a misspelt activation gets a suggestion', () => {
    expect(messageFor(withLayers({ units: 1, activation: 'sigmod' }))).toBe(
      'bad.json: layers[0].activation: unknown value "sigmod" (did you mean "sigmoid"?)',
    );
  });

  it('case does not matter for the suggestion', () => {
    expect(messageFor(withLayers({ units: 1, activation: 'ReLU' }))).toBe(
      'bad.json: layers[0].activation: unknown value "ReLU" (did you mean "relu"?)',
    );
  });

  it('the courses’ synonyms: "linear" (seed 002) is identity, "logistic" is sigmoid', () => {
    expect(messageFor(withLayers({ units: 1, activation: 'linear' }))).toBe(
      'bad.json: layers[0].activation: unknown value "linear" (did you mean "identity"?)',
    );
    expect(messageFor(withLayers({ units: 1, activation: 'logistic' }))).toBe(
      'bad.json: layers[0].activation: unknown value "logistic" (did you mean "sigmoid"?)',
    );
  });

  it('an activation that is not a string lists the choices', () => {
    expect(messageFor(withLayers({ units: 1, activation: 3 }))).toBe(
      'bad.json: layers[0].activation: must be one of identity, sigmoid, tanh, relu, leaky_relu, softplus, softmax, got 3',
    );
  });

  it('a missing activation lists the choices', () => {
    expect(messageFor(withLayers({ units: 1 }))).toBe(
      'bad.json: layers[0].activation: missing (required, one of identity, sigmoid, tanh, relu, leaky_relu, softplus, softmax)',
    );
  });

  it('a misspelt loss gets a suggestion', () => {
    expect(messageFor({ ...base, loss: 'cross-entropy' })).toBe('bad.json: loss: unknown value "cross-entropy" (did you mean "cross_entropy"?)');
    expect(messageFor({ ...base, loss: 'binary_cross_entropy' })).toBe('bad.json: loss: unknown value "binary_cross_entropy" (did you mean "bce"?)');
  });

  it('a loss far from any lists the choices', () => {
    expect(messageFor({ ...base, loss: 'hinge' })).toBe(
      'bad.json: loss: unknown value "hinge" (one of mse, l1, bce, cross_entropy, cross_entropy_with_logits)',
    );
  });

  it('a one-letter loss is not "corrected" to an unrelated name', () => {
    expect(messageFor({ ...base, loss: 'x' })).toBe(
      'bad.json: loss: unknown value "x" (one of mse, l1, bce, cross_entropy, cross_entropy_with_logits)',
    );
  });

  it('a missing loss lists the choices', () => {
    expect(messageFor({ name: 'net', input: 2, layers: base.layers })).toBe(
      'bad.json: loss: missing (required, one of mse, l1, bce, cross_entropy, cross_entropy_with_logits)',
    );
  });
});

describe('l2: λ ≥ 0', () => {
  it.each([
    [-0.1, 'bad.json: l2: must be >= 0, got -0.1'],
    ['0.1', 'bad.json: l2: must be a finite number, got "0.1"'],
    [null, 'bad.json: l2: must be a finite number, got null'],
    [Infinity, 'bad.json: l2: must be a finite number, got Infinity'],
  ])('l2 %o', (l2, message) => {
    expect(messageFor({ ...base, l2 })).toBe(message);
  });

  it('"lambda" and "λ" are taken for l2', () => {
    expect(messageFor({ ...base, lambda: 0.1 })).toBe('bad.json: unknown field "lambda" (did you mean "l2"?)');
    expect(messageFor({ ...base, 'λ': 0.1 })).toBe('bad.json: unknown field "λ" (did you mean "l2"?)');
  });
});

describe('alpha: leaky_relu only, > 0', () => {
  it('on another activation', () => {
    expect(messageFor(withLayers({ units: 2, activation: 'relu', alpha: 0.1 }, { units: 1, activation: 'sigmoid' }))).toBe(
      'bad.json: layers[0].alpha: only a leaky_relu layer takes alpha, this one is relu',
    );
  });

  it('zero', () => {
    expect(messageFor(withLayers({ units: 2, activation: 'leaky_relu', alpha: 0 }, { units: 1, activation: 'sigmoid' }))).toBe(
      'bad.json: layers[0].alpha: must be > 0, got 0',
    );
  });
});

describe('unknown fields', () => {
  it('a misspelt field next to the missing one is reported as the misspelling', () => {
    expect(messageFor(withLayers({ unit: 1, activation: 'sigmoid' }))).toBe('bad.json: layers[0]: unknown field "unit" (did you mean "units"?)');
    expect(messageFor(withLayers({ unit: 1 }))).toBe('bad.json: layers[0]: unknown field "unit" (did you mean "units"?)');
    expect(messageFor({ name: 'net', input: 2, layers: base.layers, losss: 'bce' })).toBe('bad.json: unknown field "losss" (did you mean "loss"?)');
  });

  it('an unknown field with no close match lists the fields', () => {
    expect(messageFor({ ...base, foo: 1 })).toBe('bad.json: unknown field "foo" (fields: name, notation, input, layers, loss, l2, reduction, title, deltas, layerIndex, example)');
    expect(messageFor(withLayers({ units: 1, activation: 'sigmoid', bias: true }))).toBe(
      'bad.json: layers[0]: unknown field "bias" (fields: type, units, activation, alpha)',
    );
  });
});

describe('the other fields', () => {
  it('notation, reduction', () => {
    expect(messageFor({ ...base, notation: 'z_a' })).toBe('bad.json: notation: unknown value "z_a" (did you mean "z-a"?)');
    expect(messageFor({ ...base, reduction: 'avg' })).toBe('bad.json: reduction: unknown value "avg" (one of mean, sum)');
  });

  it('name: present, not empty, and shown shortened when too long', () => {
    expect(messageFor({ ...base, name: '' })).toBe('bad.json: name: must not be empty, got ""');
    expect(messageFor({ input: 2, layers: base.layers, loss: 'bce' })).toBe('bad.json: name: missing (required, must be a string)');
    expect(messageFor({ ...base, name: 'x'.repeat(201) })).toBe(`bad.json: name: must be at most 200 characters, got "${'x'.repeat(38)}…`);
  });

  it('not an object at all', () => {
    expect(messageFor([1])).toBe('bad.json: (top level): must be a JSON object, got a list of 1');
    expect(messageFor(null)).toBe('bad.json: (top level): must be a JSON object, got null');
  });

  it('user text never adds a line to the message', () => {
    const message = messageFor({ ...base, loss: 'a\nb' });
    expect(message).toBe('bad.json: loss: unknown value "a\\nb" (one of mse, l1, bce, cross_entropy, cross_entropy_with_logits)');
    expect(messageFor({ ...base, input: 0 }).split('\n')).toHaveLength(1);
  });

  it('without a file, the message starts with "spec"', () => {
    expect(() => validateSpec({ ...base, input: 0 })).toThrow(/^spec: input: must be a positive integer, got 0$/);
  });
});

describe('loadSpec: the message names the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'symprop-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const loadMessage = (path: string): string => {
    try {
      loadSpec(path);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error('expected a UserError');
  };

  it('a field error', () => {
    const path = file('units.json', JSON.stringify(withLayers({ units: 0, activation: 'sigmoid' })));
    expect(loadMessage(path)).toBe(`${path}: layers[0].units: must be a positive integer, got 0`);
  });

  it('a JSON syntax error, with line and column', () => {
    const path = file('syntax.json', '{\n  "name": "net"\n  "input": 2\n}\n');
    expect(loadMessage(path)).toBe(`${path}: not valid JSON: expected ',' or '}' at line 3, column 3`);
  });

  it('a JSON error that Node reports with the whole text (and no position) neither repeats the file nor quotes it', () => {
    const path = file('token.json', '{"name": tru}');
    expect(loadMessage(path)).toBe(`${path}: not valid JSON: an unexpected character at line 1, column 10`);
    const secret = file('shadow.json', 'root:$6$secret-hash:19000:0:99999:7:::\n');
    expect(loadMessage(secret)).toBe(`${secret}: not valid JSON: an unexpected character at line 1, column 1`);
  });

  it('JSON nested deeper than any spec is refused with the limit', () => {
    const path = file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(loadMessage(path)).toBe(`${path}: not valid JSON: nesting deeper than 64 levels at line 1, column 65`);
  });

  it('names the limits on layers, units and parameters, checked before any work', () => {
    const layers = (n: number, units = 1) => Array.from({ length: n }, () => ({ units, activation: 'sigmoid' }));
    expect(() => validateSpec({ name: 'deep', input: 1, layers: layers(10_000), loss: 'bce' }, 's')).toThrow('s: layers: must have at most 1000 layers (the limit), got a list of 10000');
    expect(() => validateSpec({ name: 'wide', input: 2, layers: [{ units: 1e9, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' }, 's')).toThrow('s: layers[0].units: must be at most 100000 units (the limit), got 1000000000');
    expect(() => validateSpec({ name: 'huge', input: 50_000, layers: [{ units: 50_000, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' }, 's')).toThrow(/s: the network has 2500100001 parameters, over the limit of 5000000/);
  });

  it('an empty file', () => {
    expect(loadMessage(file('empty.json', '\n'))).toBe(`${join(dir, 'empty.json')}: empty file, expected a JSON network spec`);
  });

  it('a missing file, a directory', () => {
    expect(loadMessage(join(dir, 'nope.json'))).toBe(`${join(dir, 'nope.json')}: cannot read spec file (no such file)`);
    mkdirSync(join(dir, 'folder.json'));
    expect(loadMessage(join(dir, 'folder.json'))).toBe(`${join(dir, 'folder.json')}: cannot read spec file (it is a directory, not a regular file)`);
  });

  it('a byte-order mark is not an error', () => {
    const path = file('bom.json', `\uFEFF${JSON.stringify(base)}`);
    expect(loadSpec(path).name).toBe('net');
  });
});

describe('closest', () => {
  it('suggests within one edit for short words, two for longer ones', () => {
    expect(closest('bc', ['mse', 'bce'])).toBe('bce');
    expect(closest('x', ['mse', 'l1'])).toBeUndefined();
    expect(closest('sigmod', ['sigmoid', 'softmax'])).toBe('sigmoid');
    expect(closest('tnah', ['tanh', 'relu'])).toBe('tanh');
    expect(closest('softmaxx', ['softmax', 'softplus'])).toBe('softmax');
  });

  it('ignores case, spaces, "-" versus "_"', () => {
    expect(closest('Leaky-ReLU', ['relu', 'leaky_relu'])).toBe('leaky_relu');
  });

  it('takes a synonym only if it is a candidate', () => {
    expect(closest('Lambda', ['l2', 'loss'], { lambda: 'l2' })).toBe('l2');
    expect(closest('lambda', ['units'], { lambda: 'l2' })).toBeUndefined();
    expect(closest('toString', ['units'], {})).toBeUndefined();
  });
});

describe('validateSpec is idempotent', () => {
  it.each(['examples/circles.json', 'examples/xor.json', 'examples/softmax-4-8-3.json', 'examples/mnist.json'])('%s: validating the validated spec gives it back', (file) => {
    const once = validateSpec(JSON.parse(readFileSync(file, 'utf8')));
    expect(validateSpec(once)).toEqual(once);
  });
  it('a leaky_relu layer keeps its alpha (default 0.01); other layers carry none', () => {
    const once = validateSpec({ name: 'l', input: 1, layers: [{ units: 2, activation: 'leaky_relu' }, { units: 1, activation: 'sigmoid' }], loss: 'bce' });
    expect(once.layers).toEqual([{ units: 2, activation: 'leaky_relu', alpha: 0.01 }, { units: 1, activation: 'sigmoid' }]);
    expect(validateSpec(once)).toEqual(once);
  });
});
