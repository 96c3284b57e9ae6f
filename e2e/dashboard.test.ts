/**
 * The dashboard in the browser (issue 11 §1, §7): the Lebak leader (pimpinan) opens /dasbor from
 * the menu and sees the totals of this year so far, the 24-month chart with its table; chooses
 * last year, goes down to a kecamatan through a row of the areas table, and Back shows the view
 * before. Every number on the screen is the number the API answered for that view. The case
 * manager's stage rows open the case list with the same count; the leader gets no such link. An
 * intake officer has no menu entry and is told the page is not for her role. The figures come
 * from the rollup the job worker keeps (decision 024): this test runs the worker's refresh itself.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refreshStats, refreshWorkload } from '../src/app/stats/refresh.ts';
import type { DashboardDto } from '../src/domain/stats-schemas.ts';
import { pdfText } from '../test/helpers/pdf-text.ts';
import { fact, menuLink, signIn } from './helpers/flows.ts';
import { notSee, see, seePath, seeText, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;

beforeAll(async () => {
  // demo cases spread over 25 months: this year, last year and the trend all have some
  env = await start({ cases: 40 });
  await refreshStats(env.h.svc);
  await refreshWorkload(env.h.svc);
});

afterAll(async () => {
  await stop(env);
});

const n = (x: number) => x.toLocaleString('id-ID');

function menu(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name, exact: true });
}

/** The dashboard answer the page asks for next (started before the action that loads it). */
function nextDashboard(page: Page): Promise<DashboardDto> {
  return page
    .waitForResponse((r: Response) => new URL(r.url()).pathname === '/api/v1/dashboard')
    .then(async (r) => {
      expect(r.status(), `GET ${r.url()}`).toBe(200);
      return (await r.json()) as DashboardDto;
    });
}

/** The totals, the heading and the breadcrumb show this answer. */
async function seeView(page: Page, d: DashboardDto, what: string): Promise<void> {
  await seeText(
    page,
    page.locator('h2.dash-heading'),
    new RegExp(`^${d.region.name}`),
    `${what}: the region`,
  );
  await seeText(
    page,
    page.getByRole('navigation', { name: 'Wilayah' }).locator('[aria-current="page"]'),
    d.region.name,
    `${what}: the breadcrumb's last step`,
  );
  await seeText(page, fact(page, 'Kasus'), n(d.totals.cases.n), `${what}: the total of cases`);
  await seeText(page, fact(page, 'Korban'), n(d.totals.victims.n), `${what}: the total of victims`);
  await seeText(
    page,
    fact(page, 'Terlapor'),
    n(d.totals.perpetrators!.n),
    `${what}: the total of perpetrators`,
  );
  await see(
    page,
    page
      .locator('.dash-total')
      .filter({ hasText: /^Kasus/ })
      .getByText(`setahun sebelumnya ${n(d.totals.cases.before)}`),
    `${what}: the cases of the same period a year earlier`,
  );
}

