/**
 * The demo's trainings (issue 12 §2): Lebak and Kota Serang each have four events in 2026 with
 * demo users attending and some completing, required trainings set by the Dinas, and a gap view
 * that names the few case staff still missing one — each region its own only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';
import { pdfText } from '../helpers/pdf-text.ts';

describe.each(ENGINES)('demo trainings (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  for (const [slug, code] of [
    ['lebak', '36.02'],
    ['serang', '36.73'],
  ] as const)
    it(`gives ${slug} events, completions, requirements and a few gaps`, async () => {
      const m = await h.as(`manajer@${slug}.demo`);
      const events = (await m.get('/api/v1/training/events?year=2026')).body;
      expect(events.items).toHaveLength(4);
      for (const e of events.items) expect(e.jurisdiction).toBe(code);
      expect(
        events.items.reduce((n: number, e: { completed: number }) => n + e.completed, 0),
      ).toBeGreaterThan(4);
      const req = (await m.get('/api/v1/training/requirements')).body;
      expect(req.items.length).toBeGreaterThanOrEqual(2);
      const gaps = (await m.get('/api/v1/training/gaps')).body;
      const missing = gaps.people.flatMap((p: { name: string; missing: unknown[] }) => p.missing);
      expect(gaps.people.length).toBeGreaterThanOrEqual(1);
      expect(missing.length).toBeGreaterThanOrEqual(2);
      expect(gaps.people.every((p: { org: { name: string } }) => p.org.name.length > 0)).toBe(true);
      // a demo user's own record holds a completed training with its certificate
      const mine = (await m.get('/api/v1/training/records/me')).body;
      expect(mine.items.some((i: { certificate: boolean }) => i.certificate)).toBe(true);
      // its certificate is signed by the Dinas's head by name (the demo letterhead), not a blank line
      const done = mine.items.find((i: { certificate: boolean }) => i.certificate);
      const pid = (await m.get(`/api/v1/training/events/${done.eventId}/participants`)).body.items.find(
        (p: { userId: string | null; name: string }) => p.userId !== null && p.name === mine.person.name,
      ).id;
      const r = await h.app.request(
        `/api/v1/training/events/${done.eventId}/participants/${pid}/certificate.pdf`,
        {
          headers: { cookie: m.cookie!, 'x-requested-with': 'simpul' },
        },
      );
      expect(r.status).toBe(200);
      const text = (await pdfText(new Uint8Array(await r.arrayBuffer()))).replace(/\s+/g, ' ');
      expect(text).toContain(slug === 'lebak' ? 'Ratna Kusumawati' : 'Hendra Saputra');
      expect(text).not.toContain('……');
    });
});
