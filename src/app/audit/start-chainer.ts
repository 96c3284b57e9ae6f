/**
 * The server's audit loop (decision 017): every CHAIN_INTERVAL_MS it writes the counted
 * rejections of the minutes that are over, then chains the rows committed since. Every Simpul
 * process runs it; only one chains at a time (the others find the lock taken and skip the
 * round). `stop()` finishes the round, writes the counts of the current minute, chains what is
 * left and writes a checkpoint.
 */
import { CHAIN_INTERVAL_MS } from '../../domain/audit-chain.ts';
import type { Services } from '../context.ts';
import { chainAudit } from './chain-audit.ts';
import { flushRejections } from './record-rejection.ts';

export type AuditChainer = { stop(): Promise<void> };

export function startAuditChainer(svc: Services, opts: { intervalMs?: number } = {}): AuditChainer {
  const intervalMs = opts.intervalMs ?? CHAIN_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let failing = false;

  const round = async (last: boolean) => {
    try {
      await flushRejections(svc, { all: last });
      await chainAudit(svc, { checkpoint: last ? 'now' : 'due' });
      failing = false;
    } catch (e) {
      // one line per outage, not one per second
      if (!failing) svc.log.error({ err: (e as Error).message }, 'audit chainer round failed');
      failing = true;
    }
  };
  const tick = () => {
    if (stopped) return;
    current = round(false).finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      await round(true);
    },
  };
}
