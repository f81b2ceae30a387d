// Fixtures around proven email ownership: mark a customer's email verified directly in D1 (the code
// flow has its own tests), and wait for a mail sent after the response (waitUntil) to reach the outbox.
import { env } from 'cloudflare:test';
import { listOutboxMail } from '../../worker/src/db/mail-outbox';

/** Marks the customer's email verified, as a confirmed code would. Access tokens stay valid. */
export async function markVerified(customerId: number): Promise<void> {
  await env.DB.prepare("UPDATE customers SET email_verified_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1").bind(customerId).run();
}

/** The mails of `kind` to `email` in the outbox, newest first (any case of the address). */
export async function mailsTo(email: string, kind: string) {
  return (await listOutboxMail(env.DB, 500)).filter((m) => m.to.toLowerCase() === email.toLowerCase() && m.kind === kind);
}

/**
 * The newest mail of `kind` to `email`, waiting up to `timeoutMs` for it: mails sent after the response
 * (waitUntil) may land a moment after the request answered.
 */
export async function waitForMail(email: string, kind: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [mail] = await mailsTo(email, kind);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no ${kind} mail to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits `ms` (to let background work of a request finish before asserting it did nothing). */
export const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));
