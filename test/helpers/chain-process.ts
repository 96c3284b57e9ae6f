/**
 * A second (third …) Simpul process that only runs the audit chainer against a PostgreSQL
 * database, for the test of two chainers at once (test/integration/audit-chain.test.ts).
 * Env: DATABASE_URL, SIMPUL_ENCRYPTION_KEY (base64), CHAIN_UNTIL (epoch ms). Chains every few
 * milliseconds until CHAIN_UNTIL, then until nothing is left; prints {chained, busy, refused}.
 */
import { chainAudit } from '../../src/app/audit/chain-audit.ts';
import type { Services } from '../../src/app/context.ts';
import { Keyring } from '../../src/app/crypto.ts';
import { connect } from '../../src/db/connect.ts';
import { createLogger } from '../../src/logger.ts';

const conn = await connect({ databaseUrl: process.env.DATABASE_URL });
const svc: Services = {
  conn,
  keys: new Keyring(Buffer.from(process.env.SIMPUL_ENCRYPTION_KEY ?? '', 'base64')),
  clock: () => new Date(),
  log: createLogger('silent'),
};
const until = Number(process.env.CHAIN_UNTIL);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
let chained = 0;
let busy = 0;
let refused = 0;
const once = async () => {
  const r = await chainAudit(svc, { checkpoint: 'never' });
  chained += r.chained;
  if (r.busy) busy++;
  if (r.refused) refused++;
  return r;
};
while (Date.now() < until) {
  await once();
  await pause(2);
}
for (;;) {
  const r = await once();
  if (r.refused) break;
  if (r.busy) {
    await pause(10);
    continue;
  }
  if (r.chained === 0) break;
}
await conn.close();
process.stdout.write(`${JSON.stringify({ chained, busy, refused })}\n`);
