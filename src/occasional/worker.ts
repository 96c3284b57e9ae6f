/** The occasional worker's entry (see pool.ts): runs a job per message and answers with its id. */
import { parentPort } from 'node:worker_threads';
import { JOBS, type JobName } from './jobs.ts';

type Request = { id: number; job: JobName; input: unknown };

parentPort!.on('message', async (m: Request) => {
  try {
    const run = JOBS[m.job] as (input: unknown) => unknown;
    const output = await run(m.input);
    parentPort!.postMessage({ id: m.id, ok: true, output });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