describe('dashboard (/dasbor)', () => {
  test('the leader reads the figures, filters by year, goes down to a kecamatan and back', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'pimpinan@lebak.demo', { home: null });

    const thisYear = await step('open the dashboard from the menu', async () => {
      const answer = nextDashboard(page);
      await menu(page, 'Dasbor').click();
      await see(page, page.getByRole('heading', { name: 'Dasbor', level: 1 }), 'the dashboard');
      const d = await answer;
      // this year so far, in Lebak's zone: from January to this month
      expect(d.period.from, 'the default period starts in January').toMatch(/^\d{4}-01-01$/);
      expect(d.region.code, 'the leader’s own kab/kota').toBe('36.02');
      expect(d.totals.cases.n + d.totals.cases.before, 'demo cases in the two periods').toBeGreaterThan(0);
      await seeView(page, d, 'this year so far');
      await notSee(page, page.getByText('Beberapa perubahan terbaru sedang dihitung'), 'the pending note');
      return d;
    });

    await step('each figure is one region of the page, not two', async () => {
      const regions = await page
        .locator('section[aria-labelledby="dash-trend"], [role="region"][aria-labelledby="dash-trend"]')
        .count();
      expect(regions, 'regions named like the trend').toBe(1);
    });

    await step('the 24-month chart stands beside a table with the same numbers', async () => {
      const section = page.locator('section[aria-labelledby="dash-trend"]');
      await see(page, section.locator('svg.chart-svg'), 'the trend chart');
      expect(
        await section.locator('svg').getAttribute('aria-hidden'),
        'the chart is hidden from screen readers',
      ).toBe('true');
      const table = page.getByRole('table', { name: 'Kasus dan korban, 24 bulan' });
      await see(page, table, 'the trend table');
      const rows = table.locator('tbody tr');
      expect(await rows.count(), 'a row per month').toBe(24);
      expect(thisYear.trend).toHaveLength(24);
      for (const i of [0, 12, 23]) {
        const m = thisYear.trend[i]!;
        await seeText(page, rows.nth(i).locator('td').nth(0), n(m.cases), `cases of ${m.month} in the table`);
        await seeText(
          page,
          rows.nth(i).locator('td').nth(1),
          n(m.victims),
          `victims of ${m.month} in the table`,
        );
      }
      // the bar charts of the figures too: a figure's table has every category, the zeros muted
      const sex = page.getByRole('table', { name: 'Korban menurut jenis kelamin' });
      await see(page, sex, 'the victims-by-sex table');
      const fig = thisYear.figures.find((f) => f.measure === 'victim_sex')!;
      expect(await sex.locator('tbody tr').count(), 'every category of the figure').toBe(fig.rows.length);
      await seeText(page, sex.locator('tfoot td').first(), n(fig.total), 'the figure’s total');
      if (fig.total > 0)
        await see(page, page.locator('section[aria-labelledby="dash-fig-victim_sex"] svg'), 'its bar chart');
      // the leader may not list cases: no figure links to the case list
      expect(
        await page.locator('main a[href^="/kasus"]').count(),
        'links to the case list for pimpinan',
      ).toBe(0);
    });

    const lastYear = Number(thisYear.period.from.slice(0, 4)) - 1;
    const yearView = await step(`choose the year ${lastYear}`, async () => {
      const answer = nextDashboard(page);
      await page.getByLabel('Tahun', { exact: true }).selectOption(String(lastYear));
      await page.getByRole('button', { name: 'Tampilkan', exact: true }).click();
      await seePath(page, `/dasbor?period=${lastYear}`, 'the year in the address');
      const d = await answer;
      expect(d.period).toEqual({ from: `${lastYear}-01-01`, to: `${lastYear}-12-31` });
      expect(d.compare).toEqual({ from: `${lastYear - 1}-01-01`, to: `${lastYear - 1}-12-31` });
      await seeView(page, d, `the year ${lastYear}`);
      await see(
        page,
        page
          .locator('.dash-sub')
          .getByText(`Januari ${lastYear} – Desember ${lastYear}, dibandingkan dengan`),
        'the period in words',
      );
      return d;
    });

    const kecamatan = await step('go down to a kecamatan through its row in the areas table', async () => {
      const areas = page.getByRole('table', { name: 'Menurut kecamatan' });
      await see(page, areas, 'the table of kecamatan');
      const withCases = yearView.areas.filter((a) => a.code !== '' && a.cases > 0);
      expect(withCases.length, `kecamatan with cases in ${lastYear}`).toBeGreaterThan(0);
      const target = withCases[0]!;
      const row = areas
        .locator('tbody tr')
        .filter({ has: page.getByRole('link', { name: target.name, exact: true }) });
      await seeText(page, row.locator('td').first(), n(target.cases), `the cases of ${target.name}`);
      const answer = nextDashboard(page);
      await row.getByRole('link', { name: target.name, exact: true }).click();
      await seePath(page, `/dasbor?period=${lastYear}&region=${target.code}`, 'the kecamatan in the address');
      const d = await answer;
      expect(d.region.code).toBe(target.code);
      expect(d.totals.cases.n, 'the kecamatan’s total is its row in the table before').toBe(target.cases);
      await seeView(page, d, target.name);
      await see(page, page.getByRole('table', { name: 'Menurut desa/kelurahan' }), 'the table of desa');
      // the breadcrumb leads back up to the kab/kota
      await see(
        page,
        page.getByRole('navigation', { name: 'Wilayah' }).getByRole('link', { name: yearView.region.name }),
        'the kab/kota in the breadcrumb',
      );
      return d;
    });

    await step('Back shows the kab/kota view of that year again', async () => {
      await page.goBack();
      await seePath(page, `/dasbor?period=${lastYear}`, 'the address before');
      await seeView(page, yearView, `back in ${yearView.region.name}`);
      await notSee(page, page.getByRole('table', { name: 'Menurut desa/kelurahan' }), 'the desa table');
      expect(await page.getByLabel('Tahun', { exact: true }).inputValue(), 'the year filter').toBe(
        String(lastYear),
      );
      expect(kecamatan.region.code).not.toBe(yearView.region.code);
    });
  });

  test('on a phone the filters wrap and the tables scroll inside their box', async () => {
    const { page } = await env.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page, 'pimpinan@lebak.demo', { home: null });
    await page.goto('/dasbor');
    await see(page, page.getByRole('table', { name: 'Menurut kecamatan' }), 'the areas table on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the page does not scroll sideways').toBeLessThanOrEqual(0);
    // the seven columns of the areas table scroll inside their own box, which takes focus
    const box = page.locator('div.table-wrap[aria-labelledby="dash-areas"]');
    const { scroll, client } = await box.evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
    }));
    expect(scroll, 'the areas table is wider than its box on a phone').toBeGreaterThan(client);
    expect(await box.getAttribute('tabindex'), 'the box can be scrolled by keyboard').toBe('0');
    // the filters stand one under the other
    const [kind, year] = await Promise.all(
      ['Periode', 'Tahun'].map((l) => page.getByLabel(l, { exact: true }).boundingBox()),
    );
    expect(year!.y, 'the year below the kind of period').toBeGreaterThan(kind!.y + kind!.height - 1);
    expect(kind!.x + kind!.width, 'the fields fit the screen').toBeLessThanOrEqual(360);
  });

  test('the case manager’s stage rows open the case list with the same count', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'manajer@lebak.demo');
    const answer = nextDashboard(page);
    await menu(page, 'Dasbor').click();
    const d = await answer;
    const stage = d.figures.find((f) => f.measure === 'stage')!;
    const row = stage.rows.find((r) => r.n > 0);
    expect(row, 'a stage with cases this year').toBeDefined();
    const table = page.getByRole('table', { name: 'Tahap penanganan saat ini' });
    const link = table.getByRole('link', { name: new RegExp(`^${row!.n} kasus ${row!.label.id}:`) });
    await see(page, link, `the link of the stage ${row!.code}`);
    expect(await link.getAttribute('href')).toBe(
      `/kasus?stage=${row!.code}&from=${d.period.from}&to=${d.period.to}`,
    );
    await link.click();
    await see(page, page.getByRole('heading', { name: 'Kasus', level: 1 }), 'the case list');
    await see(page, page.getByText(`${n(row!.n)} kasus ditemukan.`), 'the same number of cases');
  });

  test('the Dinas admin sets the letterhead; the leader downloads the report and a table', async () => {
    const admin = (await env.newPage()).page;
    await signIn(admin, 'admin-dinas@lebak.demo', { home: null });
    await step('set the letterhead and its logo', async () => {
      await menu(admin, 'Kop laporan').click();
      await see(
        admin,
        admin.getByRole('heading', { name: 'Kop laporan periodik', level: 1 }),
        'the letterhead page',
      );
      // the form opens with the default letterhead (the region's Dinas), never empty
      expect(await admin.getByLabel('Nama Dinas').inputValue()).toContain('Kabupaten Lebak');
      await admin.getByLabel('Nama Dinas').fill('Dinas P3A Kabupaten Lebak (uji peramban)');
      await admin.getByLabel('Nama penanda tangan').fill('Nama Kepala Sintetis');
      await admin.getByLabel('NIP').fill('197001011990032001');
      await admin.getByRole('button', { name: 'Simpan kop' }).click();
      await see(admin, admin.getByText('Kop laporan disimpan.'), 'saved');
      await admin.getByLabel(/^Pilih logo/).setInputFiles({
        name: 'logo.png',
        mimeType: 'image/png',
        buffer: Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
          'base64',
        ),
      });
      await see(admin, admin.getByText('Logo disimpan.'), 'the logo saved');
    });

    const { page } = await env.newPage();
    await signIn(page, 'pimpinan@lebak.demo', { home: null });
    const year = new Date().getFullYear() - 1;
    const answer = nextDashboard(page);
    await page.goto(`/dasbor?period=${year}`);
    await answer;
    await step('download the periodic report of the year as PDF', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Unduh laporan periodik .* \(PDF\)$/ }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`laporan-${year}-3602.pdf`);
      const text = (await pdfText(readFileSync((await download.path())!))).replace(/\s+/g, ' ');
      expect(text).toContain('Dinas P3A Kabupaten Lebak (uji peramban)');
      expect(text).toContain(`LAPORAN TAHUN ${year}`);
      expect(text).toContain(`Pada tahun ${year} tercatat`);
      expect(text).toContain('Nama Kepala Sintetis');
      // the leadership's briefing on prevention and coordination, for the same year and region
      expect(text).toContain('Pencegahan dan koordinasi');
      expect(text).toContain('Tindak lanjut keputusan rapat');
      expect(text).toContain(`RAD PPA tahun ${year}`);
    });
    await step('open the printable version', async () => {
      const [tab] = await Promise.all([
        page.context().waitForEvent('page'),
        page.getByRole('link', { name: 'Versi siap cetak' }).click(),
      ]);
      await tab.waitForLoadState();
      await see(
        tab,
        tab.getByRole('heading', { name: 'Dinas P3A Kabupaten Lebak (uji peramban)' }),
        'the letterhead',
      );
      await see(tab, tab.getByText(`Pada tahun ${year} tercatat`), 'the narrative');
      await see(
        tab,
        tab.getByRole('heading', { name: 'Pencegahan dan koordinasi', level: 2 }),
        'the prevention and coordination part',
      );
      await see(tab, tab.getByRole('img', { includeHidden: true }).first(), 'the logo');
    });
    await step('download the victims-by-sex table as XLSX', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .locator('section[aria-labelledby="dash-fig-victim_sex"]')
          .getByRole('link', { name: 'Unduh tabel Korban menurut jenis kelamin (XLSX)' })
          .click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^dasbor-victim_sex-3602-.*\.xlsx$/);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 2).toString(), 'a zip (XLSX) file').toBe('PK');
    });
  });

  test('an intake officer has no dashboard', async () => {
    const { page } = await env.newPage();
    await signIn(page, 'pengaduan@lebak.demo');
    await notSee(page, menu(page, 'Dasbor'), 'the dashboard in the intake officer’s menu');
    await page.goto('/dasbor');
    await see(page, page.getByRole('heading', { name: 'Tidak ada akses', level: 1 }), 'the not-allowed page');
    await see(page, page.getByText('Peran Anda tidak memiliki akses ke halaman ini.'), 'why');
  });
});

