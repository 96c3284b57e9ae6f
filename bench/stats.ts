/** Timing helpers of the benches: the 95th percentile of repeated runs, after a warm-up. */
export function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)] ?? 0;
}

/** p95 in ms of `n` runs of `fn`, after 5 unmeasured ones. */
export async function timeP95(fn: () => Promise<unknown>, n: number): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return p95(xs);
}

/** p95 in ms of `a` and of `b`, run alternately `n` times each after 5 unmeasured pairs. */
export async function timePairP95(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  n: number,
): Promise<[number, number]> {
  for (let i = 0; i < 5; i++) {
    await a();
    await b();
  }
  const xa: number[] = [];
  const xb: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await a();
    xa.push(performance.now() - t);
    t = performance.now();
    await b();
    xb.push(performance.now() - t);
  }
  return [p95(xa), p95(xb)];
}
