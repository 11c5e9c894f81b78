// The "x % of systems change state each minute" fleet of `npm run bench:alerts` (pure, so it is
// unit-tested): system i of N is down during minute m when its place on a scrambled cycle,
// shifted by m·F, falls inside a window of D·F places. Each minute the window moves on by F
// places: exactly F systems enter it (go down) and exactly F leave it (recover), so exactly
// 2F = pct % of N systems change state every minute, each outage lasts D minutes, and D·F
// systems are down at any time. The scramble (i·A mod N, A coprime with N) spreads a minute's
// changes across clients instead of taking neighbours (one client's systems are consecutive).

export interface FlipPlan {
  systems: number;
  /** Systems going down each minute (as many recover): F. */
  perMinute: number;
  /** Minutes an outage lasts: D. */
  outageMinutes: number;
  /** The scramble's multiplier, coprime with `systems`. */
  multiplier: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** `pct`: the share of systems that change state each minute (half go down, half recover). */
export function flipPlan(systems: number, pct: number, outageMinutes = 5): FlipPlan {
  if (!Number.isInteger(systems) || systems < 1) throw new RangeError("systems must be a positive integer");
  if (!Number.isInteger(outageMinutes) || outageMinutes < 1) throw new RangeError("outageMinutes must be a positive integer");
  const perMinute = Math.round((pct / 100) * systems / 2);
  // A window plus one step must fit the cycle, or a system would be "entering" and "leaving" at once.
  if (perMinute * (outageMinutes + 1) > systems) throw new RangeError(`${pct} % of ${systems} systems with ${outageMinutes}-minute outages does not fit: lower the share or the outage length`);
  let multiplier = 7919; // a prime: coprime with most N; otherwise the next one that is
  while (gcd(multiplier, systems) !== 1) multiplier += 2;
  return { systems, perMinute, outageMinutes, multiplier };
}

/** Whether system i is down during minute `minute` (minutes since the epoch, or any counter). */
export function isDown(plan: FlipPlan, i: number, minute: number): boolean {
  const n = plan.systems;
  const place = (((i % n) * plan.multiplier) % n + ((minute % n) * plan.perMinute) % n) % n;
  return place < plan.perMinute * plan.outageMinutes;
}