describe('the leader’s menu and home (issue 12 review: 20, M3)', () => {
  test('at 360 px the menu folds behind "Menu"; it opens, closes on Escape and on navigation', async () => {
    const { page } = await env.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page, 'pimpinan@lebak.demo');
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    const toggle = nav.getByRole('button', { name: 'Menu', exact: true });
    const dashboard = nav.getByRole('link', { name: 'Dasbor', exact: true });
    await step('folded: the page starts right under the bar', async () => {
      await see(page, toggle, 'the Menu button');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await notSee(page, dashboard, 'the menu links while folded');
      const top = (await page.getByRole('heading', { name: 'Pekerjaan saya', level: 1 }).boundingBox())!.y;
      expect(top, 'the heading is not pushed down by the menu').toBeLessThan(200);
    });
    await step('keyboard: Enter opens, Escape closes and gives focus back to the button', async () => {
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await see(page, dashboard, 'the menu links once open');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await toggle.evaluate((el) => el === document.activeElement), 'focus on the Menu button').toBe(
        true,
      );
      await notSee(page, dashboard, 'the links after Escape');
    });
    await step('a link followed: the page changes, the menu folds, focus goes to the heading', async () => {
      await (await menuLink(page, 'Dasbor', true)).click();
      await seePath(page, /^\/dasbor/, 'the dashboard');
      await see(page, page.getByRole('heading', { name: /^Dasbor/, level: 1 }), 'the dashboard heading');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await notSee(page, dashboard, 'the links after navigating');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    });
  });

  test('at 1280 px the whole menu shows as before, with no Menu button', async () => {
    const { page } = await env.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'pimpinan@lebak.demo');
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    await notSee(
      page,
      nav.getByRole('button', { name: 'Menu', exact: true }),
      'a Menu button on a wide screen',
    );
    for (const name of ['Dasbor', 'Pencegahan', 'Rapat & tindak lanjut', 'RAD PPA'])
      await see(page, nav.getByRole('link', { name, exact: true }), `the ${name} link`);
  });

  test('the home page’s Koordinasi card gives three counts, each a link to its page', async () => {
    const { page } = await env.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page, 'pimpinan@lebak.demo');
    const card = page.getByRole('region', { name: 'Koordinasi' });
    const late = card.getByRole('link', { name: /tindak lanjut rapat melewati batas waktu$/ });
    await see(page, late, 'the overdue follow-ups');
    await see(page, card.getByRole('link', { name: /kegiatan pencegahan bulan ini/ }), 'the activities');
    await see(page, card.getByRole('link', { name: /RAD/ }), 'the RAD');
    await late.click();
    await seePath(page, '/rapat/tindak-lanjut?overdue=true', 'the overdue follow-ups page');
  });
});
