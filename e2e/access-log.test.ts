/**
 * A readable access log in the browser (issue 8 §5): the Lebak case manager opens a case's access
 * log and reads, in words, that the police PPA unit's partner user read the sections a referral
 * shared; the auditor filters the audit log by name and kind of action and downloads the CSV.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { caseWithVictim, signIn, signOut } from './helpers/flows.ts';
import { notSee, see, seePath, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const SHARED = 'membaca bagian yang dibagikan pada rujukan (identitas, kronologi)';
const POLICE = 'Unit PPA Polres Lebak';

let env: E2E;
let caseId = '';
let referralNumber = '';

beforeAll(async () => {
  env = await start({ cases: 0 });
  const db = env.h.svc.conn.db;
  const police = await db
    .selectFrom('organisation')
    .select('id')
    .where('name', '=', POLICE)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('organisation')
    .set({ services: ['lapor_polisi'] })
    .where('id', '=', police.id)
    .execute();
  const c = await caseWithVictim(env, { name: 'Melati Kusumawardani', birthDate: '1994-05-02' });
  caseId = c.id;
  const r = await c.api.post(`/api/v1/cases/${caseId}/referrals`, {
    personId: c.victimId,
    toOrgId: police.id,
    services: ['lapor_polisi'],
    urgency: 'segera',
    purpose: 'Laporan polisi (uji e2e log akses).',
    sections: ['identitas', 'kronologi'],
    consent: { basis: 'persetujuan_korban', givenBy: 'Korban sendiri', givenAt: new Date().toISOString() },
  });
  expect(r.status, `refer: ${JSON.stringify(r.body)}`).toBe(201);
  referralNumber = r.body.number;
  // the partner opens the referral (as the referrals page would) and so reads what was shared
  const mitra = await env.api('mitra@lebak.demo');
  expect((await mitra.get(`/api/v1/referrals/${r.body.id}`)).status).toBe(200);
});

afterAll(async () => {
  await stop(env);
});

describe('who saw this person’s data', () => {
  test("the case manager sees the partner's read of the shared sections, in words", async () => {
    const { page } = await env.newPage();
    await signIn(page, 'manajer@lebak.demo');
    await step('open the case and its access-log tab', async () => {
      await page.goto(`/kasus/${caseId}`);
      await page
        .getByRole('navigation', { name: 'Bagian kasus' })
        .getByRole('link', { name: 'Log akses', exact: true })
        .click();
      await see(page, page.getByRole('heading', { name: 'Siapa melihat data orang ini' }), 'the access log');
    });
    const partner = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: /Demo mitra lebak/ }) });
    await step('the partner’s card says who, from where, and what was read', async () => {
      await see(page, partner, 'a card for the police partner user');
      await see(page, partner.getByText('Lembaga mitra', { exact: true }), 'the partner badge');
      await see(page, partner.getByText(POLICE).first(), 'the partner’s organisation');
      await see(page, partner.getByText(SHARED), 'the shared sections read, in words');
      await see(
        page,
        partner.getByText(`rujukan ${referralNumber} ke ${POLICE}`, { exact: false }),
        'which referral',
      );
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text, 'no raw action codes').not.toContain('referral.read');
      expect(text, 'no victim name, initials at most').not.toContain('Kusumawardani');
    });
    await step('filter by person: only the partner remains', async () => {
      await page
        .getByLabel('Orang', { exact: true })
        .selectOption({ label: `Demo mitra lebak — Petugas lembaga mitra, ${POLICE} (Lembaga mitra)` });
      await notSee(
        page,
        page.getByRole('heading', { name: /Demo manajer lebak/ }),
        'the case manager’s own card',
      );
      await see(page, partner.getByText(SHARED), 'the partner’s read still shown');
    });
  });

  test('the auditor filters by name and kind of action and downloads the CSV', async () => {
    const { page } = await env.newPage({ acceptDownloads: true });
    await signIn(page, 'auditor@lebak.demo', { home: null });
    await page.goto('/audit');
    await see(page, page.getByRole('heading', { name: 'Log audit', level: 1 }), 'the audit log page');
    await step('filter by name and “viewing case and victim data”', async () => {
      await page.getByLabel('Nama pelaku', { exact: true }).fill('mitra lebak');
      await page
        .getByLabel('Jenis tindakan', { exact: true })
        .selectOption({ label: 'Melihat data kasus dan korban' });
      await page.getByRole('button', { name: 'Terapkan filter' }).click();
      const row = page.getByRole('row').filter({ hasText: SHARED });
      await see(page, row, 'the partner’s read as a row in words');
      await see(
        page,
        row.getByText(POLICE, { exact: false }).first(),
        'the partner’s organisation on the row',
      );
      await notSee(
        page,
        page.getByRole('row').filter({ hasText: 'Demo manajer lebak' }),
        'other people’s rows',
      );
    });
    await step('download the CSV of what is shown', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Unduh CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^log-audit-3602-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = await readFile(await download.path());
      expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.split('\r\n')[0]).toBe(
        'Waktu (WIB),Pelaku,Peran,Lembaga,Tindakan,Data,Hasil,Alamat IP,Kode tindakan,Jenis data,ID data,Nomor catatan audit',
      );
      expect(text).toContain(SHARED);
      expect(text).toContain(`Demo mitra lebak,Petugas lembaga mitra,${POLICE}`);
      expect(text).not.toContain('Demo manajer lebak');
    });
  });
});

describe('signing out in one tab', () => {
  test('ends the session in the other tab too: the case leaves the screen', async () => {
    const { context, page } = await env.newPage();
    await signIn(page, 'manajer@lebak.demo');
    await page.goto(`/kasus/${caseId}`);
    const heading = (p: typeof page) => p.getByRole('heading', { level: 1, name: /PPA-3602-/ });
    await see(page, heading(page), 'the case in the first tab');
    const other = await context.newPage();
    await other.goto(`/kasus/${caseId}/orang`);
    await see(other, other.getByText('Melati Kusumawardani').first(), 'the victim’s name in the second tab');
    await signOut(page);
    // no click, no navigation in the second tab: it leaves the case by itself
    await seePath(other, /^\/masuk(\?|$)/, 'the second tab goes to the sign-in page');
    await notSee(other, other.getByText('Melati Kusumawardani'), 'the victim’s name in the second tab');
    await notSee(other, heading(other), 'the case in the second tab');
  });
});
