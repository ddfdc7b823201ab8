// Start-up of the installed CLI (bin/symprop.js, compiled JavaScript from dist/), against
// `node -e 0` measured in the same loop: each round runs every command once, in turn, so
// that a noisy machine slows them all alike. Reported: the median over the rounds, and the
// median of the per-round differences to `node -e 0`, with issue 12's targets.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface Command {
  readonly label: string;
  readonly argv: readonly string[];
  /** The most it may add to `node -e 0`, in seconds. */
  readonly target: number;
}

const COMMANDS: readonly Command[] = [
  { label: 'symprop --version', argv: ['bin/symprop.js', '--version'], target: 0.1 },
  { label: 'symprop --help', argv: ['bin/symprop.js', '--help'], target: 0.1 },
  { label: 'symprop derive --expr "log(x*y)" --wrt x', argv: ['bin/symprop.js', 'derive', '--expr', 'log(x*y)', '--wrt', 'x'], target: 0.4 },
  { label: 'symprop check --expr "x^2" --wrt x --claim "2x"', argv: ['bin/symprop.js', 'check', '--expr', 'x^2', '--wrt', 'x', '--claim', '2x'], target: 0.4 },
  { label: 'symprop codegen examples/circles.json', argv: ['bin/symprop.js', 'codegen', 'examples/circles.json'], target: 0.5 },
];
const BASELINE = ['-e', '0'];

const seconds = (argv: readonly string[]): number => {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`startup bench: node ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return (performance.now() - t) / 1000;
};
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface StartupRow {
  readonly label: string;
  readonly median: number;
  readonly added: number;
  readonly target: number;
}

export function measureStartup(rounds = 11): { baseline: number; rows: StartupRow[] } {
  if (!existsSync('dist/cli/main.js')) throw new Error('startup bench: dist/ is missing; run `npm run build`');
  for (const c of COMMANDS) seconds(c.argv); // warm the file cache
  const base: number[] = [];
  const times = COMMANDS.map(() => [] as number[]);
  const added = COMMANDS.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    const b = seconds(BASELINE);
    base.push(b);
    COMMANDS.forEach((c, i) => {
      const t = seconds(c.argv);
      times[i]!.push(t);
      added[i]!.push(t - b);
    });
  }
  return {
    baseline: median(base),
    rows: COMMANDS.map((c, i) => ({ label: c.label, median: median(times[i]!), added: median(added[i]!), target: c.target })),
  };
}

export function startupSection(): string {
  const rounds = 11;
  const { baseline, rows } = measureStartup(rounds);
  return [
    '### Start-up',
    `The installed CLI (compiled JavaScript), each command run ${rounds} times in turn with \`node -e 0\` ` +
      `(median ${(baseline * 1000).toFixed(0)} ms); "added" is the median per-round difference to it.`,
    '',
    '| command | median ms | added ms | target: at most | |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| \`${r.label.replace(/\|/g, '\\|')}\` | ${(r.median * 1000).toFixed(0)} | ${(r.added * 1000).toFixed(0)} | ${(r.target * 1000).toFixed(0)} | ${r.added <= r.target ? 'met' : '**missed**'} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(startupSection());
