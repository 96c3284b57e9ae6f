/**
 * The demo's meetings (src/app/demo/meetings.ts): Lebak and Kota Serang each have a rakor held
 * last month with attendance of partners, final minutes, four decisions with follow-ups in every
 * status (one escalated), owned by partners whose demo users see and update them; and a case
 * conference over a demo case whose case part only the case's readers see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('demo meetings on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine, { cases: 3 });
  });
  afterAll(async () => h?.close());

  it.each(['lebak', 'serang'])(
    '%s: a rakor with decisions and follow-ups in every status, a case conference',
    async (slug) => {
      const c = await h.as(`manajer@${slug}.demo`);
      const list = (await c.get('/api/v1/meetings')).body.items;
      const rakor = list.find((m: { kind: string }) => m.kind === 'rakor_lintas_sektor');
      expect(rakor).toMatchObject({ status: 'selesai', decisions: 4 });
      const m = (await c.get(`/api/v1/meetings/${rakor.id}`)).body;
      expect(m.participants.filter((p: { attended: boolean }) => p.attended).length).toBeGreaterThanOrEqual(
        4,
      );
      expect(m.minutes).toContain('Kepala Dinas');
      const fus = m.decisions.flatMap((d: { followups: unknown[] }) => d.followups);
      expect(new Set(fus.map((f: { status: string }) => f.status))).toEqual(
        new Set(['belum', 'berjalan', 'selesai', 'batal']),
      );
      expect(fus.filter((f: { escalated: boolean }) => f.escalated)).toHaveLength(1);
      // the police unit's staff see and may update their organisation's follow-ups
      const mitra = await h.as(`mitra@${slug}.demo`);
      const own = (await mitra.get('/api/v1/followups?mine=true')).body.items;
      expect(own.length).toBe(2);
      expect(own.every((f: { mayUpdate: boolean }) => f.mayUpdate)).toBe(true);
      const rsud = (await (await h.as(`rsud@${slug}.demo`)).get('/api/v1/followups')).body.items;
      expect(rsud.length).toBe(3);
      // the case conference: the manager reads its case part, the leadership does not
      const cc = list.find((x: { kind: string }) => x.kind === 'case_conference');
      const parts = (await c.get(`/api/v1/meetings/${cc.id}/cases`)).body;
      expect(parts.items).toHaveLength(1);
      const lead = await h.as(`pimpinan@${slug}.demo`);
      expect((await lead.get(`/api/v1/meetings/${cc.id}`)).body.caseParts).toEqual({ total: 1, hidden: 1 });
      // its final minutes record who attended (review 12)
      const ccSeen = (await c.get(`/api/v1/meetings/${cc.id}`)).body;
      expect(
        ccSeen.participants.filter((p: { attended: boolean }) => p.attended).length,
      ).toBeGreaterThanOrEqual(2);
      // the police unit's staff hold the notice of their follow-up 10 days late (review 14)
      const late = fus.find((f: { overdueDays: number; ownerOrgName: string }) => f.overdueDays === 10);
      const notices = (await mitra.get('/api/v1/notifications')).body.items;
      expect(
        notices.filter(
          (n: { kind: string; link: string }) =>
            n.kind === 'tindak_lanjut_terlambat' && n.link === `/rapat/tindak-lanjut/${late.id}`,
        ),
      ).toHaveLength(1);
    },
  );
});
