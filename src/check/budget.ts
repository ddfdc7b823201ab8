// The checker's budget: work, counted in units (ball-eval.ts: an arithmetic op at 60 digits
// is 1, a series such as exp 100; a float evaluation of a program 1 per 200 nodes; a draw 1),
// never in time, so that a verdict is the same on an idle machine and on a loaded one. Work
// done once and cached (a network's probe points, shared by every claim about it) is charged
// to every claim that uses it, once, as if that claim had done it afresh: a claim's verdict
// cannot depend on which claims were judged before it.
//
// A wall-clock limit remains as a safety net only, far above any real claim: SAFETY_NET_MS.

/** Work units per claim: the existing claims use a few hundred thousand at most. */
export const WORK_BUDGET = 4_000_000;
/** The safety net: a claim still running after a minute is stopped (undecided, with that reason). */
export const SAFETY_NET_MS = 60_000;

export class OutOfBudget extends Error {}

/** Whatever work is charged to. */
export interface Spend {
  spend(units: number): void;
  /** Charge a cached result's cost, once per claim however often the claim reads it (as a fresh computation would). */
  once(result: object, units: number): void;
}

/** Work counted without a limit: what a cached computation cost, to charge it on each use. */
export class CountingWork implements Spend {
  used = 0;
  private readonly seen = new WeakSet<object>();
  spend(units: number): void {
    this.used += units;
  }
  once(result: object, units: number): void {
    if (this.seen.has(result)) return;
    this.seen.add(result);
    this.spend(units);
  }
}

export class Work implements Spend {
  private spent = 0;
  private readonly deadline: number;
  private nextClockCheck = 0;

  constructor(
    readonly budget = WORK_BUDGET,
    private readonly safetyNetMs = SAFETY_NET_MS,
  ) {
    this.deadline = Date.now() + safetyNetMs;
  }

  private readonly seen = new WeakSet<object>();

  get used(): number {
    return this.spent;
  }

  once(result: object, units: number): void {
    if (this.seen.has(result)) return;
    this.seen.add(result);
    this.spend(units);
  }

  /** Charge `units`; throws OutOfBudget past the budget (or, as a safety net only, the deadline). */
  spend(units: number): void {
    this.spent += units;
    if (this.spent > this.budget) throw new OutOfBudget(`work budget of ${this.budget} units exhausted`);
    if (this.spent >= this.nextClockCheck) {
      this.nextClockCheck = this.spent + 10_000;
      if (Date.now() >= this.deadline) throw new OutOfBudget(`safety net: still running after ${this.safetyNetMs / 1000} s (the work budget counts work, this limit time)`);
    }
  }
}
