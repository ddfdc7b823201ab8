// Python's `random` generator (MT19937, seeded as `random.seed(n)` seeds it for an
// integer n), so that CSI 4106's notebook (random.seed(42); w1 = random.random(); ...)
// is reproduced number for number: ŷ 0.51 -> 0.99, loss 0.68 -> 0.01.
/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

const N = 624;
const M = 397;

function initGenrand(s: number): Uint32Array {
  const mt = new Uint32Array(N);
  mt[0] = s >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
  }
  return mt;
}

/** init_by_array, as CPython seeds from the 32-bit words of |n|. */
function initByArray(key: readonly number[]): Uint32Array {
  const mt = initGenrand(19650218);
  let i = 1;
  let j = 0;
  for (let k = Math.max(N, key.length); k > 0; k--) {
    const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1]!;
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1]!;
      i = 1;
    }
  }
  mt[0] = 0x80000000;
  return mt;
}

function keyOf(seed: number): number[] {
  let n = Math.abs(Math.trunc(seed));
  const key: number[] = [];
  do {
    key.push(n % 0x100000000);
    n = Math.floor(n / 0x100000000);
  } while (n > 0);
  return key;
}

/** random.random() after random.seed(seed), for a non-negative safe integer seed. */
export function pythonRandom(seed: number): Rng {
  const mt = initByArray(keyOf(seed));
  let index = N;
  const next = (): number => {
    if (index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
        mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    let y = mt[index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return (y ^ (y >>> 18)) >>> 0;
  };
  // 53-bit float from two 32-bit draws, as CPython's random_random.
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}
