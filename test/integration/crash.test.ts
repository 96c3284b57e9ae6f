/**
 * Nothing acknowledged is lost (invariant 4): kill -9 while reporters flood /lapor, on both
 * engines; after the restart every report that was answered 303 (its receipt) is stored. The
 * long version with several cycles is `npm run soak` (bench/soak.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashInstallation } from '../../bench/soak.ts';
import { ENGINES } from '../helpers/harness.ts';

describe.each(ENGINES)('kill -9 during a report flood on %s', (engine) => {
  let inst: Awaited<ReturnType<typeof crashInstallation>>;
  beforeAll(async () => {
    inst = await crashInstallation(engine === 'postgres' ? process.env.TEST_DATABASE_URL : undefined);
  });
  afterAll(() => inst?.dispose());

  it('loses no acknowledged report', async () => {
    const r = await inst.cycle({ reporters: 8, killAfterMs: 2_500 });
    expect(r.acknowledged).toBeGreaterThan(10); // a real flood, not a trickle
    expect(r.lost).toEqual([]);
    expect(r.stored).toBeGreaterThanOrEqual(r.acknowledged);
  }, 240_000);
});
