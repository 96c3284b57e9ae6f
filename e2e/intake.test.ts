/**
 * The triage inbox the way an intake officer at the Lebak UPTD PPA works it: a report comes in,
 * she finds it at the top of "Pengaduan masuk" marked as dangerous, sees that an existing case has
 * the same phone number, marks the risk high and turns the report into a case with the victim and
 * the incident carried over. A second report concerns Kota Serang: she forwards it there, it
 * leaves her inbox and turns up in the Serang officer's.
 */
import { createHmac } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backgroundSettled } from '../src/app/background.ts';
import { type FakeGraph, startFakeGraph } from '../test/helpers/fake-graph.ts';
import { caseWithVictim, fact, menuLink, signIn } from './helpers/flows.ts';
import { notSee, see, seePath, seeText, step } from './helpers/see.ts';
import { type ApiClient, type E2E, start, stop } from './helpers/server.ts';

let env: E2E;
let graph: FakeGraph;
const WA = {
  appSecret: 'rahasia-aplikasi-e2e',
  accessToken: 'EAAG-token-e2e',
  phoneNumberId: '109876543210',
};

beforeAll(async () => {
  env = await start({ cases: 0 });
  // WhatsApp switched on for this server, sending to a local fake Graph API
  graph = await startFakeGraph(WA.accessToken);
  env.h.svc.whatsapp = {
    verifyToken: 'verifikasi-e2e',
    appSecret: WA.appSecret,
    accessToken: WA.accessToken,
    phoneNumberId: WA.phoneNumberId,
    graphUrl: graph.url,
    defaultRegion: '36.02',
  };
});

afterAll(async () => {
  if (env) await backgroundSettled(env.h.svc);
  await stop(env);
  await graph?.close();
});

async function openInbox(page: Page): Promise<void> {
  await (await menuLink(page, 'Pengaduan masuk')).click();
  await seePath(page, '/pengaduan', 'the inbox');
  await see(page, page.getByRole('heading', { name: 'Pengaduan masuk', level: 1 }), 'the inbox heading');
}

/** The inbox row of the item with this follow-up code. */
function inboxRow(page: Page, code: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: code, exact: true }) });
}

/** An officer records a report through the API (a hotline call), as the public form is not wired yet. */
async function recordReport(client: ApiClient, body: Record<string, unknown>) {
  const r = await client.post('/api/v1/intake', body);
  expect(r.status, `POST /intake: ${JSON.stringify(r.body)}`).toBe(201);
  return r.body as { id: string; code: string };
}

