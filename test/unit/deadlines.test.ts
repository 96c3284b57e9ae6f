import { describe, expect, it } from 'vitest';
import { computeTasks, type DeadlineFacts, firstResponseService } from '../../src/domain/deadlines.ts';
import { addWorkingDays, localDayStart, zoneOfRegion } from '../../src/domain/time.ts';

// Monday 2 March 2026, 09:00 WIB
const received = new Date('2026-03-02T02:00:00Z');
const base: DeadlineFacts = {
  receivedAt: received,
  regionCode: '36.02',
  stage: 'penerimaan',
  risk: null,
  sexualViolence: false,
  firstServiceAt: null,
  assessmentStartedAt: null,
  policeReportedAt: null,
  restitutions: [],
  closedAt: null,
};
const at = (iso: string) => new Date(iso);
const task = (f: Partial<DeadlineFacts>, now: Date, rule: string) =>
  computeTasks({ ...base, ...f }, now).find((t) => t.rule === rule);

describe('deadlines (domain.md §2.4)', () => {
  it('high risk: served immediately (within one hour of receipt)', () => {
    const t = task({ risk: 'tinggi' }, at('2026-03-02T02:30:00Z'), 'respon_risiko_tinggi')!;
    expect(t.dueAt.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(t.overdue).toBe(false);
    expect(task({ risk: 'tinggi' }, at('2026-03-02T03:01:00Z'), 'respon_risiko_tinggi')!.overdue).toBe(true);
    expect(
      task(
        { risk: 'tinggi', firstServiceAt: at('2026-03-02T02:40:00Z') },
        at('2026-03-05T00:00:00Z'),
        'respon_risiko_tinggi',
      )!.overdue,
    ).toBe(false);
  });

  it('medium risk: served within 6 hours', () => {
    const t = task({ risk: 'sedang' }, at('2026-03-02T07:59:00Z'), 'respon_risiko_sedang')!;
    expect(t.dueAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(t.overdue).toBe(false);
    expect(task({ risk: 'sedang' }, at('2026-03-02T08:01:00Z'), 'respon_risiko_sedang')!.overdue).toBe(true);
    expect(task({ risk: 'rendah' }, at('2026-03-02T08:01:00Z'), 'respon_risiko_sedang')).toBeUndefined();
  });

  it('follow-up within 3 working days, skipping the weekend', () => {
    // received Thursday 5 March 09:00 WIB → due Tuesday 10 March 09:00 WIB
    const thu = new Date('2026-03-05T02:00:00Z');
    const t = task({ receivedAt: thu }, thu, 'tindak_lanjut')!;
    expect(t.dueAt.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    expect(task({ receivedAt: thu }, at('2026-03-10T02:01:00Z'), 'tindak_lanjut')!.overdue).toBe(true);
    expect(
      task(
        { receivedAt: thu, assessmentStartedAt: at('2026-03-06T00:00:00Z') },
        at('2026-03-20T00:00:00Z'),
        'tindak_lanjut',
      )!.overdue,
    ).toBe(false);
  });

  it('sexual violence: report to police within 3×24 hours (UU TPKS Pasal 41)', () => {
    expect(task({}, received, 'lapor_polisi_tpks')).toBeUndefined();
    const t = task({ sexualViolence: true }, at('2026-03-05T01:59:00Z'), 'lapor_polisi_tpks')!;
    expect(t.dueAt.toISOString()).toBe('2026-03-05T02:00:00.000Z');
    expect(t.overdue).toBe(false);
    expect(task({ sexualViolence: true }, at('2026-03-05T02:01:00Z'), 'lapor_polisi_tpks')!.overdue).toBe(
      true,
    );
    expect(
      task(
        { sexualViolence: true, policeReportedAt: at('2026-03-03T00:00:00Z') },
        at('2026-03-09T00:00:00Z'),
        'lapor_polisi_tpks',
      )!.overdue,
    ).toBe(false);
  });

  it('restitution paid within 30 days of the court decision (UU TPKS Pasal 33)', () => {
    const decision = at('2026-04-01T00:00:00Z');
    const r = { victimId: 'v1', decisionDate: decision, fulfilledAt: null };
    const t = task({ restitutions: [r] }, at('2026-05-01T00:00:01Z'), 'restitusi')!;
    expect(t.dueAt.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(t.overdue).toBe(true);
    expect(t.subjectId).toBe('v1');
  });

  it('a closed case has no overdue tasks', () => {
    const tasks = computeTasks(
      {
        ...base,
        risk: 'tinggi',
        sexualViolence: true,
        closedAt: at('2026-03-02T02:10:00Z'),
        stage: 'terminasi',
      },
      at('2026-06-01T00:00:00Z'),
    );
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => !t.overdue)).toBe(true);
  });

  it('working days follow the unit’s own time zone (WIB, WITA, WIT)', () => {
    expect(zoneOfRegion('36.02')).toBe('Asia/Jakarta');
    expect(zoneOfRegion('51.71')).toBe('Asia/Makassar');
    expect(zoneOfRegion('91.03')).toBe('Asia/Jayapura');
    // Friday 23:30 WIB is still Friday in Jakarta but already Saturday in Jayapura
    const fri = new Date('2026-03-06T16:30:00Z');
    expect(addWorkingDays(fri, 1, 'Asia/Jakarta').toISOString()).toBe('2026-03-09T16:30:00.000Z');
    // Saturday 01:30 WIT + 1 working day = Monday 01:30 WIT = Sunday 16:30 UTC
    expect(addWorkingDays(fri, 1, 'Asia/Jayapura').toISOString()).toBe('2026-03-08T16:30:00.000Z');
  });

  it('working days skip the national holidays and cuti bersama given, by the local date', () => {
    const wed = new Date('2027-03-31T03:00:00Z'); // Wednesday 10:00 WIB
    expect(addWorkingDays(wed, 3, 'Asia/Jakarta').toISOString()).toBe('2027-04-05T03:00:00.000Z');
    const h = new Set(['2027-04-02']); // a Friday off
    expect(addWorkingDays(wed, 3, 'Asia/Jakarta', h).toISOString()).toBe('2027-04-06T03:00:00.000Z');
    // a holiday on a weekend changes nothing
    expect(addWorkingDays(wed, 3, 'Asia/Jakarta', new Set(['2027-04-03'])).toISOString()).toBe(
      '2027-04-05T03:00:00.000Z',
    );
    // the local date decides: at 23:30 WIB on Thursday it is already Friday (the holiday) in WIT
    const late = new Date('2027-04-01T16:30:00Z');
    expect(addWorkingDays(late, 1, 'Asia/Jakarta', h).toISOString()).toBe('2027-04-05T16:30:00.000Z');
    expect(addWorkingDays(late, 1, 'Asia/Jayapura', h).toISOString()).toBe('2027-04-04T16:30:00.000Z');
  });
});

describe('a service dated before the case was received is not its response', () => {
  const receivedAt = new Date('2026-12-04T21:30:00Z'); // 5 Dec 2026, 04.30 WIB
  const day = (d: string) => localDayStart(d, '36.02');
  it('ignores services of earlier days, counts the received day and after', () => {
    expect(firstResponseService([day('2026-12-04'), day('2026-11-01')], receivedAt, '36.02')).toBeNull();
    expect(firstResponseService([day('2026-12-04'), day('2026-12-05')], receivedAt, '36.02')).toEqual(
      day('2026-12-05'),
    );
    expect(firstResponseService([day('2026-12-07'), day('2026-12-05')], receivedAt, '36.02')).toEqual(
      day('2026-12-05'),
    );
  });
  it('a high-risk case answered only by a backdated service stays overdue', () => {
    const tasks = computeTasks(
      {
        receivedAt,
        regionCode: '36.02',
        stage: 'identifikasi',
        risk: 'tinggi',
        sexualViolence: false,
        firstServiceAt: firstResponseService([day('2026-11-01')], receivedAt, '36.02'),
        assessmentStartedAt: null,
        policeReportedAt: null,
        restitutions: [],
        closedAt: null,
      },
      new Date(receivedAt.getTime() + 2 * 3600_000),
    );
    expect(tasks.find((t) => t.rule === 'respon_risiko_tinggi')).toMatchObject({
      doneAt: null,
      overdue: true,
    });
  });
});
