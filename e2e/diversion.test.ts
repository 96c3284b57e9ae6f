/**
 * Diversion of a child in conflict with the law, in Chromium (issue 13 §2, decision 036): the case
 * manager opens an ABH case, finds the Diversi tab (absent on a case that is not ABH), is told a
 * future date is refused, records that diversion at the prosecution stage succeeded with the
 * court's determination number, and then corrects the stage.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localDate } from '../src/domain/time.ts';
import { caseWithVictim, signIn } from './helpers/flows.ts';
import { notSee, see, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  env = await start({ cases: 0 });
});

afterAll(async () => {
  await stop(env);
});

/** The text appears somewhere in the element's visible text. */
const has = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));

const tabs = (page: Page) => page.getByRole('navigation', { name: 'Bagian kasus' });

describe('diversion on an ABH case', () => {
  test('the case manager records a diversion outcome and corrects it', async () => {
    const today = localDate(env.h.now.value, '36.02');
    const { abhId, plainId } = await step('an ABH case and a case that is not ABH exist', async () => {
      const abh = await caseWithVictim(env, {
        name: 'Anak Uji Diversi',
        birthDate: '2011-02-03',
        sex: 'laki_laki',
      });
      const i = await abh.api.post(`/api/v1/cases/${abh.id}/incidents`, {
        forms: ['fisik'],
        datePrecision: 'tidak_diketahui',
        ampkCategories: ['b_berhadapan_hukum'],
        chronology: 'Anak diduga terlibat perkelahian (uji e2e diversi).',
      });
      expect(i.status, JSON.stringify(i.body)).toBe(201);
      const plain = await caseWithVictim(env, { name: 'Korban Uji Lain', birthDate: '1990-01-01' });
      return { abhId: abh.id, plainId: plain.id };
    });

    const { page } = await env.newPage();
    await signIn(page, 'manajer@lebak.demo');

    await step('a case that is not ABH has no Diversi tab', async () => {
      await page.goto(`/kasus/${plainId}`);
      await see(page, tabs(page).getByRole('link', { name: 'Ringkasan', exact: true }), 'the case tabs');
      await notSee(page, tabs(page).getByRole('link', { name: 'Diversi', exact: true }), 'no Diversi tab');
    });

    const panel = page.getByRole('region', { name: 'Diversi', exact: true });
    await step('the ABH case has one, empty', async () => {
      await page.goto(`/kasus/${abhId}`);
      await tabs(page).getByRole('link', { name: 'Diversi', exact: true }).click();
      await see(page, panel, 'the Diversi tab');
      await seeText(page, panel, has('Belum ada catatan diversi.'), 'no diversion yet');
    });

    const form = page.getByRole('form', { name: 'Catat diversi' });
    await step('a date in the future is refused with the field named', async () => {
      await panel.getByRole('button', { name: 'Catat diversi' }).click();
      await form.getByLabel('Tahap diversi diupayakan').selectOption({ label: 'Penuntutan' });
      await form.getByLabel('Hasil diversi').selectOption({ label: 'Berhasil (kesepakatan diversi)' });
      await form.getByLabel('Tanggal', { exact: true }).fill('2099-01-01');
      await form.getByRole('button', { name: 'Simpan' }).click();
      const summary = form.getByRole('alert');
      await see(page, summary, 'the error summary');
      await seeText(page, summary, has('Tanggal tidak boleh di masa depan.'), 'the date error');
    });

    await step('the outcome is recorded with the determination number', async () => {
      await form.getByLabel('Tanggal', { exact: true }).fill(today);
      await form.getByLabel('Nomor penetapan pengadilan').fill('7/Pen.Div/2026/PN Rkb');
      await form.getByLabel('Keterangan').fill('Kesepakatan dengan keluarga korban (uji).');
      await form.getByRole('button', { name: 'Simpan' }).click();
      const table = panel.getByRole('table');
      await see(page, table, 'the diversion table');
      await seeText(page, table, has('Penuntutan'), 'the stage');
      await seeText(page, table, has('Berhasil (kesepakatan diversi)'), 'the result');
      await seeText(page, table, has('7/Pen.Div/2026/PN Rkb'), 'the determination number');
      await seeText(page, table, has('Kesepakatan dengan keluarga korban (uji).'), 'the notes');
    });

    await step('the stage is corrected and the rest kept', async () => {
      await panel.getByRole('button', { name: /^Ubah catatan diversi/ }).click();
      const edit = page.getByRole('form', { name: 'Ubah catatan diversi' });
      await see(page, edit, 'the edit form');
      await edit.getByLabel('Tahap diversi diupayakan').selectOption({ label: 'Penyidikan' });
      await edit.getByRole('button', { name: 'Simpan' }).click();
      await notSee(page, edit, 'the edit form closed');
      const table = panel.getByRole('table');
      await seeText(page, table, has('Penyidikan'), 'the corrected stage');
      await seeText(page, table, has('7/Pen.Div/2026/PN Rkb'), 'the determination number kept');
    });

    const api = await env.api('manajer@lebak.demo');
    const c = await api.get(`/api/v1/cases/${abhId}`);
    const records = c.body.records.filter((r: { kind: string }) => r.kind === 'diversion');
    expect(records).toHaveLength(1);
    expect(records[0].data).toMatchObject({ stage: 'penyidikan', result: 'berhasil', date: today });
  });
});
