// Reading the codes of proven email ownership (issue 12) from the outbox, and the email change they
// complete: the way a shopper would, through their mailbox (locally the outbox).
import { call } from './api';
import { waitForMail } from './email-verified';
import { bearer } from './shopper';

/** The 6-digit code of the newest mail of `purpose` to `email` (waits for mails sent after the response). */
export async function latestCode(email: string, purpose: 'verify' | 'sign_in' | 'email_change'): Promise<string> {
  const mail = await waitForMail(email, `email_code_${purpose}`);
  const m = /#email-(?:code|change)=(\d{6})/.exec(mail.text);
  if (!m) throw new Error(`no code in ${mail.text}`);
  return m[1]!;
}

/** Requests an email change and confirms it with the code mailed to the new address; answers the confirmation. */
export async function changeEmail(accessToken: string, newEmail: string, currentPassword: string) {
  const asked = await call('PATCH', '/storefront/customer', {
    headers: bearer(accessToken),
    body: { email: newEmail, current_password: currentPassword },
  });
  if (asked.status !== 200) throw new Error(`email change refused ${asked.status}: ${asked.text}`);
  const code = await latestCode(newEmail, 'email_change');
  return call('POST', '/storefront/customer/email/confirm', { headers: bearer(accessToken), body: { code } });
}
