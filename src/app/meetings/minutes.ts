/**
 * What the minutes PDF prints ("Notulen Rapat Koordinasi …"): the Dinas letterhead, the meeting,
 * attendance, agenda, general minutes, decisions with their follow-ups. Never the case part of a
 * case conference: the PDF travels, so it only says that a case part exists and is kept in Simpul.
 */
import { dinasOrgOf } from '../../db/directory.repository.ts';
import type { MeetingDto } from '../../domain/contract/meetings.ts';
import { FOLLOWUP_STATUS_LABELS, MEETING_KIND_LABELS, minutesTitle } from '../../domain/meetings.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { type Letterhead, letterhead } from '../stats/periodic-report.ts';
import { meetingDetail } from './get-meeting.ts';

export type MinutesDocument = {
  title: string;
  kindLabel: string;
  letterhead: Letterhead;
  meeting: MeetingDto;
  /** the Dinas itself organised the meeting (its head signs); else the organiser's notulis signs, the head acknowledges */
  organiserIsDinas: boolean;
  /** follow-up status words, by code */
  statusLabels: Record<string, string>;
  issuedAt: string;
};

export async function minutesDocument(ctx: AuthedCtx, id: string): Promise<MinutesDocument> {
  const meeting = await ctx.conn.db.transaction().execute(async (trx) => {
    const m = await meetingDetail(ctx, trx, id, 'meeting.minutes_pdf');
    await audit(ctx, trx, {
      action: 'meeting.minutes_pdf',
      entity: 'meeting',
      entityId: id,
      outcome: 'ok',
      detail: { people: m.participants.length, caseParts: m.caseParts.total },
    });
    return m;
  });
  return {
    title: minutesTitle(meeting),
    kindLabel: MEETING_KIND_LABELS[meeting.kind].id,
    letterhead: await letterhead(ctx, meeting.jurisdiction),
    meeting,
    organiserIsDinas: (await dinasOrgOf(ctx.conn.db, meeting.jurisdiction)) === meeting.organiserOrgId,
    statusLabels: Object.fromEntries(Object.entries(FOLLOWUP_STATUS_LABELS).map(([k, v]) => [k, v.id])),
    issuedAt: ctx.clock().toISOString(),
  };
}
