import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { readCaseParts, writeCasePart } from '../../app/meetings/case-parts.ts';
import { changeMeetingStatus } from '../../app/meetings/change-meeting-status.ts';
import { createMeeting } from '../../app/meetings/create-meeting.ts';
import { getFollowup, listFollowups, recordProgress, updateFollowup } from '../../app/meetings/followups.ts';
import { followupsDocument } from '../../app/meetings/followups-report.ts';
import { getMeeting } from '../../app/meetings/get-meeting.ts';
import { listMeetings } from '../../app/meetings/list-meetings.ts';
import {
  attachFollowupEvidence,
  attachMeetingFile,
  readFollowupFile,
  readMeetingFile,
} from '../../app/meetings/meeting-files.ts';
import { meetingOptions } from '../../app/meetings/meeting-options.ts';
import { minutesDocument } from '../../app/meetings/minutes.ts';
import { addDecisionFollowup, recordDecision, updateDecision } from '../../app/meetings/record-decision.ts';
import { saveParticipants } from '../../app/meetings/save-participants.ts';
import { updateMeeting } from '../../app/meetings/update-meeting.ts';
import { occasional } from '../../occasional/pool.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';
import { parseUpload } from '../upload.ts';

export function meetingsRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /meetings', async (c, { query }) => listMeetings(authed(c, svc), query));
  implement(app, 'GET /meetings/options', async (c) => meetingOptions(authed(c, svc)));
  implement(app, 'POST /meetings', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /meetings', body, (key) => createMeeting(ctx, body, key));
  });
  implement(app, 'GET /meetings/{id}', async (c, { params }) => getMeeting(authed(c, svc), params.id));
  implement(app, 'PATCH /meetings/{id}', async (c, { params, body }) =>
    updateMeeting(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /meetings/{id}/status', async (c, { params, body }) =>
    changeMeetingStatus(authed(c, svc), params.id, body),
  );
  implement(app, 'PUT /meetings/{id}/participants', async (c, { params, body }) =>
    saveParticipants(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /meetings/{id}/decisions', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /meetings/${params.id}/decisions`, body, (key) =>
      recordDecision(ctx, params.id, body, key),
    );
  });
  implement(app, 'PATCH /meetings/{id}/decisions/{decisionId}', async (c, { params, body }) =>
    updateDecision(authed(c, svc), params.id, params.decisionId, body),
  );
  implement(app, 'POST /meetings/{id}/decisions/{decisionId}/followups', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /meetings/${params.id}/decisions/${params.decisionId}/followups`, body, (key) =>
      addDecisionFollowup(ctx, params.id, params.decisionId, body, key),
    );
  });
  implement(app, 'GET /meetings/{id}/cases', async (c, { params }) =>
    readCaseParts(authed(c, svc), params.id),
  );
  implement(app, 'PUT /meetings/{id}/cases/{caseId}', async (c, { params, body }) =>
    writeCasePart(authed(c, svc), params.id, params.caseId, body),
  );
  implement(app, 'POST /meetings/{id}/files', async (c, { params }) => {
    const ctx = authed(c, svc);
    const u = await parseUpload(c);
    return attachMeetingFile(ctx, params.id, u);
  });
  implement(app, 'GET /meetings/{id}/files/{fileId}', async (c, { params }) => {
    const f = await readMeetingFile(authed(c, svc), params.id, params.fileId);
    return fileAnswer(f.bytes, f.mime, f.filename);
  });
  implement(app, 'GET /meetings/{id}/minutes.pdf', async (c, { params }) => {
    const doc = await minutesDocument(authed(c, svc), params.id);
    // rendered in the occasional worker: pdfkit and the fonts leave memory with it (decision 020)
    const pdf = await occasional('meetingMinutesPdf', { doc });
    return fileAnswer(pdf, 'application/pdf', `notulen-rapat-${doc.meeting.date}.pdf`);
  });

  implement(app, 'GET /followups', async (c, { query }) => listFollowups(authed(c, svc), query));
  implement(app, 'GET /followups.pdf', async (c, { query }) => {
    const doc = await followupsDocument(authed(c, svc), query);
    const pdf = await occasional('followupsListPdf', { doc });
    return fileAnswer(pdf, 'application/pdf', `tindak-lanjut-rapat-${doc.issuedAt.slice(0, 10)}.pdf`);
  });
  implement(app, 'GET /followups/{id}', async (c, { params }) => getFollowup(authed(c, svc), params.id));
  implement(app, 'PATCH /followups/{id}', async (c, { params, body }) =>
    updateFollowup(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /followups/{id}/progress', async (c, { params, body }) =>
    recordProgress(authed(c, svc), params.id, body),
  );
  implement(app, 'POST /followups/{id}/files', async (c, { params }) => {
    const ctx = authed(c, svc);
    const u = await parseUpload(c);
    return attachFollowupEvidence(ctx, params.id, u);
  });
  implement(app, 'GET /followups/{id}/files/{fileId}', async (c, { params }) => {
    const f = await readFollowupFile(authed(c, svc), params.id, params.fileId);
    return fileAnswer(f.bytes, f.mime, f.filename);
  });
}
