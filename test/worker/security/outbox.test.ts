// The D1 outbox outside local runs: no mail body (they carry reset links and sign-in codes, which anyone
// with D1 read access could use), and a bounded history.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { prepareEmailCode } from '../../../worker/src/accounts/email-ownership';
import { sendClaimCode } from '../../../worker/src/accounts/order-claims';
import { runBatch } from '../../../worker/src/db/batch';
import { insertOutboxMailStatement } from '../../../worker/src/db/mail-outbox';
import { mailerFor } from '../../../worker/src/mail/mailer';
import { uniqueEmail } from '../../helpers/api';
import { newShopper } from '../accounts/records-fixtures';

const row = (to: string) =>
  env.DB.prepare('SELECT subject, text_body, html_body, kind, status FROM mail_outbox WHERE to_email = ?1').bind(to).first<Record<string, string>>();

describe('mail outbox', () => {
  it('keeps no body outside local runs, only kind, recipient, subject and status', async () => {
    const to = uniqueEmail('prod');
    await mailerFor({ ...env, ENVIRONMENT: 'production' }).send({
      to,
      kind: 'password_reset',
      subject: 'Reset your password',
      text: 'Open https://shop.test/#reset-password=secret-token-123',
      html: '<a href="https://shop.test/#reset-password=secret-token-123">Reset</a>',
    });
    const stored = await row(to);
    expect(stored).toMatchObject({ subject: 'Reset your password', kind: 'password_reset', status: 'sent', html_body: '' });
    expect(stored!.text_body).not.toContain('secret-token-123');
  });

  it('stores no code anywhere in the row of a real code mail (subject included), in every locale and purpose', async () => {
    const production = { ...env, ENVIRONMENT: 'production' };
    for (const locale of ['en', 'de', 'fr'] as const) {
      for (const purpose of ['verify', 'sign_in', 'email_change'] as const) {
        const to = uniqueEmail(`code-${locale}-${purpose}`);
        const { statements, message } = await prepareEmailCode(env.DB, {
          purpose,
          email: to,
          customerId: null,
          locale,
          accountUrl: 'https://shop.test/',
        });
        await runBatch(env.DB, statements);
        const code = /#email-(?:code|change)=(\d{6})/.exec(message.text)![1]!;
        expect(message.subject).not.toContain(code);
        await mailerFor(production).send(message);
        const stored = await env.DB.prepare('SELECT * FROM mail_outbox WHERE to_email = ?1').bind(to.toLowerCase()).first<Record<string, unknown>>();
        expect(stored).not.toBeNull();
        for (const [column, value] of Object.entries(stored!)) expect(String(value), column).not.toContain(code);
      }
    }
  });

  it('stores no claim code in the row of a production claim-code mail', async () => {
    const shopper = await newShopper({ email: uniqueEmail('claim-prod') });
    await sendClaimCode({ ...env, ENVIRONMENT: 'production' }, shopper);
    const stored = await env.DB.prepare("SELECT subject, text_body, html_body FROM mail_outbox WHERE to_email = ?1 AND kind = 'order_claim'")
      .bind(shopper.email)
      .first<Record<string, string>>();
    expect(stored).not.toBeNull();
    for (const column of ['subject', 'text_body', 'html_body']) expect(stored![column], column).not.toMatch(/\d{6}/);
  });

  it('keeps whole messages in local runs (the outbox is the local mailbox)', async () => {
    const to = uniqueEmail('local');
    await mailerFor({ ...env, ENVIRONMENT: 'local' }).send({ to, kind: 'email_code_sign_in', subject: 'Your code', text: 'Your code is 123456' });
    expect((await row(to))!.text_body).toBe('Your code is 123456');
  });

  it('forgets mail older than 30 days as new mail is recorded', async () => {
    const old = uniqueEmail('old');
    const recent = uniqueEmail('recent');
    await runBatch(env.DB, [
      insertOutboxMailStatement(env.DB, { to: old, subject: 'old', text: 'x', kind: 'test' }, 'sent', '2020-01-01T00:00:00Z'),
      insertOutboxMailStatement(
        env.DB,
        { to: recent, subject: 'recent', text: 'x', kind: 'test' },
        'sent',
        new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ),
    ]);
    await mailerFor(env).send({ to: uniqueEmail('new'), kind: 'test', subject: 'new', text: 'x' });
    expect(await row(old)).toBeNull();
    expect(await row(recent)).not.toBeNull();
  });
});