describe('triage inbox', () => {
  test('a dangerous report with a possible existing case is marked high risk and becomes a case', async () => {
    const PHONE = '081399990001';
    const VICTIM = 'Putri Anggraini';
    const STORY = 'Anak dipukul ayah tirinya hampir setiap malam (uji e2e).';

    const existing = await step('an existing case whose victim has the same phone', async () =>
      caseWithVictim(env, { name: 'Kartini Wulandari', birthDate: '1988-02-11', phone: PHONE }),
    );

    const report = await step('a hotline call comes in: someone is in danger now', async () =>
      recordReport(await env.api('manajer@lebak.demo'), {
        channel: 'telepon',
        callType: 'laporan_baru_tindak_lanjut',
        reporterType: 'orang_lain',
        reporterName: 'Bu Sari (tetangga)',
        reporterRelation: 'Tetangga',
        contactMethod: 'telepon',
        contactPhone: '081288887777',
        consentContact: true,
        victimName: VICTIM,
        victimPhone: PHONE,
        victimSex: 'perempuan',
        victimAgeGroup: 'anak_13_17',
        forms: ['fisik'],
        description: STORY,
        regionCode: '36.02.01',
        dangerNow: true,
      }),
    );

    const { page } = await env.newPage();
    await signIn(page, 'pengaduan@lebak.demo');

    await step('the home page counts the open reports', async () => {
      const block = page.getByRole('region', { name: 'Pengaduan masuk' });
      await see(page, block, 'the "Pengaduan masuk" block on the home page');
      await see(page, block.getByText(/\d+ pengaduan terbuka/), 'the number of open reports');
    });

    await step('the report is in the inbox, marked "Bahaya sekarang"', async () => {
      await openInbox(page);
      const row = inboxRow(page, report.code);
      await see(page, row, `the inbox row of ${report.code}`);
      await see(page, row.getByText('Bahaya sekarang', { exact: true }), 'the danger-now badge');
      await see(page, row.getByText('Risiko belum dinilai'), 'the risk not yet assessed');
      await see(page, row.getByText('Telepon/hotline'), 'the channel');
      await see(page, row.getByText(/WIB/).first(), 'times in WIB');
      // danger now comes first
      const first = page.getByRole('row').nth(1);
      await see(
        page,
        first.getByRole('link', { name: report.code }),
        'the dangerous report as the first row',
      );
    });

    await step('open it: the facts and the possible existing case', async () => {
      await inboxRow(page, report.code).getByRole('link', { name: report.code }).click();
      await seePath(page, `/pengaduan/${report.id}`, 'the report page');
      await see(
        page,
        page.getByRole('heading', { name: `Pengaduan ${report.code}`, level: 1 }),
        'the report heading',
      );
      await see(page, page.getByText(STORY), 'the account of what happened');
      const dup = page.getByRole('region', { name: 'Kemungkinan kasus yang sudah ada' });
      await see(page, dup.getByRole('link', { name: existing.number }), 'the existing case number');
      await see(page, dup.getByText('Kartini Wulandari'), 'the name on the existing case');
      await see(page, dup.getByText('Nomor telepon sama'), 'why it may be the same: the phone number');
    });

    await step('mark the risk high', async () => {
      const triage = page.getByRole('region', { name: 'Triase' });
      await triage.getByLabel('Tingkat risiko').selectOption({ label: 'Tinggi' });
      await triage.getByRole('button', { name: 'Simpan triase' }).click();
      await see(page, triage.getByRole('status').filter({ hasText: 'Perubahan tersimpan.' }), 'saved');
      await seeText(page, fact(page, 'Status'), /Sedang ditriase/, 'the status after triage');
      await see(page, fact(page, 'Risiko').getByText('Risiko Tinggi'), 'the high-risk badge');
      await see(page, fact(page, 'Batas respons').getByText(/WIB/), 'the response deadline');
    });

    await step('give it to the case manager from the officer list', async () => {
      const triage = page.getByRole('region', { name: 'Triase' });
      await triage.getByLabel('Tugaskan ke petugas').selectOption({ label: 'Demo manajer lebak' });
      await triage.getByRole('button', { name: 'Tugaskan', exact: true }).click();
      await see(page, triage.getByText(/Demo manajer lebak/).first(), 'the case manager as assignee');
    });

    const caseNumber = await step(
      'turn the report into a case, after seeing the existing one again',
      async () => {
        await page.getByRole('button', { name: 'Jadikan kasus' }).click();
        const dialog = page.getByRole('dialog', { name: 'Jadikan kasus' });
        await see(page, dialog, 'the open-case dialog');
        await see(
          page,
          dialog.getByText(/Ada 1 kasus yang mungkin sama/),
          'the warning about the existing case',
        );
        await see(
          page,
          dialog.getByRole('link', { name: existing.number }),
          'the existing case in the dialog',
        );
        await dialog.getByRole('button', { name: 'Ya, jadikan kasus baru' }).click();
        await seePath(page, /^\/kasus\/[0-9a-f-]{36}$/, 'the new case page');
        const heading = page.getByRole('heading', { level: 1 });
        await seeText(page, heading, /PPA-3602-\d{4}-\d{6}/, 'the case number heading');
        const number = ((await heading.textContent()) ?? '').match(/PPA-3602-\d{4}-\d{6}/)![0];
        expect(number, 'a new case, not the existing one').not.toBe(existing.number);
        await seeText(page, fact(page, 'Tingkat risiko'), 'Tinggi', 'the risk carried over');
        return number;
      },
    );

    await step('the victim and the incident were carried over', async () => {
      await page
        .getByRole('navigation', { name: 'Bagian kasus' })
        .getByRole('link', { name: 'Orang' })
        .click();
      const persons = page.getByRole('region', { name: 'Orang', exact: true });
      await see(page, persons.getByText(VICTIM).first(), 'the victim on the new case');
      await see(page, persons.getByText('Bu Sari (tetangga)').first(), 'the reporter on the new case');
      await page
        .getByRole('navigation', { name: 'Bagian kasus' })
        .getByRole('link', { name: 'Kejadian' })
        .click();
      const incidents = page.getByRole('region', { name: 'Kejadian', exact: true });
      await see(
        page,
        incidents.getByText('Fisik', { exact: true }).first(),
        'the form of violence carried over',
      );
      await incidents.getByText('Kronologi', { exact: true }).first().click();
      await see(page, incidents.getByText(STORY).first(), 'the incident chronology on the new case');
    });

    await step('the report is out of the open inbox and points to the case', async () => {
      await openInbox(page);
      await notSee(page, inboxRow(page, report.code), 'the report among the open ones');
      await page.goto(`/pengaduan/${report.id}`);
      await see(page, page.getByText(/sudah selesai ditriase: Menjadi kasus/), 'the outcome notice');
      await see(page, page.getByRole('link', { name: `Buka kasus ${caseNumber}` }), 'the link to the case');
    });
  });

  test('a report for the national level gets a printable SAPA 129 letter that names nobody', async () => {
    const report = await step('a walk-in about a child taken abroad', async () =>
      recordReport(await env.api('manajer@lebak.demo'), {
        channel: 'datang_langsung',
        reporterType: 'orang_lain',
        reporterName: 'Pelapor Rahasia Uji',
        victimSex: 'perempuan',
        victimAgeGroup: 'anak_13_17',
        forms: ['trafficking'],
        description: 'Anak dibawa ke luar negeri (uji e2e).',
        contactMethod: 'tidak',
        dangerNow: false,
      }),
    );
    const { page } = await env.newPage();
    await signIn(page, 'pengaduan@lebak.demo');
    await page.goto(`/pengaduan/${report.id}`);
    await step('refer it to SAPA 129', async () => {
      await page.getByRole('button', { name: 'Rujuk ke SAPA 129 (pusat)' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rujuk ke SAPA 129 (pusat)' });
      await see(page, dialog, 'the national referral dialog');
      await dialog.getByRole('textbox').first().fill('Perlu koordinasi lintas negara.');
      await dialog.getByRole('button', { name: 'Rujuk ke SAPA 129', exact: true }).click();
      await see(page, page.getByRole('link', { name: /surat rujukan ke SAPA 129/ }), 'the letter link');
    });
    await step('the letter carries the code and the reason, and no names', async () => {
      const r = await page.request.get(`/api/v1/intake/${report.id}/letter`);
      const text = await r.text();
      if (
        r.status() !== 200 ||
        !text.includes(report.code) ||
        !text.includes('Perlu koordinasi lintas negara.')
      ) {
        throw new Error(`letter not as expected: ${r.status()}`);
      }
      if (text.includes('Pelapor Rahasia Uji')) throw new Error('the letter names the reporter');
    });
  });

  test('a report forwarded to Kota Serang leaves the Lebak inbox and appears in Serang’s', async () => {
    const report = await step('a letter about a child in Kota Serang', async () =>
      recordReport(await env.api('manajer@lebak.demo'), {
        channel: 'surat',
        reporterType: 'anonim',
        victimSex: 'laki_laki',
        victimAgeGroup: 'anak_6_12',
        forms: ['penelantaran'],
        description: 'Surat tanpa nama: anak ditelantarkan di Kota Serang (uji e2e).',
        contactMethod: 'tidak',
        dangerNow: false,
      }),
    );

    const lebak = await env.newPage();
    const page = lebak.page;
    await signIn(page, 'pengaduan@lebak.demo');
    await openInbox(page);

    await step('forward it to Kota Serang', async () => {
      await inboxRow(page, report.code).getByRole('link', { name: report.code }).click();
      await see(
        page,
        page.getByRole('heading', { name: `Pengaduan ${report.code}`, level: 1 }),
        'the report',
      );
      await page.getByRole('button', { name: 'Teruskan ke wilayah lain' }).click();
      const dialog = page.getByRole('dialog', { name: 'Teruskan ke wilayah lain' });
      await see(page, dialog, 'the forward dialog');
      // confirming without a region is refused with a message next to the picker
      await dialog.getByRole('button', { name: 'Teruskan', exact: true }).click();
      await see(page, dialog.getByText('Pilih kabupaten/kota tujuan.').first(), 'the missing-region message');
      await dialog.getByLabel('Provinsi').selectOption('36');
      await dialog.getByLabel('Kabupaten/Kota').selectOption('36.73');
      await dialog
        .getByLabel('Catatan untuk petugas tujuan (opsional)')
        .fill('Korban tinggal di Kota Serang.');
      await dialog.getByRole('button', { name: 'Teruskan', exact: true }).click();
      await seePath(page, '/pengaduan', 'back to the inbox after forwarding');
      await see(
        page,
        page.getByRole('status').filter({ hasText: `Pengaduan ${report.code} sudah diteruskan` }),
        'the message that the report was forwarded',
      );
      await notSee(page, inboxRow(page, report.code), 'the forwarded report in the Lebak inbox');
    });

    await step('the Serang officer finds it in her inbox, with its history', async () => {
      const serang = await env.newPage();
      const p = serang.page;
      await signIn(p, 'pengaduan@serang.demo');
      await openInbox(p);
      const row = inboxRow(p, report.code);
      await see(p, row, `the forwarded report ${report.code} in the Serang inbox`);
      await seeText(p, row.getByRole('cell').nth(5), /Baru/, 'its status in Serang');
      await row.getByRole('link', { name: report.code }).click();
      const history = p.getByRole('region', { name: 'Riwayat' });
      await see(
        p,
        history.getByText(/^Diteruskan dari wilayah Kabupaten Lebak.* ke Kota Serang/),
        'the forward in the history',
      );
      await see(p, p.getByText('Korban tinggal di Kota Serang.'), 'the note from Lebak');
    });
  });

  test('a WhatsApp message lands in the inbox and the officer replies from Simpul', async () => {
    const SENDER = '6281234500077';
    const TEXT = 'Tolong, adik saya dikunci di rumah oleh pamannya (uji e2e).';
    await step('WhatsApp delivers a signed notification', async () => {
      const at = Math.floor(Date.now() / 1000);
      const raw = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '6281100001129', phone_number_id: WA.phoneNumberId },
                  contacts: [{ profile: { name: 'Mawar' }, wa_id: SENDER }],
                  messages: [
                    {
                      from: SENDER,
                      id: `wamid.${Buffer.from(`e2e-${SENDER}-${at}`).toString('base64')}`,
                      timestamp: String(at),
                      type: 'text',
                      text: { body: TEXT },
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
      const r = await fetch(`${env.baseUrl}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', WA.appSecret).update(raw).digest('hex')}`,
        },
        body: raw,
      });
      expect(r.status, `webhook: ${await r.text()}`).toBe(200);
    });

    const { page } = await env.newPage({ viewport: { width: 360, height: 800 } });
    await signIn(page, 'pengaduan@lebak.demo');
    await openInbox(page);

    await step('the WhatsApp item is in the inbox; its page shows the conversation', async () => {
      await page.getByLabel('Saluran').selectOption({ label: 'WhatsApp' });
      await page.getByRole('button', { name: 'Terapkan filter' }).click();
      await seePath(page, '/pengaduan?channel=whatsapp', 'the channel filter in the URL');
      const link = page.getByRole('table').getByRole('link').first();
      await see(page, link, 'a WhatsApp item in the inbox');
      await link.click();
      const wa = page.getByRole('region', { name: 'Percakapan WhatsApp' });
      await see(page, wa.getByText(TEXT), 'the message from WhatsApp');
      await see(page, wa.getByText(/Mawar/).first(), 'the sender profile name');
    });

    await step('reply with text', async () => {
      const wa = page.getByRole('region', { name: 'Percakapan WhatsApp' });
      await wa.getByLabel('Pesan balasan').fill('Terima kasih, petugas kami segera menghubungi Anda.');
      await wa.getByRole('button', { name: 'Kirim balasan' }).click();
      await see(
        page,
        wa.getByText('Terima kasih, petugas kami segera menghubungi Anda.'),
        'the reply in the conversation',
      );
      await see(page, wa.getByText('dikirim ke WhatsApp'), 'the delivery state of the reply');
      expect(graph.sentIds.length, 'messages sent to the Graph API').toBe(1);
      await seeText(page, fact(page, 'Status'), /Sedang ditriase/, 'a reply puts the item in triage');
    });
  });
});
