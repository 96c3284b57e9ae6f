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
