/** Field errors say what is wrong: missing is `required`, wrong type or choice is not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHarness, type Harness } from '../helpers/harness.ts';

describe('field error codes', () => {
  let h: Harness;
  let m: Client;
  beforeAll(async () => {
    h = await createHarness('pglite');
    m = await h.as('manajer@lebak.demo');
  });
  afterAll(async () => h?.close());

  it('a missing choice is required, a wrong one is not', async () => {
    expect((await m.post('/api/v1/cases', {})).body.error.fieldCodes).toEqual({ channel: 'required' });
    expect((await m.post('/api/v1/cases', { channel: 'merpati' })).body.error.fieldCodes).toEqual({
      channel: 'invalid_value',
    });
    expect((await m.post('/api/v1/cases', { channel: 7 })).body.error.fieldCodes.channel).not.toBe(
      'required',
    );
    expect(
      (await m.post('/api/v1/cases', { channel: 'telepon', risk: 5 })).body.error.fieldCodes.risk,
    ).not.toBe('required');
  });

  it('the staff intake form reports every problem at once', async () => {
    const r = await m.post('/api/v1/intake', { channel: 'telepon', contactMethod: 'telepon' });
    expect(r.status).toBe(400);
    expect(r.body.error.fieldCodes).toMatchObject({
      reporterType: 'required',
      description: 'what_happened_required',
      contactPhone: 'required',
      consentContact: 'consent_required',
    });
  });
});
