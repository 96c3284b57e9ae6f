import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { trainingCertificate } from '../../app/training/certificate.ts';
import { createTrainingEvent } from '../../app/training/create-event.ts';
import {
  addEventFile,
  listEventFiles,
  readEventFile,
  removeEventFile,
} from '../../app/training/event-files.ts';
import { getEvent, listEvents } from '../../app/training/list-events.ts';
import { trainingOptions } from '../../app/training/options.ts';
import {
  addParticipant,
  listEventParticipants,
  removeParticipant,
  updateEventParticipant,
} from '../../app/training/participants.ts';
import { trainingRecord } from '../../app/training/records.ts';
import { getRequirements, setRequirements, trainingGapView } from '../../app/training/requirements.ts';
import { createType, listTypes, updateType } from '../../app/training/types.ts';
import { deleteEvent, updateEvent } from '../../app/training/update-event.ts';
import { wholeList } from '../../domain/contract/define.ts';
import { occasional } from '../../occasional/pool.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';
import { parseUpload } from '../upload.ts';

/** Training and capacity (issue 12 §2): /training/… */
export function trainingRoutes(
  app: OpenAPIHono<AppEnv>,
  svc: Services,
  opts: { publicUrl?: string | undefined },
) {
  implement(app, 'GET /training/types', async (c) => listTypes(authed(c, svc)));
  implement(app, 'POST /training/types', async (c, { body }) => createType(authed(c, svc), body));
  implement(app, 'PATCH /training/types/{id}', async (c, { params, body }) =>
    updateType(authed(c, svc), params.id, body),
  );
  implement(app, 'GET /training/options', async (c) => trainingOptions(authed(c, svc)));

  implement(app, 'GET /training/events', async (c, { query }) => listEvents(authed(c, svc), query));
  implement(app, 'POST /training/events', async (c, { body }) => {
    const ctx = authed(c, svc);
    return creating(c, 'POST /training/events', body, (key) => createTrainingEvent(ctx, body, key));
  });
  implement(app, 'GET /training/events/{id}', async (c, { params }) => getEvent(authed(c, svc), params.id));
  implement(app, 'PATCH /training/events/{id}', async (c, { params, body }) =>
    updateEvent(authed(c, svc), params.id, body),
  );
  implement(app, 'DELETE /training/events/{id}', async (c, { params, query }) => {
    await deleteEvent(authed(c, svc), params.id, query.version);
  });

  implement(app, 'GET /training/events/{id}/participants', async (c, { params }) =>
    listEventParticipants(authed(c, svc), params.id),
  );
  implement(app, 'POST /training/events/{id}/participants', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /training/events/${params.id}/participants`, body, (key) =>
      addParticipant(ctx, params.id, body, key),
    );
  });
  implement(app, 'PATCH /training/events/{id}/participants/{pid}', async (c, { params, body }) =>
    updateEventParticipant(authed(c, svc), params.id, params.pid, body),
  );
  implement(app, 'DELETE /training/events/{id}/participants/{pid}', async (c, { params, query }) => {
    await removeParticipant(authed(c, svc), params.id, params.pid, query.version);
  });
  implement(app, 'GET /training/events/{id}/participants/{pid}/certificate.pdf', async (c, { params }) => {
    const cert = await trainingCertificate(authed(c, svc), params.id, params.pid);
    // rendered in the occasional worker: pdfkit and the fonts leave memory with it (decision 020)
    const pdf = await occasional('trainingCertificatePdf', {
      certificate: cert,
      // the address printed and in the QR code: SIMPUL_PUBLIC_URL, else this server's, as the posters
      opts: { publicUrl: opts.publicUrl ?? new URL(c.req.url).origin },
    });
    return fileAnswer(pdf, 'application/pdf', `sertifikat-${cert.code}.pdf`);
  });

  implement(app, 'GET /training/events/{id}/files', async (c, { params }) =>
    wholeList(await listEventFiles(authed(c, svc), params.id)),
  );
  implement(app, 'POST /training/events/{id}/files', async (c, { params }) => {
    const ctx = authed(c, svc);
    const up = await parseUpload(c);
    const asked = { name: up.name, size: up.bytes.byteLength };
    return creating(c, `POST /training/events/${params.id}/files`, asked, (key) =>
      addEventFile(ctx, params.id, { name: up.name, bytes: up.bytes }, key),
    );
  });
  implement(app, 'GET /training/events/{id}/files/{fileId}', async (c, { params }) => {
    const f = await readEventFile(authed(c, svc), params.id, params.fileId);
    return fileAnswer(f.bytes, f.mime, f.filename);
  });
  implement(app, 'DELETE /training/events/{id}/files/{fileId}', async (c, { params }) => {
    await removeEventFile(authed(c, svc), params.id, params.fileId);
  });

  implement(app, 'GET /training/records/me', async (c) => trainingRecord(authed(c, svc), 'me'));
  implement(app, 'GET /training/records/{userId}', async (c, { params }) =>
    trainingRecord(authed(c, svc), params.userId),
  );
  implement(app, 'GET /training/requirements', async (c) => getRequirements(authed(c, svc)));
  implement(app, 'PUT /training/requirements', async (c, { body }) => setRequirements(authed(c, svc), body));
  implement(app, 'GET /training/gaps', async (c) => trainingGapView(authed(c, svc)));
}
