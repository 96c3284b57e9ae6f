/**
 * Facts kept as they were told (decision 014): the words for an age and an incident date, what
 * an intake item becomes, how an edit may change a date's precision, and that no PATCH schema
 * resets a field the request leaves out.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ageGroupFromIntake,
  DATE_PRECISIONS,
  describeAge,
  describeIncidentDate,
  exactAge,
  type IncidentDateFacts,
  incidentDateFromIntake,
  incidentDateValue,
  isChild,
  knownAgeGroup,
  placeCategoryFromWords,
  resolveIncidentDate,
  TOLD_WHEN_CODES,
} from '../../src/domain/facts.ts';
import { OCCURRED_WHEN, VICTIM_AGE_GROUPS } from '../../src/domain/intake.ts';
import * as schemas from '../../src/domain/schemas.ts';
import { patchOf, RECORD_KINDS } from '../../src/domain/schemas.ts';
import { fmtDate, fmtDateTime } from '../../web/src/lib/format.ts';

const TODAY = '2026-12-03';
const none = { birthDate: null, estimatedAge: null, ageGroup: null };

describe('age in words', () => {
  it('a group told stays a group, with who said it', () => {
    expect(describeAge({ ...none, ageGroup: '13-17' }, TODAY)).toEqual({
      id: '13–17 tahun (menurut pelapor)',
      en: '13–17 years (as reported)',
    });
    expect(describeAge({ ...none, ageGroup: '18+' }, TODAY)?.id).toBe(
      'dewasa, 18 tahun ke atas (menurut pelapor)',
    );
    expect(describeAge({ ...none, ageGroup: '60+' }, TODAY)?.id).toBe('60 tahun ke atas (menurut pelapor)');
  });

  it('an estimate says it is the officer’s; a birth date gives the exact age and the date', () => {
    expect(describeAge({ ...none, estimatedAge: 30 }, TODAY)?.id).toBe('± 30 tahun (perkiraan petugas)');
    expect(describeAge({ ...none, birthDate: '2011-03-14' }, TODAY)).toEqual({
      id: '15 tahun (lahir 14 Mar 2011)',
      en: '15 years (born 14 Mar 2011)',
    });
    // the day before the birthday is still the younger age
    expect(describeAge({ ...none, birthDate: '2011-12-04' }, TODAY)?.id).toBe('14 tahun (lahir 4 Des 2011)');
    expect(exactAge('2008-02-29', '2026-02-28')).toBe(17);
    expect(exactAge('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('shows every fact known, most certain first, so a disagreement stays visible', () => {
    expect(describeAge({ birthDate: null, estimatedAge: 20, ageGroup: '13-17' }, TODAY)?.id).toBe(
      '± 20 tahun (perkiraan petugas); 13–17 tahun (menurut pelapor)',
    );
    expect(describeAge(none, TODAY)).toBeNull();
  });

  it('never makes an age out of a group: no number but the group’s bounds', () => {
    const text = describeAge({ ...none, ageGroup: '13-17' }, TODAY)!;
    expect(text.id.replace('13–17', '')).not.toMatch(/\d/);
    expect(knownAgeGroup({ ...none, ageGroup: '13-17' }, TODAY)).toBe('13-17');
  });

  it('a child by the best fact known', () => {
    expect(isChild({ ...none, ageGroup: '13-17' }, TODAY)).toBe(true);
    expect(isChild({ ...none, ageGroup: '18+' }, TODAY)).toBe(false);
    expect(isChild({ ...none, estimatedAge: 17 }, TODAY)).toBe(true);
    expect(isChild({ ...none, birthDate: '2008-12-03' }, TODAY)).toBe(false);
    expect(isChild({ birthDate: '2010-01-01', estimatedAge: 30, ageGroup: '18+' }, TODAY)).toBe(true);
    expect(isChild(none, TODAY)).toBeNull();
  });

  it('maps every intake age group, and "tidak tahu" to none', () => {
    expect(VICTIM_AGE_GROUPS.map((g) => ageGroupFromIntake(g.code))).toEqual([
      '0-5',
      '6-12',
      '13-17',
      '18+',
      null,
    ]);
    expect(ageGroupFromIntake(null)).toBeNull();
  });
});

describe('incident date in words', () => {
  const f = (over: Partial<IncidentDateFacts>): IncidentDateFacts => ({
    precision: 'tanggal',
    occurredOn: null,
    toldWhen: null,
    referenceDate: null,
    ...over,
  });

  it('says how precisely the date is known', () => {
    expect(describeIncidentDate(f({ occurredOn: '2026-12-01' }))).toEqual({
      id: '1 Des 2026',
      en: '1 Dec 2026',
    });
    expect(describeIncidentDate(f({ precision: 'sekitar_tanggal', occurredOn: '2026-12-01' })).id).toBe(
      'sekitar 1 Des 2026',
    );
    expect(describeIncidentDate(f({ precision: 'bulan', occurredOn: '2026-05-01' }))).toEqual({
      id: 'sekitar Mei 2026',
      en: 'around May 2026',
    });
    expect(describeIncidentDate(f({ precision: 'tahun', occurredOn: '2025-01-01' })).id).toBe(
      'sekitar tahun 2025',
    );
    expect(describeIncidentDate(f({ precision: 'tidak_diketahui' }))).toEqual({
      id: 'tidak diketahui',
      en: 'not known',
    });
    expect(
      describeIncidentDate(f({ precision: 'kurun', toldWhen: 'minggu_ini', referenceDate: '2026-12-03' })),
    ).toEqual({
      id: 'dalam minggu sebelum 3 Des 2026 (menurut pelapor)',
      en: 'in the week before 3 Dec 2026 (as reported)',
    });
  });

  it('has words for every window a reporter can name, each with the day it was said', () => {
    for (const toldWhen of TOLD_WHEN_CODES) {
      const text = describeIncidentDate(f({ precision: 'kurun', toldWhen, referenceDate: '2026-12-03' }));
      expect(text.id).toContain('3 Des 2026');
      expect(text.id).toContain('(menurut pelapor)');
      expect(text.en).toContain('3 Dec 2026');
    }
    // the windows are the intake form's, less "tidak tahu"
    expect([...TOLD_WHEN_CODES, 'tidak_tahu'].sort()).toEqual(OCCURRED_WHEN.map((o) => o.code).sort());
  });

  it('gives the API date in the shape of its precision', () => {
    expect(incidentDateValue(f({ precision: 'bulan', occurredOn: '2026-05-01' }))).toBe('2026-05');
    expect(incidentDateValue(f({ precision: 'tahun', occurredOn: '2025-01-01' }))).toBe('2025');
    expect(
      incidentDateValue(f({ precision: 'kurun', toldWhen: 'hari_ini', referenceDate: TODAY })),
    ).toBeNull();
  });
});

describe('an intake item’s date', () => {
  it('is the day told, the window told on the day of the report, or unknown — never the report date', () => {
    expect(
      incidentDateFromIntake({ occurredOn: '2026-11-20', occurredWhen: null, reportDate: TODAY }),
    ).toEqual({
      precision: 'tanggal',
      occurredOn: '2026-11-20',
      toldWhen: null,
      referenceDate: null,
    });
    expect(
      incidentDateFromIntake({ occurredOn: null, occurredWhen: 'minggu_ini', reportDate: TODAY }),
    ).toEqual({
      precision: 'kurun',
      occurredOn: null,
      toldWhen: 'minggu_ini',
      referenceDate: TODAY,
    });
    for (const occurredWhen of ['tidak_tahu', null])
      expect(incidentDateFromIntake({ occurredOn: null, occurredWhen, reportDate: TODAY })).toEqual({
        precision: 'tidak_diketahui',
        occurredOn: null,
        toldWhen: null,
        referenceDate: null,
      });
  });
});

describe('changing an incident date', () => {
  const month: IncidentDateFacts = {
    precision: 'bulan',
    occurredOn: '2026-05-01',
    toldWhen: null,
    referenceDate: null,
  };
  const told: IncidentDateFacts = {
    precision: 'kurun',
    occurredOn: null,
    toldWhen: 'minggu_ini',
    referenceDate: TODAY,
  };
  const unknown: IncidentDateFacts = {
    precision: 'tidak_diketahui',
    occurredOn: null,
    toldWhen: null,
    referenceDate: null,
  };

  it('on create, reads the precision from the date, and asks for a date or a precision', () => {
    expect(resolveIncidentDate(null, { date: '2026-05' })).toMatchObject({ ok: true, value: month });
    expect(resolveIncidentDate(null, { date: '2026-01-10' })).toMatchObject({
      ok: true,
      value: { precision: 'tanggal', occurredOn: '2026-01-10' },
    });
    expect(resolveIncidentDate(null, {})).toEqual({ ok: false, fields: { date: 'required' } });
    expect(resolveIncidentDate(null, { datePrecision: 'tidak_diketahui' })).toEqual({
      ok: true,
      value: unknown,
    });
    expect(resolveIncidentDate(null, { datePrecision: 'kurun', toldWhen: 'minggu_ini' })).toEqual({
      ok: false,
      fields: { referenceDate: 'required' },
    });
  });

  it('an update keeps the precision: a month stays a month, a day does not fit it', () => {
    expect(resolveIncidentDate(month, { date: '2026-04' })).toMatchObject({
      ok: true,
      value: { precision: 'bulan', occurredOn: '2026-04-01' },
    });
    expect(resolveIncidentDate(month, { date: '2026-04-02' })).toEqual({
      ok: false,
      fields: { date: 'date_precision_mismatch' },
    });
    expect(resolveIncidentDate(unknown, { date: '2026-04-02' })).toEqual({
      ok: false,
      fields: { date: 'date_precision_mismatch' },
    });
    expect(resolveIncidentDate(told, { toldWhen: 'bulan_ini' })).toEqual({
      ok: true,
      value: { ...told, toldWhen: 'bulan_ini' },
    });
    expect(resolveIncidentDate(told, { date: null, toldWhen: 'minggu_ini' })).toEqual({
      ok: true,
      value: told,
    });
  });

  it('changes the precision only when the request names it, with what the new one needs', () => {
    expect(resolveIncidentDate(told, { datePrecision: 'tanggal' })).toEqual({
      ok: false,
      fields: { date: 'required' },
    });
    expect(resolveIncidentDate(told, { datePrecision: 'tanggal', date: '2026-11-30' })).toEqual({
      ok: true,
      value: { precision: 'tanggal', occurredOn: '2026-11-30', toldWhen: null, referenceDate: null },
    });
    expect(resolveIncidentDate(month, { datePrecision: 'tidak_diketahui' })).toEqual({
      ok: true,
      value: unknown,
    });
    expect(
      resolveIncidentDate(
        { ...month, precision: 'sekitar_tanggal', occurredOn: '2026-05-07' },
        {
          datePrecision: 'tanggal',
        },
      ),
    ).toMatchObject({ ok: true, value: { precision: 'tanggal', occurredOn: '2026-05-07' } });
    expect(resolveIncidentDate(month, { datePrecision: 'tahun', toldWhen: 'hari_ini' })).toEqual({
      ok: false,
      fields: { date: 'required', toldWhen: 'date_precision_mismatch' },
    });
    expect(DATE_PRECISIONS).toContain('kurun');
  });
});

describe('place', () => {
  it('takes a category only from exactly known words, and leaves the rest undecided', () => {
    expect(placeCategoryFromWords('Rumah')).toBe('rumah_tangga');
    expect(placeCategoryFromWords(' di rumah. ')).toBe('rumah_tangga');
    expect(placeCategoryFromWords('Di Sekolah')).toBe('sekolah');
    expect(placeCategoryFromWords('rumah paman')).toBeNull();
    expect(placeCategoryFromWords('pasar')).toBeNull();
    expect(placeCategoryFromWords(null)).toBeNull();
  });
});

describe('PATCH schemas', () => {
  it('leave out what the request leaves out (no defaults inside .partial())', () => {
    const updates = Object.entries(schemas).filter(
      ([name, s]) => name.endsWith('Update') && s instanceof z.ZodObject,
    ) as Array<[string, z.ZodObject]>;
    expect(updates.map(([n]) => n)).toEqual(
      expect.arrayContaining(['PersonUpdate', 'IncidentUpdate', 'OrgUpdate']),
    );
    for (const [name, s] of updates) expect(s.parse({ version: 3 }), name).toEqual({ version: 3 });
    for (const [kind, { schema }] of Object.entries(RECORD_KINDS))
      expect(patchOf(schema as unknown as z.ZodObject).parse({}), kind).toEqual({});
    // the record that had one: an edit of the notes keeps "agreed with the beneficiary"
    expect(patchOf(RECORD_KINDS.plan_item.schema).parse({ notes: 'x' })).toEqual({ notes: 'x' });
    // and creating still applies it
    expect(RECORD_KINDS.plan_item.schema.parse({ service: 'psikologis' }).agreedWithBeneficiary).toBe(false);
  });
});

describe('the staff app’s dates', () => {
  it('shows a date-only value as that date, never as a midnight time, whatever the zone', () => {
    for (const tz of ['Asia/Jakarta', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      process.env.TZ = tz;
      expect(fmtDateTime('2026-12-03'), tz).toBe(fmtDate('2026-12-03'));
      expect(fmtDateTime('2026-12-03'), tz).toMatch(/^3 Des 2026$/);
    }
    expect(fmtDateTime('2026-12-03T05:30:00Z')).toMatch(/12\.30 WIB$/);
  });
});
