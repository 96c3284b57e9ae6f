/**
 * Shapes the API returns, as zod schemas; each has a type of the same name (`z.infer`). The web
 * app imports only the types, with `import type`, so the schemas add nothing to its bundle.
 */
import { z } from 'zod';
import { listOf } from './contract/define.ts';
import type { DeadlineRule } from './deadlines.ts';
import { ROLES } from './policy.ts';
import { STAGES } from './stages.ts';

/** Text in both languages (src/domain/taxonomies.ts `Label`). */
export const LabelSchema = z.object({ id: z.string(), en: z.string() }).meta({ id: 'Label' });

/** src/domain/deadlines.ts `DeadlineRule`; the `satisfies` keeps the two lists the same. */
export const DeadlineRuleSchema = z
  .enum({
    respon_risiko_tinggi: 'respon_risiko_tinggi',
    respon_risiko_sedang: 'respon_risiko_sedang',
    tindak_lanjut: 'tindak_lanjut',
    lapor_polisi_tpks: 'lapor_polisi_tpks',
    restitusi: 'restitusi',
  } as const satisfies { [R in DeadlineRule]: R })
  .meta({ id: 'DeadlineRule' });

export const UserDto = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    orgId: z.string(),
    orgName: z.string(),
    jurisdiction: z.string(),
    jurisdictionName: z.string(),
    mfaEnabled: z.boolean(),
    /** true until the user has enrolled two-factor sign-in; the app shows enrolment first */
    mfaEnrolmentRequired: z.boolean(),
    demo: z.boolean(),
    disabled: z.boolean().optional(),
    version: z.number().optional(),
  })
  .meta({ id: 'UserDto' });
export type UserDto = z.infer<typeof UserDto>;

