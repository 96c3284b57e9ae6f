/**
 * Meetings and follow-ups through the real pages (issue 12 §3, §7): the case manager plans a
 * rakor, records who came, the minutes and a decision with a follow-up owned by the police unit,
 * and marks the meeting held; the police unit's staff sign in and update their follow-up; the
 * demo's long-overdue follow-up is escalated to the leadership, whose notification opens it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanFollowupReminders } from '../src/app/meetings/followup-reminders.ts';
import { signIn, signOut } from './helpers/flows.ts';
import { see, seePath, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 3 });
});

afterAll(async () => {
  await stop(env);
});

const TITLE = 'Rakor uji peramban penanganan kekerasan';
const ACTION = 'Kirim rekap laporan polisi triwulan (uji peramban)';

describe('meetings and follow-ups (/rapat)', () => {
  test('hold a meeting, a partner updates its follow-up, the overdue one is escalated', async () => {
    const { page } = await env.newPage();
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const due = new Date(Date.now() + 7 * 3600_000 + 14 * 86_400_000).toISOString().slice(0, 10);

    await step('the case manager plans a rakor and opens it', async () => {
      await signIn(page, 'manajer@lebak.demo');
      await page
        .getByRole('navigation', { name: 'Menu utama' })
        .getByRole('link', { name: 'Rapat & tindak lanjut' })
        .click();
      await see(
        page,
        page.getByRole('heading', { name: 'Rapat koordinasi dan case conference', level: 1 }),
        'the meetings list',
      );
      await page.getByRole('button', { name: 'Rencanakan rapat' }).click();
      const form = page.getByRole('form', { name: 'Rencanakan rapat' });
      await form.getByLabel('Judul rapat').fill(TITLE);
      await form.getByLabel('Tanggal').fill(today);
      await form.getByLabel('Jam mulai').fill('09:00');
      // reversed times are refused with a clear error
      await form.getByLabel('Jam selesai').fill('08:00');
      await form.getByLabel('Tempat').fill('Aula Dinas PPPA');
      await form.getByLabel('Unit PPA Polres Lebak').check();
      await form.getByRole('button', { name: 'Simpan' }).click();
      await see(
        page,
        page.getByText('Jam selesai harus sesudah jam mulai.').first(),
        'the reversed times refused',
      );
      await form.getByLabel('Jam selesai').fill('11:30');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await see(page, page.getByRole('heading', { name: TITLE, level: 1 }), 'the new meeting');
      await seePath(page, /^\/rapat\/[0-9a-f-]{36}$/, 'the meeting page');
    });

    await step('attendance, minutes and a decision with a follow-up for the police unit', async () => {
      const people = page.getByRole('form', { name: 'Undangan dan daftar hadir' });
      await people.getByLabel('Nama peserta lain (di luar Simpul)').fill('Yuni Lestari (uji)');
      await people.getByLabel('Nama lembaga').fill('Forum Anak Desa');
      await people.getByRole('button', { name: 'Tambahkan peserta' }).click();
      // added as invited, not present: presence is ticked, never assumed (review M2)
      await expect
        .poll(() => people.getByRole('checkbox', { name: 'Diundang' }).last().isChecked())
        .toBe(true);
      await expect.poll(() => people.getByRole('checkbox', { name: 'Hadir' }).last().isChecked()).toBe(false);
      await see(page, people.getByText(/^Ada perubahan daftar hadir yang belum disimpan/), 'unsaved said');
      // leaving by a link with the list unsaved asks first; staying keeps the addition
      let asked = '';
      page.once('dialog', (d) => {
        asked = d.message();
        void d.dismiss();
      });
      await page.getByRole('link', { name: 'Kembali ke daftar rapat' }).click();
      await expect.poll(() => asked).toMatch(/^Daftar hadir belum disimpan/);
      await seePath(page, /^\/rapat\/[0-9a-f-]{36}$/, 'still on the meeting');
      await people.getByRole('checkbox', { name: 'Hadir' }).last().check();
      await people.getByRole('button', { name: 'Simpan daftar hadir' }).click();
      await see(page, page.getByText('Daftar undangan dan hadir disimpan.'), 'attendance saved');

      const minutes = page.getByRole('form', { name: 'Agenda dan notulen' });
      await minutes.getByLabel('Notulen').fill('Evaluasi layanan triwulan; data polisi belum lengkap.');
      await minutes.getByRole('button', { name: 'Simpan' }).click();
      await see(
        page,
        page.getByText('Evaluasi layanan triwulan; data polisi belum lengkap.').first(),
        'the minutes',
      );

      const dec = page.getByRole('form', { name: 'Catat keputusan' });
      await dec.getByLabel('Bunyi keputusan').fill('Data kasus disampaikan setiap triwulan.');
      await dec.getByLabel('Tindak lanjut').fill(ACTION);
      await dec.getByLabel('Lembaga penanggung jawab').selectOption({ label: 'Unit PPA Polres Lebak' });
      await dec.getByLabel('Tenggat').fill(due);
      await dec.getByRole('button', { name: 'Simpan keputusan' }).click();
      await see(
        page,
        page.getByRole('heading', { name: /Keputusan 1: Data kasus disampaikan/ }),
        'decision 1',
      );
      await see(page, page.getByRole('link', { name: ACTION }), 'its follow-up');

      await page.getByRole('button', { name: 'Rapat selesai (notulen final)' }).click();
      await see(page, page.getByText('Status rapat: Selesai (notulen final).'), 'the meeting held');
      // the final minutes' attendance is no longer edited (review 13)
      await see(
        page,
        page.getByText('Notulen sudah final: daftar hadir tidak diubah lagi.'),
        'attendance locked',
      );
      await expect.poll(() => page.getByRole('button', { name: 'Simpan daftar hadir' }).count()).toBe(0);
      const pdf = page.getByRole('link', { name: 'Unduh notulen (PDF)' });
      expect(await pdf.getAttribute('href')).toMatch(/\/api\/v1\/meetings\/[0-9a-f-]{36}\/minutes\.pdf$/);
      await signOut(page);
    });

    await step('the police unit signs in and updates its follow-up', async () => {
      await signIn(page, 'mitra@lebak.demo', { home: null });
      await page.goto('/rapat/tindak-lanjut?mine=true');
      await see(
        page,
        page.getByRole('heading', { name: 'Tindak lanjut keputusan rapat', level: 1 }),
        'the tracker',
      );
      await page.getByRole('link', { name: ACTION }).click();
      await see(page, page.getByRole('heading', { name: ACTION, level: 2 }), 'the follow-up');
      const form = page.getByRole('form', { name: 'Catat perkembangan' });
      // done without a note or evidence is refused
      await form.getByLabel('Ubah status').selectOption({ label: 'Selesai' });
      await form.getByRole('button', { name: 'Simpan' }).click();
      await see(
        page,
        page.getByText('Tulis catatan hasil atau lampirkan bukti sebelum menandai selesai.').first(),
        'the rule',
      );
      await form.getByLabel('Ubah status').selectOption({ label: 'Berjalan' });
      await form.getByLabel('Catatan').fill('Rekap sedang disusun oleh bagian administrasi.');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await see(page, page.getByText('Perkembangan dicatat.'), 'progress recorded');
      await see(
        page,
        page.getByText('Rekap sedang disusun oleh bagian administrasi.'),
        'the note in the history',
      );
      await signOut(page);
    });

    await step('the overdue follow-up is escalated to the leadership, whose notice opens it', async () => {
      await scanFollowupReminders(env.h.svc);
      await signIn(page, 'pimpinan@lebak.demo', { home: null });
      await page.goto('/notifikasi');
      const notice = page.getByRole('link', { name: /Eskalasi: tindak lanjut rapat lama terlambat/ }).first();
      await see(page, notice, 'the escalation notice');
      const href = (await notice.getAttribute('href')) ?? '';
      expect(href).toMatch(/^\/rapat\/tindak-lanjut\/[0-9a-f-]{36}$/);
      await page.goto(href);
      await seePath(page, /^\/rapat\/tindak-lanjut\/[0-9a-f-]{36}$/, 'the follow-up from the notice');
      await see(page, page.getByRole('heading', { level: 2 }), 'the follow-up');
      await see(page, page.getByText('Dieskalasi ke penyelenggara').first(), 'escalated');
      await page.goto('/rapat/tindak-lanjut?overdue=true');
      await see(page, page.locator('tr.overdue').first(), 'overdue rows highlighted');
      // the filtered list as a PDF on the letterhead, and printed without the filters (review M3)
      const pdf = page.getByRole('link', { name: 'Unduh PDF (berkop Dinas)' });
      expect(await pdf.getAttribute('href')).toBe('/api/v1/followups.pdf?overdue=true');
      const download = page.waitForEvent('download');
      await pdf.click();
      expect((await download).suggestedFilename()).toMatch(/^tindak-lanjut-rapat-.*\.pdf$/);
      await page.emulateMedia({ media: 'print' });
      await see(
        page,
        page.getByText(/^Hanya yang terlambat · Dicetak /),
        'the filters in the printed heading',
      );
      await expect
        .poll(() => page.getByRole('form', { name: 'Saring tindak lanjut' }).isVisible())
        .toBe(false);
      await page.emulateMedia({ media: 'screen' });
    });
  });
});
