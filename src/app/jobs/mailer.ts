/**
 * Sending notification e-mail through SMTP (nodemailer). One transport per settings object;
 * connection URL, sender and timeouts come from the configuration (SMTP_URL, SMTP_FROM).
 */
import type { createTransport } from 'nodemailer';
import type { MailSettings } from '../../config.ts';

type Transport = ReturnType<typeof createTransport>;
const transports = new WeakMap<MailSettings, Transport>();

/** nodemailer is loaded with the first e-mail: an installation without SMTP never holds it (decision 020). */
async function transport(s: MailSettings): Promise<Transport> {
  let t = transports.get(s);
  if (!t) {
    const { createTransport } = await import('nodemailer');
    t = createTransport({
      url: s.url,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    transports.set(s, t);
  }
  return t;
}

export type OutgoingMail = { to: string; subject: string; text: string };

export async function sendMail(s: MailSettings, m: OutgoingMail): Promise<void> {
  await (await transport(s)).sendMail({ from: s.from, to: m.to, subject: m.subject, text: m.text });
}

/**
 * A description of a sending failure that is safe to store and log: nodemailer's error code and
 * the SMTP reply code, never the addresses or the server's reply text (which may quote them).
 */
export function mailError(e: unknown): string {
  const x = e as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = ['smtp'];
  if (typeof x?.code === 'string') parts.push(x.code);
  if (typeof x?.responseCode === 'number') parts.push(String(x.responseCode));
  if (typeof x?.command === 'string') parts.push(`at ${x.command.split(' ')[0]}`);
  return parts.length > 1 ? parts.join(' ') : 'smtp error';
}