export const CaseSummaryDto = z
  .object({
    id: z.string(),
    number: z.string(),
    stage: z.enum(STAGES),
    risk: z.string().nullable(),
    caseType: z.string().nullable(),
    channel: z.string(),
    receivedAt: z.string(),
    jurisdiction: z.string(),
    managerId: z.string().nullable(),
    managerName: z.string().nullable(),
    victimCount: z.number(),
    overdueCount: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CaseSummaryDto' });
export type CaseSummaryDto = z.infer<typeof CaseSummaryDto>;

export const PersonDto = z
  .object({
    id: z.string(),
    role: z.enum(['korban', 'terlapor', 'pelapor']),
    name: z.string(),
    sex: z.string().nullable(),
    birthDate: z.string().nullable(),
    /** the officer's estimate */
    estimatedAge: z.number().nullable(),
    /** as told (src/domain/facts.ts AGE_GROUP_CODES); never turned into an age */
    ageGroup: z.string().nullable(),
    /** exact age from the birth date only; null without one */
    age: z.number().nullable(),
    /** what is known of the age, in words: "13–17 tahun (menurut pelapor)" */
    ageText: LabelSchema.nullable(),
    /** under 18 by the best fact known; null when nothing is known */
    child: z.boolean().nullable(),
    nik: z.string().nullable(),
    phone: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    addressDetail: z.string().nullable(),
    education: z.string().nullable(),
    occupation: z.string().nullable(),
    maritalStatus: z.string().nullable(),
    disability: z.boolean().nullable(),
    disabilityTypes: z.array(z.string()),
    accommodationNeeds: z.string().nullable(),
    nationality: z.string().nullable(),
    relationToVictim: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'PersonDto' });
export type PersonDto = z.infer<typeof PersonDto>;

export const IncidentDto = z
  .object({
    id: z.string(),
    /** as precisely as known: `YYYY-MM-DD`, `YYYY-MM` (month), `YYYY` (year); null for kurun/unknown */
    date: z.string().nullable(),
    /** src/domain/facts.ts DATE_PRECISIONS */
    datePrecision: z.string(),
    /** kurun: the window the reporter named, and the day it was said */
    toldWhen: z.string().nullable(),
    referenceDate: z.string().nullable(),
    /** the date in words: "sekitar Mei 2026", "dalam minggu sebelum 3 Des 2026 (menurut pelapor)" */
    dateText: LabelSchema,
    /** SIMFONI category; null = belum ditentukan */
    placeCategory: z.string().nullable(),
    /** the place as the reporter named it */
    placeText: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    forms: z.array(z.string()),
    tpksOffences: z.array(z.string()),
    ampkCategories: z.array(z.string()),
    chronology: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'IncidentDto' });
export type IncidentDto = z.infer<typeof IncidentDto>;

export const RecordDto = z
  .object({
    id: z.string(),
    kind: z.enum(['assessment', 'plan_item', 'service', 'right', 'note', 'diversion']),
    data: z.record(z.string(), z.unknown()),
    // a getter: ReferralLinkDto is declared further down, with the referrals
    /** plan items: the referrals carrying them out, with their state */
    get referrals() {
      return z.array(ReferralLinkDto).optional();
    },
    version: z.number(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    createdByName: z.string().nullable(),
  })
  .meta({ id: 'RecordDto' });
export type RecordDto = z.infer<typeof RecordDto>;

export const TaskDto = z
  .object({
    caseId: z.string(),
    caseNumber: z.string(),
    rule: DeadlineRuleSchema,
    label: LabelSchema,
    dueAt: z.string(),
    /** an ISO timestamp, or a date `YYYY-MM-DD` when only the day is known (a service recorded with a date) */
    doneAt: z.string().nullable(),
    overdue: z.boolean(),
    subjectId: z.string().optional(),
  })
  .meta({ id: 'TaskDto' });
export type TaskDto = z.infer<typeof TaskDto>;

/** One line of the managers' work queue: a case and the task that makes it urgent. */
export const QueueItemDto = z
  .object({
    caseId: z.string(),
    caseNumber: z.string(),
    stage: z.enum(STAGES),
    risk: z.string().nullable(),
    receivedAt: z.string(),
    managerId: z.string().nullable(),
    managerName: z.string().nullable(),
    /** unassigned: the earliest open task (null when none); due today: the task due today */
    task: TaskDto.pick({ rule: true, label: true, dueAt: true, overdue: true, subjectId: true }).nullable(),
  })
  .meta({ id: 'QueueItemDto' });
export type QueueItemDto = z.infer<typeof QueueItemDto>;

/** GET /work-queue: the top of a case manager's home page (decision 013). */
export const WorkQueueDto = z
  .object({
    /** the server's time the durations are measured from */
    asOf: z.string(),
    /** today's date in the kab/kota's own time zone */
    today: z.string(),
    /** open cases without a manager: high risk first, then by due time; at most 50 of `total` */
    unassigned: z.object({ items: z.array(QueueItemDto), total: z.number() }),
    /** open tasks due today (local day), any manager: high risk first, then by due time */
    dueToday: z.object({ items: z.array(QueueItemDto), total: z.number() }),
  })
  .meta({ id: 'WorkQueueDto' });
export type WorkQueueDto = z.infer<typeof WorkQueueDto>;

export const CaseDto = CaseSummaryDto.extend({
  version: z.number(),
  orgId: z.string(),
  orgName: z.string(),
  authority: z.string().nullable(),
  summary: z.string().nullable(),
  closureReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenCount: z.number(),
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })),
  persons: z.array(PersonDto),
  relationships: z.array(
    z.object({ id: z.string(), victimId: z.string(), perpetratorId: z.string(), relationship: z.string() }),
  ),
  incidents: z.array(IncidentDto),
  records: z.array(RecordDto),
  attachments: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      mime: z.string(),
      size: z.number(),
      createdAt: z.string(),
      createdByName: z.string().nullable(),
    }),
  ),
  tasks: z.array(TaskDto),
  /** the intake items this case came from or took in, for those who may read them (their inbox) */
  intake: z.array(
    z.object({ id: z.string(), code: z.string(), channel: z.string(), receivedAt: z.string() }),
  ),
  allowedTransitions: z.array(z.enum(STAGES)),
  permissions: z.object({
    update: z.boolean(),
    transition: z.boolean(),
    assign: z.boolean(),
    accessLog: z.boolean(),
  }),
}).meta({ id: 'CaseDto' });
export type CaseDto = z.infer<typeof CaseDto>;

export const TimelineEntryDto = z
  .object({
    at: z.string(),
    actorName: z.string().nullable(),
    type: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineEntryDto' });
export type TimelineEntryDto = z.infer<typeof TimelineEntryDto>;

export const AuditEventDto = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    entity: z.string().nullable(),
    entityId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    outcome: z.string(),
  })
  .meta({ id: 'AuditEventDto' });
