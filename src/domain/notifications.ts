/**
 * Notifications outside Simpul and the job queue that sends them: retry schedule, the text of a
 * notification e-mail and WhatsApp template, and the inputs of the notification API. Pure rules,
 * no I/O. A notification never carries personal data: only its kind, a reference number (of a
 * referral, transfer, agreement or case — never a name), for a case task which task it is (its
 * deadline rule), and a link into Simpul.
 */
import { z } from 'zod';
import { DEADLINE_LABELS, type DeadlineRule } from './deadlines.ts';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind } from './referrals.ts';
import type { Label } from './taxonomies.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Waits after the 1st, 2nd, … failure of a job; the last one repeats until MAX_JOB_ATTEMPTS. */
export const JOB_BACKOFF_MS: readonly number[] = [1 * MIN, 5 * MIN, 30 * MIN, 2 * HOUR, 12 * HOUR];
/** After this many failed runs a job is given up ('gagal'). */
export const MAX_JOB_ATTEMPTS = 8;

/**
 * When a job that has now failed `attempts` times (1 or more) runs again, or null when it is
 * given up.
 */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_JOB_ATTEMPTS) return null;
  const i = Math.min(Math.max(attempts, 1), JOB_BACKOFF_MS.length) - 1;
  return new Date(now.getTime() + JOB_BACKOFF_MS[i]!);
}

export function notificationLabel(kind: string): Label {
  return (
    NOTIFICATION_LABELS[kind as NotificationKind] ?? { id: 'Pemberitahuan Simpul', en: 'Simpul notification' }
  );
}

/** The topic of a notice about a due date (a follow-up's tenggat): `due:YYYY-MM-DD`. */
export function dueTopic(day: string): string {
  return `due:${day}`;
}

const DUE_DAY: Record<'id' | 'en', Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', dateStyle: 'medium' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium' }),
};

/**
 * The label of a notification's topic, in both languages: a deadline rule (what is due or
 * overdue), or a due date ("Tenggat 25 Nov 2026" / "Due 25 Nov 2026"); null if none.
 */
export function topicLabel(topic: string | null | undefined): Label | null {
  if (!topic) return null;
  const due = /^due:(\d{4}-\d{2}-\d{2})$/.exec(topic)?.[1];
  if (due) {
    const d = new Date(`${due}T00:00:00Z`);
    if (Number.isNaN(d.getTime())) return null;
    return { id: `Tenggat ${DUE_DAY.id.format(d)}`, en: `Due ${DUE_DAY.en.format(d)}` };
  }
  return DEADLINE_LABELS[topic as DeadlineRule] ?? null;
}

/** A sentence the e-mail of some kinds adds after the reference. */
const NOTIFICATION_HINTS: Partial<Record<string, Label>> = {
  jangkar_audit: {
    id: 'Nomor di atas adalah kepala rantai log audit Simpul hari ini. Simpan pesan ini di luar Simpul. Bila suatu saat log audit diragukan, operator dapat memeriksanya dengan: simpul audit verify --head <nomor>. Log yang dipotong atau ditulis ulang tidak akan cocok dengan nomor ini.',
    en: "The reference above is today's head of the Simpul audit log chain. Keep this message outside Simpul. If the audit log is ever in doubt, the operator can check it with: simpul audit verify --head <reference>. A log that was cut short or rewritten will not match it.",
  },
};

type Outgoing = { kind: string; ref: string | null; topic?: string | null; url: string };

/** Absolute link of a notification: `link` is a path inside the staff app. */
export function absoluteLink(publicUrl: string, link: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${link.startsWith('/') ? link : `/${link}`}`;
}

/**
 * The e-mail for a notification: Bahasa Indonesia first, English below. Only the kind, the
 * reference number, the task (for case deadlines) and the link — whoever reads the mailbox
 * learns nothing about a victim.
 */
export function notificationEmail(n: Outgoing) {
  const label = notificationLabel(n.kind);
  const topic = topicLabel(n.topic);
  const hint = NOTIFICATION_HINTS[n.kind];
  const subject = `[Simpul] ${label.id}${n.ref ? ` — ${n.ref}` : ''}`;
  const lines = [
    'Yth. Bapak/Ibu,',
    '',
    `${label.id}.`,
    ...(n.ref ? [`Nomor: ${n.ref}`] : []),
    ...(topic ? [`Tugas: ${topic.id}`] : []),
    ...(hint ? ['', hint.id] : []),
    '',
    'Silakan masuk ke Simpul untuk melihat rinciannya:',
    n.url,
    '',
    'Pesan ini dikirim otomatis oleh Simpul dan sengaja tidak memuat data pribadi. Jangan membalas pesan ini.',
    'Pengaturan pemberitahuan dapat diubah di halaman Notifikasi.',
    '',
    '---',
    `${label.en}.`,
    ...(n.ref ? [`Reference: ${n.ref}`] : []),
    ...(topic ? [`Task: ${topic.en}`] : []),
    ...(hint ? [hint.en] : []),
    `Sign in to Simpul to see the details: ${n.url}`,
    'This message was sent automatically and deliberately holds no personal data. Do not reply.',
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}

/** Body parameters of the WhatsApp notification template: {{1}} the label, {{2}} the link. */
export function whatsappTemplateParams(n: Outgoing): string[] {
  const label = notificationLabel(n.kind);
  const topic = topicLabel(n.topic);
  const text = `${label.id}${topic ? `: ${topic.id}` : ''}`;
  return [n.ref ? `${text} (${n.ref})` : text, n.url];
}

/** A mobile number as WhatsApp wants it: digits only, country code 62, no leading 0 or +. */
export function whatsappNumber(phone: string): string {
  const d = phone.replace(/\D/g, '');
  if (d.startsWith('62')) return d;
  if (d.startsWith('0')) return `62${d.slice(1)}`;
  return d;
}

// ---- API inputs

/** An Indonesian mobile number (WhatsApp runs on mobiles only): 08…, 628… or +628…. */
const mobilePhone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s\-().]/g, ''))
  .refine((s) => /^(\+62|62|0)8\d{7,12}$/.test(s), 'invalid_phone');

export const NotificationSettingsInput = z.strictObject({
  email: z.boolean(),
  whatsappPhone: mobilePhone.nullable(),
});
export type NotificationSettingsInput = z.infer<typeof NotificationSettingsInput>;

export const NotificationListQuery = z.strictObject({
  unread: z.enum(['1', '0']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationIdParams = z.strictObject({ id: z.uuid('invalid_id') });

export function isNotificationKind(k: string): k is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(k);
}
