/** Documents of a meeting (coord_file, ownerKind 'meeting') and evidence of a follow-up ('followup'). */
import type { CoordFileDto } from '../../domain/contract/coord-files.ts';
import { AppError } from '../../domain/errors.ts';
import { canUpdateOwned } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';
import { readCoordFile, storeCoordFile } from '../coord-files.ts';
import { loadFollowup, loadMeeting, requireManage } from './access.ts';

export function attachMeetingFile(
  ctx: AuthedCtx,
  meetingId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<CoordFileDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId, 'meeting.file');
    requireManage(ctx, m, 'meeting.file');
    return storeCoordFile(ctx, trx, {
      jurisdiction: m.jurisdiction,
      ownerKind: 'meeting',
      ownerId: m.id,
      purpose: 'dokumen',
      name: file.name,
      bytes: file.bytes,
    });
  });
}

export function readMeetingFile(ctx: AuthedCtx, meetingId: string, fileId: string) {
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadMeeting(ctx, trx, meetingId, 'coord_file.read');
    return readCoordFile(ctx, trx, 'meeting', meetingId, fileId);
  });
}

export function attachFollowupEvidence(
  ctx: AuthedCtx,
  followupId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<CoordFileDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const f = await loadFollowup(ctx, trx, followupId, 'followup.file');
    if (!canUpdateOwned(ctx.actor, { jurisdiction: f.jurisdiction, ownerOrgId: f.owner_org_id }))
      throw new AppError('FORBIDDEN', undefined, {
        action: 'followup.file',
        entity: 'followup',
        entityId: followupId,
        outcome: 'denied',
      });
    return storeCoordFile(ctx, trx, {
      jurisdiction: f.jurisdiction,
      ownerKind: 'followup',
      ownerId: f.id,
      purpose: 'bukti',
      name: file.name,
      bytes: file.bytes,
    });
  });
}

export function readFollowupFile(ctx: AuthedCtx, followupId: string, fileId: string) {
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadFollowup(ctx, trx, followupId, 'coord_file.read');
    return readCoordFile(ctx, trx, 'followup', followupId, fileId);
  });
}