export type AuditEventDto = z.infer<typeof AuditEventDto>;

/** An audit event for the auditor: the stored codes, and the same event in words (id/en). */
export const AuditEntryDto = AuditEventDto.extend({
  /** the user's name, or what acted without an account ("Sistem Simpul") */
  actor: LabelSchema,
  actorRoleLabel: LabelSchema.nullable(),
  actorOrg: z.object({ id: z.string(), name: z.string(), type: z.string() }).nullable(),
  category: z.string().nullable(),
  /** what was done, outcome included: "membaca bagian yang dibagikan pada rujukan (identitas, kronologi)" */
  words: LabelSchema,
  /** what it was about: "korban 1 · kasus PPA-3602-2026-000001", "akun Demo pengaduan lebak" */
  object: LabelSchema.nullable(),
}).meta({ id: 'AuditEntryDto' });
export type AuditEntryDto = z.infer<typeof AuditEntryDto>;

/** A page of the audit log (the one list shape, its count capped) and the zone of its dates. */
export const AuditPage = listOf(AuditEntryDto)
  .extend({
    /** the zone the date filters were read in */
    zone: z.string(),
    zoneAbbr: z.string(),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

/* ---- A case's access log (declared parts first: AccessLogDto is at the end) ---- */

export const AccessPersonDto = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    roleLabel: LabelSchema.nullable(),
    org: z.object({ id: z.string(), name: z.string(), typeLabel: LabelSchema.nullable() }),
    /** staff of a partner organisation (not a UPTD PPA / Dinas PPPA): a referral's recipient */
    partner: z.boolean(),
    /** staff of a UPTD PPA / Dinas PPPA of another kab/kota or the province */
    otherRegion: z.boolean(),
  })
  .meta({ id: 'AccessPersonDto' });
export type AccessPersonDto = z.infer<typeof AccessPersonDto>;

export const AccessItemDto = z
  .object({
    id: z.string(),
    action: z.string(),
    outcome: z.string(),
    words: LabelSchema,
    object: LabelSchema.nullable(),
    count: z.number(),
    firstAt: z.string(),
    lastAt: z.string(),
  })
  .meta({ id: 'AccessItemDto' });
export type AccessItemDto = z.infer<typeof AccessItemDto>;

export const AccessGroupDto = z
  .object({
    /** `${actorId ?? '-'}:${day}` */
    id: z.string(),
    day: z.string(),
    actor: z.object({
      id: z.string().nullable(),
      name: LabelSchema,
      role: z.string().nullable(),
      roleLabel: LabelSchema.nullable(),
      org: z.object({ id: z.string(), name: z.string(), typeLabel: LabelSchema.nullable() }).nullable(),
      partner: z.boolean(),
      otherRegion: z.boolean(),
    }),
    count: z.number(),
    firstAt: z.string(),
    lastAt: z.string(),
    items: z.array(AccessItemDto),
  })
  .meta({ id: 'AccessGroupDto' });
export type AccessGroupDto = z.infer<typeof AccessGroupDto>;

/** A case's access log: who saw this person's data, grouped by person and local day. */
/** A page of person-days (`items`, in the one list shape; `total` counts person-days, capped). */
export const AccessLogDto = listOf(AccessGroupDto)
  .extend({
    caseId: z.string(),
    /** the zone of the case's region; `day` is a calendar day there */
    zone: z.string(),
    zoneAbbr: z.string(),
    /** everyone in the log, for the person filter */
    people: z.array(AccessPersonDto),
  })
  .meta({ id: 'AccessLogDto' });
export type AccessLogDto = z.infer<typeof AccessLogDto>;

export const OrgDto = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    jurisdiction: z.string(),
    /** null also when withheld: see restrictedFields */
    address: z.string().nullable(),
    phone: z.string().nullable(),
    /** withheld from this reader: a safe house seen from outside its kab/kota */
    restrictedFields: z.array(z.enum(['address', 'phone'])),
    email: z.string().nullable(),
    /* directory of services (issue 4) */
    services: z.array(z.string()),
    areas: z.array(z.string()),
    hours: z.string().nullable(),
    languages: z.array(z.string()),
    accessibility: z.string().nullable(),
    website: z.string().nullable(),
    capacityTotal: z.number().nullable(),
    capacityFree: z.number().nullable(),
    verifiedAt: z.string().nullable(),
    active: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'OrgDto' });
