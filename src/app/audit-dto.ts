/** Audit rows as the API shows them (audit log page and a case's access-log tab). */
import type { AuditEventDto } from '../domain/dto.ts';

type AuditRow = {
  id: string | number;
  at: unknown;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  outcome: string;
};

export function auditEventDto(r: AuditRow): AuditEventDto {
  return {
    id: String(r.id),
    at: new Date(r.at as string).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    outcome: r.outcome,
  };
}
