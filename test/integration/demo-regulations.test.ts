/**
 * The demo's regulations and three-party agreement (issue 12 §5): Lebak (a kabupaten: Perbup) and
 * Kota Serang (Perwal) each have the KLA/child-protection regulation with its PDF, an SK Gugus
 * Tugas KLA due for review soon, an SK Satgas PPA; the police PKS has three parties (the Dinas,
 * the police PPA unit, the UPTD PPA): the police staff see it, the hospital's (not a party) do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/time.ts';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('demo regulations and agreements (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  for (const [slug, code, perkada] of [
    ['lebak', '36.02', 'perbup'],
    ['serang', '36.73', 'perwal'],
  ] as const)
    it(`gives ${slug} its ${perkada} with its text, an SK Gugus Tugas KLA due for review, an SK Satgas PPA`, async () => {
      const c = await h.as(`pimpinan@${slug}.demo`);
      const r = await c.get('/api/v1/regulations');
      expect(r.status).toBe(200);
      type Reg = {
        id: string;
        kind: string;
        jurisdiction: string;
        status: string;
        title: string;
        file: { mime: string } | null;
        next: { kind: string; due: boolean } | null;
      };
      const items = r.body.items as Reg[];
      expect(items.every((x) => x.jurisdiction === code)).toBe(true);
      const main = items.find((x) => x.kind === perkada && x.status === 'berlaku')!;
      expect(main.title).toMatch(/Layak Anak/);
      expect(main.file?.mime).toBe('application/pdf');
      const pdf = await h.app.request(`/api/v1/regulations/${main.id}/file`, {
        headers: { cookie: c.cookie! },
      });
      expect(pdf.status).toBe(200);
      expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
      expect(items.find((x) => x.kind === 'sk_gugus_tugas_kla')?.next).toMatchObject({
        kind: 'review',
        due: true,
      });
      expect(items.some((x) => x.kind === 'sk_satgas_ppa')).toBe(true);
      expect(items.some((x) => x.status === 'diganti')).toBe(true);
      const due = await c.get('/api/v1/regulations?due=1');
      expect(due.body.items.map((x: Reg) => x.kind)).toEqual(['sk_gugus_tugas_kla']);

      const police = await h.as(`mitra@${slug}.demo`);
      const hospital = await h.as(`rsud@${slug}.demo`);
      const mine = (await police.get('/api/v1/agreements')).body.items as Array<{
        id: string;
        partyOrgs: Array<{ role: string; orgType: string }>;
      }>;
      const three = mine.find((a) => a.partyOrgs.length === 3)!;
      expect(three.partyOrgs.map((p) => [p.role, p.orgType])).toEqual([
        ['pihak_pertama', 'dinas_pppa'],
        ['pihak_kedua', 'polisi_ppa'],
        ['pihak_ketiga', 'uptd_ppa'],
      ]);
      expect((await hospital.get(`/api/v1/agreements/${three.id}`)).status).toBe(404);
      const seen = (await c.get(`/api/v1/agreements/${three.id}`)).body;
      expect(seen.meetingId).toBeTruthy();
      expect(seen.meeting.title).toBeTruthy();
      // decided at the rakor, so it starts on or after the rakor's day (not a year before it)
      expect(seen.startsOn >= localDate(new Date(seen.meeting.startsAt), code)).toBe(true);
      // the subjects are words, never service codes
      const all = (await c.get('/api/v1/agreements')).body.items as Array<{ subject: string }>;
      for (const a of all) expect(a.subject).not.toMatch(/\(\w*_\w*\)|rumah_aman/);
    });
});