export type OrgDto = z.infer<typeof OrgDto>;

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The schema of a `Page<z.infer<T>>`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

/* ---- Referrals (rujukan) ---- */

export const ReferralSide = z.enum(['pengirim', 'penerima']).meta({ id: 'ReferralSide' });
export type ReferralSide = z.infer<typeof ReferralSide>;

export const ReferralSummaryDto = z
  .object({
    id: z.string(),
    number: z.string(),
    /** the referring side only; null for the recipient */
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    fromOrg: z.object({ id: z.string(), name: z.string() }),
    toOrg: z.object({ id: z.string(), name: z.string(), onSimpul: z.boolean() }),
    services: z.array(z.string()),
    urgency: z.enum(['darurat', 'segera', 'biasa']),
    status: z.enum(['terkirim', 'diterima', 'ditolak', 'dalam_layanan', 'selesai', 'dibatalkan']),
    external: z.boolean(),
    sentAt: z.string(),
    acceptDueAt: z.string(),
    completeDueAt: z.string(),
    acceptedAt: z.string().nullable(),
    declinedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    /** which due date has passed, if any */
    overdue: z.enum(['accept', 'complete']).nullable(),
    consentWithdrawn: z.boolean(),
    /** always shown: what a recipient needs to decide (no name) */
    victim: z.object({
      sex: z.string().nullable(),
      ageGroup: z.string().nullable(),
      child: z.boolean().nullable(),
    }),
    version: z.number(),
  })
  .meta({ id: 'ReferralSummaryDto' });
export type ReferralSummaryDto = z.infer<typeof ReferralSummaryDto>;

export const SharedSectionsDto = z
  .object({
    identitas: z
      .object({
        name: z.string(),
        nik: z.string().nullable(),
        birthDate: z.string().nullable(),
        /** exact age from the birth date only */
        age: z.number().nullable(),
        /** what is known of the age, in words */
        ageText: LabelSchema.nullable(),
        sex: z.string().nullable(),
        disability: z.boolean().nullable(),
        disabilityTypes: z.array(z.string()),
        accommodationNeeds: z.string().nullable(),
      })
      .optional(),
    kontak: z
      .object({
        phone: z.string().nullable(),
        regionCode: z.string().nullable(),
        regionName: z.string().nullable(),
        address: z.string().nullable(),
      })
      .optional(),
    kronologi: z
      .array(
        z.object({
          date: z.string().nullable(),
          dateText: LabelSchema,
          placeCategory: z.string().nullable(),
          placeText: z.string().nullable(),
          regionName: z.string().nullable(),
          forms: z.array(z.string()),
          tpksOffences: z.array(z.string()),
          chronology: z.string().nullable(),
        }),
      )
      .optional(),
    asesmen: z
      .array(
        z.object({
          assessedOn: z.string().nullable(),
          physical: z.string().nullable(),
          psychological: z.string().nullable(),
          social: z.string().nullable(),
          economic: z.string().nullable(),
          education: z.string().nullable(),
          needs: z.string().nullable(),
        }),
      )
      .optional(),
    layanan: z
      .array(z.object({ service: z.string(), date: z.string(), providerName: z.string().nullable() }))
      .optional(),
  })
  .meta({ id: 'SharedSectionsDto' });
export type SharedSectionsDto = z.infer<typeof SharedSectionsDto>;

/** Another referral as a link: its number, state and recipient. */
export const ReferralLinkDto = z
  .object({
    id: z.string(),
    number: z.string(),
    status: ReferralSummaryDto.shape.status,
    toOrgName: z.string(),
  })
  .meta({ id: 'ReferralLinkDto' });
export type ReferralLinkDto = z.infer<typeof ReferralLinkDto>;

