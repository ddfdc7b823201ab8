// The one door to cli/heavy.ts: a dynamic import, which the build turns into a chunk that
// only a running command loads.
export const load = (): Promise<typeof import('./heavy.ts')> => import('./heavy.ts');
