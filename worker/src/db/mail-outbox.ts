// SQL for the mail outbox: every message the worker sends, with its transport outcome (support needs
// it, and locally it *is* the mailbox, shown at GET /dev/outbox).
import { isoNow } from '../time';

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
}

export function insertOutboxMailStatement(db: D1Database, m: OutboxMail, status: 'queued' | 'sent' | 'failed', now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO mail_outbox (to_email, subject, text_body, html_body, kind, status, date_created, date_sent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)',
    )
    .bind(m.to, m.subject, m.text, m.html ?? '', m.kind, status, now, status === 'sent' ? now : null);
}

/** Forgets mail recorded before `before` (the outbox keeps a bounded history). */
export function deleteOutboxMailBeforeStatement(db: D1Database, before: string): D1PreparedStatement {
  return db.prepare('DELETE FROM mail_outbox WHERE date_created < ?1').bind(before);
}

/** The latest messages, newest first (the local mailbox at GET /dev/outbox). */
export async function listOutboxMail(db: D1Database, limit = 100) {
  const { results } = await db
    .prepare('SELECT id, to_email AS "to", subject, text_body AS text, kind, status, date_created FROM mail_outbox ORDER BY id DESC LIMIT ?1')
    .bind(limit)
    .all<{ id: number; to: string; subject: string; text: string; kind: string; status: string; date_created: string }>();
  return results;
}