export const ReferralDto = ReferralSummaryDto.extend({
  side: ReferralSide,
  /** the victim referred (referring side only: "rujuk ulang" starts from the same victim) */
  personId: z.string().nullable(),
  /**
   * Why the recipient no longer sees the victim's data (decision 009), for both sides to read;
   * null while the recipient's view is open.
   */
  closedReason: z
    .enum(['persetujuan_dicabut', 'kasus_ditutup', 'selesai', 'ditolak', 'dibatalkan'])
    .nullable(),
  /** null for the recipient once its view has closed (closedReason) */
  purpose: z.string().nullable(),
  sections: z.array(z.string()),
  consent: z.object({
    basis: z.string(),
    /** who gave consent (referring side only) */
    givenBy: z.string().nullable(),
    relation: z.string().nullable(),
    givenAt: z.string(),
    withdrawnAt: z.string().nullable(),
  }),
  declineReason: z.string().nullable(),
  /** the recipient's own words: it keeps them after the referral ends */
  declineNote: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** the recipient's own words: it keeps them after the referral ends */
  outcome: z.string().nullable(),
  /** the shared sections, read live; null for the recipient once its view has closed */
  shared: SharedSectionsDto.nullable(),
  /** who handles it at the recipient and when the victim is expected (set on acceptance, both sides see it) */
  handling: z.object({
    /** a user of the receiving organisation (id) or a name typed in (id null) */
    officer: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
    appointmentAt: z.string().nullable(),
    appointmentPlace: z.string().nullable(),
  }),
  /** a police PPA unit's record: the police report number and the investigation's history; null for other recipients */
  police: z
    .object({
      lpNumber: z.string().nullable(),
      status: z.string().nullable(),
      history: z.array(
        z.object({
          id: z.string(),
          at: z.string(),
          status: z.string(),
          date: z.string(),
          note: z.string().nullable(),
          actorName: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  /** "rujuk ulang" links (referring side only): the referral this one sends again, and the one that sent this again */
  rereferralOf: ReferralLinkDto.nullable(),
  rereferredAs: ReferralLinkDto.nullable(),
  /** the intervention-plan item this referral carries out (referring side only) */
  planItem: z.object({ id: z.string(), service: z.string(), targetDate: z.string().nullable() }).nullable(),
  delivered: z.array(
    z.object({
      id: z.string(),
      service: z.string(),
      date: z.string(),
      outcome: z.string().nullable(),
      orgName: z.string().nullable(),
      recordedByName: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      type: z.string(),
      actorName: z.string().nullable(),
      actorOrgName: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      body: z.string().nullable(),
    }),
  ),
  /** printed on the letter, checked on the public page /verifikasi */
  verificationCode: z.string(),
  /** 'tidak_ada_kerja_sama' when the recipient has no active agreement with the referring Dinas */
  warnings: z.array(z.string()),
  permissions: z.object({
    accept: z.boolean(),
    decline: z.boolean(),
    recordService: z.boolean(),
    complete: z.boolean(),
    cancel: z.boolean(),
    withdrawConsent: z.boolean(),
    message: z.boolean(),
    letter: z.boolean(),
    /** change the officer or the appointment */
    handling: z.boolean(),
    /** record the police report number and investigation status (police PPA unit) */
    investigation: z.boolean(),
    /** send a declined or cancelled referral again ("rujuk ulang") */
    rerefer: z.boolean(),
  }),
}).meta({ id: 'ReferralDto' });
export type ReferralDto = z.infer<typeof ReferralDto>;

export const ReferralSuggestionDto = z
  .object({
    orgId: z.string(),
    name: z.string(),
    type: z.string(),
    services: z.array(z.string()),
    /** how close its area is to the victim's: desa, kecamatan, kabkota, provinsi, lain */
    proximity: z.enum(['desa', 'kecamatan', 'kabkota', 'provinsi', 'lain']),
    capacityFree: z.number().nullable(),
    activeAgreement: z.boolean(),
    onSimpul: z.boolean(),
    medianAcceptHours: z.number().nullable(),
    referralsLastYear: z.number(),
  })
  .meta({ id: 'ReferralSuggestionDto' });
export type ReferralSuggestionDto = z.infer<typeof ReferralSuggestionDto>;

/* ---- Transfers (pelimpahan) ---- */

export const TransferDto = z
  .object({
    id: z.string(),
    caseId: z.string(),
    caseNumber: z.string(),
    level: z.enum(['kabkota', 'provinsi', 'nasional']),
    fromJurisdiction: z.string(),
    fromJurisdictionName: z.string().nullable(),
    fromOrgName: z.string(),
    toJurisdiction: z.string().nullable(),
    toJurisdictionName: z.string().nullable(),
    toOrgName: z.string().nullable(),
    /** the reason, for the two offices involved */
    reason: z.string().nullable(),
    status: z.enum(['diajukan', 'diterima', 'ditolak', 'dibatalkan']),
    requestedAt: z.string(),
    requestedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    declineReason: z.string().nullable(),
    version: z.number(),
    permissions: z.object({ accept: z.boolean(), decline: z.boolean(), cancel: z.boolean() }),
  })
  .meta({ id: 'TransferDto' });
export type TransferDto = z.infer<typeof TransferDto>;

/* ---- Directory, agreements, requests to join, partner performance ---- */

export const DirectoryEntryDto = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    jurisdiction: z.string(),
    /** null also when withheld: see restrictedFields */
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    /** fields withheld from this reader because the organisation's location is secret (a safe house
     *  seen by staff of another kab/kota) */
    restrictedFields: z.array(z.enum(['address', 'phone'])),
    services: z.array(z.string()),
    areas: z.array(z.string()),
    hours: z.string().nullable(),
    languages: z.array(z.string()),
    accessibility: z.string().nullable(),
    capacityTotal: z.number().nullable(),
    capacityFree: z.number().nullable(),
    capacityUpdatedAt: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    /** never verified, or last verified more than six months ago */
    verificationDue: z.boolean(),
    /** at least one active user: referrals reach it inside Simpul */
    onSimpul: z.boolean(),
    /** the agreement with the reader's Dinas (kab/kota or province) covering today */
    activeAgreement: z.object({ number: z.string(), endsOn: z.string() }).nullable(),
    agreementEndingSoon: z.boolean(),
    version: z.number(),
    permissions: z.object({ updateCapacity: z.boolean(), verify: z.boolean() }),
  })
  .meta({ id: 'DirectoryEntryDto' });
export type DirectoryEntryDto = z.infer<typeof DirectoryEntryDto>;

export const AgreementDto = z
  .object({
    id: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    jurisdiction: z.string(),
    kind: z.enum(['mou', 'pks', 'naskah']),
    number: z.string(),
    /** the parties as the text names them */
    parties: z.string(),
    /** the organisations that are parties, by role (pihak pertama first; decision 033) */
    partyOrgs: z.array(
      z.object({
        orgId: z.string(),
        orgName: z.string(),
        orgType: z.string(),
        role: z.enum([
          'pihak_pertama',
          'pihak_kedua',
          'pihak_ketiga',
          'pihak_keempat',
          'pihak_kelima',
          'pihak_keenam',
          'mengetahui',
        ]),
      }),
    ),
    /** the reader may change it, its parties and its document */
    canManage: z.boolean(),
    /** the meeting that decided it (/rapat/<id>); its title and start only for the Dinas's readers */
    meetingId: z.string().nullable(),
    meeting: z.object({ title: z.string(), startsAt: z.string() }).nullable(),
    subject: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    status: z.enum(['belum_berlaku', 'aktif', 'akan_berakhir', 'berakhir']),
    /** days until it ends (negative once ended) */
    daysLeft: z.number(),
    documentName: z.string().nullable(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AgreementDto' });
export type AgreementDto = z.infer<typeof AgreementDto>;

export const JoinRequestDto = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    orgName: z.string(),
    orgType: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    services: z.array(z.string()),
    /** null when withheld: see restrictedFields */
    address: z.string().nullable(),
    phone: z.string().nullable(),
    /** withheld from this reader: a safe house asking to join, read from outside its kab/kota */
    restrictedFields: z.array(z.enum(['address', 'phone'])),
    email: z.string(),
    contactName: z.string(),
    contactPosition: z.string().nullable(),
    message: z.string().nullable(),
    status: z.enum(['baru', 'diterima', 'ditolak']),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decisionNote: z.string().nullable(),
    orgId: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'JoinRequestDto' });
export type JoinRequestDto = z.infer<typeof JoinRequestDto>;

export const PartnerPerformanceDto = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.array(
      z.object({
        orgId: z.string(),
        orgName: z.string(),
        service: z.string(),
        received: z.number(),
        accepted: z.number(),
        declined: z.number(),
        completed: z.number(),
        cancelled: z.number(),
        medianAcceptHours: z.number().nullable(),
        medianCompleteDays: z.number().nullable(),
        overdue: z.number(),
        overdueAccept: z.number(),
        overdueComplete: z.number(),
      }),
    ),
  })
  .meta({ id: 'PartnerPerformanceDto' });
export type PartnerPerformanceDto = z.infer<typeof PartnerPerformanceDto>;
