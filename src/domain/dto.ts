/**
 * Shapes the API returns. Types only: the web app imports them with `import type`, so they add
 * nothing to its bundle.
 */
import type { DeadlineRule } from './deadlines.ts';
import type { Role } from './policy.ts';
import type { Stage } from './stages.ts';

export type UserDto = {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
  jurisdiction: string;
  jurisdictionName: string;
  mfaEnabled: boolean;
  /** true until the user has enrolled two-factor sign-in; the app shows enrolment first */
  mfaEnrolmentRequired: boolean;
  demo: boolean;
  disabled?: boolean;
  version?: number;
};

export type CaseSummaryDto = {
  id: string;
  number: string;
  stage: Stage;
  risk: string | null;
  caseType: string | null;
  channel: string;
  receivedAt: string;
  jurisdiction: string;
  managerId: string | null;
  managerName: string | null;
  victimCount: number;
  overdueCount: number;
  updatedAt: string;
};

export type PersonDto = {
  id: string;
  role: 'korban' | 'terlapor' | 'pelapor';
  name: string;
  sex: string | null;
  birthDate: string | null;
  estimatedAge: number | null;
  age: number | null;
  nik: string | null;
  phone: string | null;
  regionCode: string | null;
  regionName: string | null;
  addressDetail: string | null;
  education: string | null;
  occupation: string | null;
  maritalStatus: string | null;
  disability: boolean | null;
  disabilityTypes: string[];
  accommodationNeeds: string | null;
  nationality: string | null;
  relationToVictim: string | null;
  version: number;
};

export type IncidentDto = {
  id: string;
  date: string;
  dateApproximate: boolean;
  placeCategory: string;
  regionCode: string | null;
  regionName: string | null;
  forms: string[];
  tpksOffences: string[];
  ampkCategories: string[];
  chronology: string | null;
  version: number;
};

export type RecordDto = {
  id: string;
  kind: 'assessment' | 'plan_item' | 'service' | 'right' | 'note';
  data: Record<string, unknown>;
  version: number;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
};

export type TaskDto = {
  caseId: string;
  caseNumber: string;
  rule: DeadlineRule;
  label: { id: string; en: string };
  dueAt: string;
  doneAt: string | null;
  overdue: boolean;
  subjectId?: string;
};

export type CaseDto = CaseSummaryDto & {
  version: number;
  orgId: string;
  orgName: string;
  authority: string | null;
  summary: string | null;
  closureReason: string | null;
  closedAt: string | null;
  reopenCount: number;
  members: Array<{ id: string; name: string; role: Role }>;
  persons: PersonDto[];
  relationships: Array<{ id: string; victimId: string; perpetratorId: string; relationship: string }>;
  incidents: IncidentDto[];
  records: RecordDto[];
  attachments: Array<{
    id: string;
    filename: string;
    mime: string;
    size: number;
    createdAt: string;
    createdByName: string | null;
  }>;
  tasks: TaskDto[];
  allowedTransitions: Stage[];
  permissions: { update: boolean; transition: boolean; assign: boolean; accessLog: boolean };
};

export type TimelineEntryDto = {
  at: string;
  actorName: string | null;
  type: string;
  data: Record<string, unknown>;
};

export type AuditEventDto = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  outcome: string;
};

export type OrgDto = {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  regionName: string | null;
  jurisdiction: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  version: number;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
