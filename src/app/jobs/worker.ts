/**
 * The background job worker. Jobs are rows of `job`, written in the same transaction as the
 * change that causes them (a transactional outbox: see docs/architecture.md, "Notifikasi dan
 * antrean pekerjaan"). `runDueJobs` claims due jobs (FOR UPDATE SKIP LOCKED, with a lease), runs
 * each handler outside any transaction, then marks it done — together with any follow-up jobs it
 * asked for — or records the failure and schedules a retry with backoff, up to MAX_JOB_ATTEMPTS.
 * `startJobWorker` polls every few seconds in the server and runs the deadline scans every five
 * minutes.
 */

import { publicStatsMinCell } from '../../config.ts';
import { claimDueJobs, completeJob, failJob } from '../../db/job.repository.ts';
import { enqueueJobs } from '../../db/notification.repository.ts';
import { nextAttemptAt } from '../../domain/notifications.ts';
import type { Services } from '../context.ts';
import { publishDueSnapshot } from '../stats/publish-snapshot.ts';
import { refreshStats, refreshWorkload } from '../stats/refresh.ts';
import { deliverNotification, deliverWhatsApp, JobFailure, type JobResult } from './deliver-notification.ts';
import { runScans } from './scans.ts';

type Handler = (svc: Services, payload: Record<string, unknown>) => Promise<JobResult>;

export const JOB_HANDLERS: Record<string, Handler> = {
  'notification.deliver': deliverNotification,
  'notification.whatsapp': deliverWhatsApp,
};

/** How long a claimed job is leased to its worker before another may take it over. */
export const JOB_LEASE_MS = 5 * 60_000;
const BATCH = 10;

/** A failure description safe to store: no personal data (see JobFailure). */
function describe(e: unknown): string {
  if (e instanceof JobFailure) return e.message;
  const err = e as { name?: unknown; code?: unknown };
  return `${typeof err?.name === 'string' ? err.name : 'Error'}${typeof err?.code === 'string' ? ` ${err.code}` : ''}`;
}

/**
 * Runs due jobs until none is due or `limit` have run; returns how many ran (done or failed).
 * Follow-up jobs that are due at once run in the same call.
 */
export async function runDueJobs(svc: Services, limit = 50): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const now = svc.clock();
    const lease = new Date(now.getTime() + JOB_LEASE_MS);
    const jobs = await svc.conn.db
      .transaction()
      .execute((trx) => claimDueJobs(trx, now, lease, Math.min(BATCH, limit - ran)));
    if (jobs.length === 0) break;
    for (const job of jobs) {
      ran++;
      const handler = JOB_HANDLERS[job.kind];
      try {
        if (!handler) throw new JobFailure(`unknown job kind ${job.kind.slice(0, 50)}`);
        const result = await handler(svc, job.payload);
        const at = svc.clock();
        await svc.conn.db.transaction().execute(async (trx) => {
          if (await completeJob(trx, job.id, job.lockedUntil, at))
            await enqueueJobs(
              trx,
              (result?.followUps ?? []).map((f) => ({ ...f, runAt: at })),
              at,
            );
        });
      } catch (e) {
        const at = svc.clock();
        const attempts = job.attempts + 1;
        const error = describe(e);
        const retryAt = handler ? nextAttemptAt(attempts, at) : null;
        svc.log.warn(
          { jobId: job.id, kind: job.kind, attempts, error, retryAt: retryAt?.toISOString() ?? null },
          retryAt ? 'job failed, will retry' : 'job failed, given up',
        );
        await failJob(svc.conn.db, job.id, job.lockedUntil, { attempts, error, retryAt, at });
      }
    }
  }
  return ran;
}

export type JobWorker = { stop(): Promise<void> };

/**
 * Polls for due jobs every `pollMs` and runs the deadline scans every `scanMs` (the first scan
 * right away). `stop()` ends the loop after the current round.
 */
export function startJobWorker(
  svc: Services,
  opts: { pollMs?: number; scanMs?: number; batch?: number; publicStatsMinCell?: number } = {},
): JobWorker {
  const pollMs = opts.pollMs ?? 5_000;
  const scanMs = opts.scanMs ?? 5 * 60_000;
  let stopped = false;
  let lastScan = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const round = async () => {
    try {
      if (Date.now() - lastScan >= scanMs) {
        lastScan = Date.now();
        const r = await runScans(svc);
        if (r.referralsOverdue + r.agreementsEnding + r.caseTaskNotices > 0)
          svc.log.info(r, 'deadline scan sent notices');
        // the caseload now (open cases, overdue tasks) of the dashboard, with the same clock
        await refreshWorkload(svc);
        // the public statistics' monthly snapshot, once the last whole month is over (decision 026)
        await publishDueSnapshot(svc, opts.publicStatsMinCell ?? publicStatsMinCell());
      }
      await runDueJobs(svc, opts.batch ?? 50);
      // the figures of the months whose cases changed (decision 024); a few per round
      await refreshStats(svc, 20);
    } catch (e) {
      svc.log.error({ err: (e as Error).message }, 'job worker round failed');
    }
  };
  const tick = () => {
    if (stopped) return;
    current = round().finally(() => {
      if (!stopped) timer = setTimeout(tick, pollMs);
    });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
