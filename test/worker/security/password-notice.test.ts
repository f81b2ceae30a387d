// Issue 13, item 1: the owner hears of every way in that is added, removed or replaced. Linking and
// unlinking a provider mail them (oidc-linking.test.ts); so does a password change or a completed reset
// (whoever did it: the notice reaches the mailbox owner, who can react), in the shopper's language.
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/api';
import { mailsTo, waitForMail } from '../../helpers/email-verified';
import { bearer, PASSWORD, signUp } from '../../helpers/shopper';

describe('the owner is told when the password changes', () => {
  it('a password change mails a notice in the shopper’s language, with no code and no link', async () => {
    const s = await signUp();
    const res = await call('POST', '/storefront/customer/password', {
      headers: bearer(s.accessToken),
      body: { current_password: PASSWORD, new_password: 'a-new-pass-phrase-1', locale: 'de' },
    });
    expect(res.status, res.text).toBe(200);
    const notice = await waitForMail(s.email, 'password_changed');
    expect(notice.subject).toBe('Ihr Passwort wurde geändert');
    expect(notice.text).not.toMatch(/https?:\/\/|\b\d{6}\b/);
  });

  it('a completed reset mails a notice too; a refused one does not', async () => {
    const s = await signUp();
    await call('POST', '/storefront/password-reset', { body: { email: s.email } });
    const token = /#reset-password=([\w-]+)/.exec((await waitForMail(s.email, 'password_reset')).text)![1]!;
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'short' } })).status).toBe(422);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a notice would have landed by now
    expect(await mailsTo(s.email, 'password_changed')).toEqual([]);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'reset-pass-phrase-2' } })).status).toBe(204);
    expect((await waitForMail(s.email, 'password_changed')).subject).toBe('Your password was changed');
  });
});
