// Outgoing mail (password reset links, emailed codes, confirmation links). Every message is recorded in
// the D1 outbox (db/mail-outbox.ts: what was sent, to whom, when: support needs it, and locally it *is*
// the mailbox, shown at GET /dev/outbox). MAILER picks the transport: "outbox" (default, record only),
// "send_email" (Cloudflare's send_email binding MAIL), or "http" (POST JSON to MAIL_API_URL with
// MAIL_API_KEY).
// Outside local runs the outbox keeps no bodies: they carry reset links and sign-in codes, and anyone
// with read access to D1 (the dashboard, exports, Time Travel) could otherwise take over an account.
// It keeps kind, recipient, subject, status and time, for 30 days.
import { runBatch } from '../db/batch';
import { deleteOutboxMailBeforeStatement, insertOutboxMailStatement, listOutboxMail } from '../db/mail-outbox';
import type { Bindings } from '../env';
import { addSeconds, isoNow } from '../time';

const OUTBOX_RETENTION_DAYS = 30;
const NOT_STORED = '(not stored outside local runs: mail bodies can carry sign-in secrets)';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What kind of mail this is, e.g. "password_reset" (for the outbox and support). */
  kind: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Local runs keep whole messages (the outbox is their mailbox); anywhere else, no body. */
const keepsBodies = (env: Bindings) => env.ENVIRONMENT === 'local' || env.ENVIRONMENT === 'test';

async function recordOutbox(env: Bindings, m: MailMessage, status: 'sent' | 'failed'): Promise<void> {
  const now = isoNow();
  const stored = keepsBodies(env) ? m : { ...m, text: NOT_STORED, html: '' };
  await runBatch(env.DB, [
    insertOutboxMailStatement(env.DB, stored, status, now),
    deleteOutboxMailBeforeStatement(env.DB, addSeconds(now, -OUTBOX_RETENTION_DAYS * 86_400)),
  ]);
}

/** A minimal RFC 5322 message for the send_email binding (plain text, UTF-8). */
function rawMime(from: string, m: MailMessage): string {
  const encodedSubject = `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(m.subject)))}?=`;
  return [
    `From: ${from}`,
    `To: ${m.to}`,
    `Subject: ${encodedSubject}`,
    `Message-ID: <${crypto.randomUUID()}@${from.split('@')[1] ?? 'localhost'}>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    m.text,
  ].join('\r\n');
}

export function mailerFor(env: Bindings): Mailer {
  const from = env.MAIL_FROM ?? 'accounts@localhost';
  const transport = env.MAILER ?? 'outbox';
  return {
    async send(m) {
      try {
        if (transport === 'send_email' && env.MAIL) {
          // cloudflare:email's EmailMessage is constructed by the binding from (from, to, raw).
          const { EmailMessage } = await import('cloudflare:email');
          await env.MAIL.send(new EmailMessage(from, m.to, rawMime(from, m)));
        } else if (transport === 'http' && env.MAIL_API_URL) {
          const res = await fetch(env.MAIL_API_URL, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${env.MAIL_API_KEY ?? ''}` },
            body: JSON.stringify({ from, to: [m.to], subject: m.subject, text: m.text, html: m.html }),
          });
          if (!res.ok) throw new Error(`mail API answered ${res.status}`);
        }
        await recordOutbox(env, m, 'sent');
      } catch (err) {
        console.error('mail failed', m.kind, err instanceof Error ? err.message : err);
        await recordOutbox(env, m, 'failed');
      }
    },
  };
}

/** The newest mails of the outbox, newest first (locally the mailbox: GET /dev/outbox). */
export function listOutbox(db: D1Database, limit = 100) {
  return listOutboxMail(db, limit);
}
