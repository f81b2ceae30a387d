// The texts of the mails shoppers get, in the shop's languages (en, de, fr; the widget sends the
// shopper's locale). Each template answers a subject, a plain-text body and a minimal HTML body (the
// same words; every interpolated value escaped). Codes and links in these mails are like reset links:
// they are recorded in the D1 outbox with the mail (issue 13 redacts the outbox outside local runs).
export const LOCALES = ['en', 'de', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** A locale we have texts for; anything else is English. */
export const localeOf = (value: string | undefined): Locale => ((LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : 'en');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Paragraphs → text and HTML; `link` (if any) is shown as a link after the code. */
function render(subject: string, paragraphs: string[], extra: { code?: string; link?: string; linkLabel?: string } = {}): MailContent {
  const textParts = [...paragraphs];
  const htmlParts = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  if (extra.code) {
    textParts.splice(1, 0, extra.code);
    htmlParts.splice(1, 0, `<p style="font-size:24px;font-weight:bold;letter-spacing:4px">${escapeHtml(extra.code)}</p>`);
  }
  if (extra.link) {
    textParts.splice(extra.code ? 2 : 1, 0, extra.link);
    htmlParts.splice(extra.code ? 2 : 1, 0, `<p><a href="${escapeHtml(extra.link)}">${escapeHtml(extra.linkLabel ?? extra.link)}</a></p>`);
  }
  return {
    subject,
    text: textParts.join('\n\n'),
    html: `<!doctype html><html><body style="font-family:sans-serif">${htmlParts.join('')}</body></html>`,
  };
}

type CodePurpose = 'verify' | 'sign_in' | 'email_change';

const CODE_TEXTS: Record<
  Locale,
  Record<CodePurpose, { subject: string; lead: string; label: string }> & { valid: (m: number) => string; ignore: string }
> = {
  en: {
    verify: { subject: 'Confirm your email', lead: 'Enter this code to confirm your email address:', label: 'Confirm my email' },
    sign_in: { subject: 'Your sign-in code', lead: 'Enter this code to sign in:', label: 'Sign in' },
    email_change: {
      subject: 'Confirm your new email',
      lead: 'Enter this code to make this your account’s email address:',
      label: 'Confirm the change',
    },
    valid: (m) => `The code is valid for ${m} minutes.`,
    ignore: 'If you did not ask for this, ignore this message; nothing changes.',
  },
  de: {
    verify: {
      subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
      lead: 'Geben Sie diesen Code ein, um Ihre E-Mail-Adresse zu bestätigen:',
      label: 'E-Mail-Adresse bestätigen',
    },
    sign_in: { subject: 'Ihr Anmeldecode', lead: 'Geben Sie diesen Code ein, um sich anzumelden:', label: 'Anmelden' },
    email_change: {
      subject: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
      lead: 'Geben Sie diesen Code ein, um diese Adresse für Ihr Konto zu verwenden:',
      label: 'Änderung bestätigen',
    },
    valid: (m) => `Der Code ist ${m} Minuten gültig.`,
    ignore: 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht; es ändert sich nichts.',
  },
  fr: {
    verify: {
      subject: 'Confirmez votre adresse e-mail',
      lead: 'Saisissez ce code pour confirmer votre adresse e-mail :',
      label: 'Confirmer mon adresse',
    },
    sign_in: { subject: 'Votre code de connexion', lead: 'Saisissez ce code pour vous connecter :', label: 'Se connecter' },
    email_change: {
      subject: 'Confirmez votre nouvelle adresse',
      lead: 'Saisissez ce code pour utiliser cette adresse pour votre compte :',
      label: 'Confirmer le changement',
    },
    valid: (m) => `Le code est valable ${m} minutes.`,
    ignore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message ; rien ne change.',
  },
};

/**
 * The mail carrying a 6-digit code (and a link with it) for verification, sign-in or an email change.
 * The code is in the body only, never the subject: subjects are kept in the outbox outside local runs
 * (and shown in notifications and mail previews).
 */
export function emailCodeMail(locale: Locale, purpose: CodePurpose, data: { code: string; link: string; minutes: number }): MailContent {
  const t = CODE_TEXTS[locale];
  const p = t[purpose];
  return render(p.subject, [p.lead, t.valid(data.minutes), t.ignore], { code: data.code, link: data.link, linkLabel: p.label });
}

const CHANGED_TEXTS: Record<Locale, { subject: string; body: (to: string) => string; help: string }> = {
  en: {
    subject: 'Your account’s email address was changed',
    body: (to) => `The email address of your account was changed to ${to}. Sign-in and messages now go to that address.`,
    help: 'If you did not do this, contact the shop at once.',
  },
  de: {
    subject: 'Die E-Mail-Adresse Ihres Kontos wurde geändert',
    body: (to) => `Die E-Mail-Adresse Ihres Kontos wurde in ${to} geändert. Anmeldung und Nachrichten laufen jetzt über diese Adresse.`,
    help: 'Wenn Sie das nicht waren, wenden Sie sich sofort an den Shop.',
  },
  fr: {
    subject: 'L’adresse e-mail de votre compte a été modifiée',
    body: (to) => `L’adresse e-mail de votre compte est désormais ${to}. La connexion et les messages passent maintenant par cette adresse.`,
    help: 'Si vous n’êtes pas à l’origine de ce changement, contactez la boutique immédiatement.',
  },
};

/** The notice to the OLD address after an email change (no code, no link). */
export function emailChangedMail(locale: Locale, data: { newEmail: string }): MailContent {
  const t = CHANGED_TEXTS[locale];
  return render(t.subject, [t.body(data.newEmail), t.help]);
}

const SIGN_IN_METHOD_TEXTS: Record<
  Locale,
  { subject: Record<'linked' | 'unlinked', string>; body: Record<'linked' | 'unlinked', (n: string) => string>; help: string }
> = {
  en: {
    subject: { linked: 'A sign-in method was added to your account', unlinked: 'A sign-in method was removed from your account' },
    body: {
      linked: (n) => `You can now sign in to your account with ${n}.`,
      unlinked: (n) => `${n} can no longer be used to sign in to your account.`,
    },
    help: 'If you did not do this, reset your password and contact the shop immediately.',
  },
  de: {
    subject: { linked: 'Ihrem Konto wurde eine Anmeldemethode hinzugefügt', unlinked: 'Eine Anmeldemethode wurde von Ihrem Konto entfernt' },
    body: {
      linked: (n) => `Sie können sich jetzt mit ${n} bei Ihrem Konto anmelden.`,
      unlinked: (n) => `Mit ${n} ist keine Anmeldung bei Ihrem Konto mehr möglich.`,
    },
    help: 'Wenn Sie das nicht waren, setzen Sie Ihr Passwort zurück und wenden Sie sich sofort an den Shop.',
  },
  fr: {
    subject: { linked: 'Un moyen de connexion a été ajouté à votre compte', unlinked: 'Un moyen de connexion a été retiré de votre compte' },
    body: {
      linked: (n) => `Vous pouvez désormais vous connecter à votre compte avec ${n}.`,
      unlinked: (n) => `${n} ne permet plus de se connecter à votre compte.`,
    },
    help: 'Si vous n’êtes pas à l’origine de ce changement, réinitialisez votre mot de passe et contactez la boutique immédiatement.',
  },
};

/** The notice to the owner when a sign-in provider is linked to or unlinked from their account (no code, no link). */
export function signInMethodMail(locale: Locale, change: 'linked' | 'unlinked', data: { provider: string }): MailContent {
  const t = SIGN_IN_METHOD_TEXTS[locale];
  return render(t.subject[change], [t.body[change](data.provider), t.help]);
}

const PASSKEY_TEXTS: Record<
  Locale,
  { subject: Record<'added' | 'removed', string>; body: Record<'added' | 'removed', (n: string) => string>; help: string }
> = {
  en: {
    subject: { added: 'A passkey was added to your account', removed: 'A passkey was removed from your account' },
    body: {
      added: (n) => `The passkey “${n}” can now be used to sign in to your account.`,
      removed: (n) => `The passkey “${n}” can no longer be used to sign in to your account.`,
    },
    help: 'If you did not do this, reset your password and contact the shop immediately.',
  },
  de: {
    subject: { added: 'Ihrem Konto wurde ein Passkey hinzugefügt', removed: 'Ein Passkey wurde von Ihrem Konto entfernt' },
    body: {
      added: (n) => `Mit dem Passkey „${n}“ können Sie sich jetzt bei Ihrem Konto anmelden.`,
      removed: (n) => `Mit dem Passkey „${n}“ ist keine Anmeldung bei Ihrem Konto mehr möglich.`,
    },
    help: 'Wenn Sie das nicht waren, setzen Sie Ihr Passwort zurück und wenden Sie sich sofort an den Shop.',
  },
  fr: {
    subject: { added: 'Une clé d’accès a été ajoutée à votre compte', removed: 'Une clé d’accès a été retirée de votre compte' },
    body: {
      added: (n) => `La clé d’accès « ${n} » permet désormais de se connecter à votre compte.`,
      removed: (n) => `La clé d’accès « ${n} » ne permet plus de se connecter à votre compte.`,
    },
    help: 'Si vous n’êtes pas à l’origine de ce changement, réinitialisez votre mot de passe et contactez la boutique immédiatement.',
  },
};

/** The notice to the owner when a passkey is added to or removed from their account (no code, no link). */
export function passkeyMail(locale: Locale, change: 'added' | 'removed', data: { name: string }): MailContent {
  const t = PASSKEY_TEXTS[locale];
  return render(t.subject[change], [t.body[change](data.name), t.help]);
}

const PASSWORD_CHANGED_TEXTS: Record<Locale, { subject: string; body: Record<'changed' | 'reset', string>; help: string }> = {
  en: {
    subject: 'Your password was changed',
    body: {
      changed: 'The password of your account was just changed, and every other session was signed out.',
      reset: 'The password of your account was just set with a reset link, and every session was signed out.',
    },
    help: 'If you did not do this, reset your password now with “Forgot password” and contact the shop.',
  },
  de: {
    subject: 'Ihr Passwort wurde geändert',
    body: {
      changed: 'Das Passwort Ihres Kontos wurde soeben geändert, und alle anderen Sitzungen wurden abgemeldet.',
      reset: 'Das Passwort Ihres Kontos wurde soeben über einen Link zum Zurücksetzen neu gesetzt, und alle Sitzungen wurden abgemeldet.',
    },
    help: 'Wenn Sie das nicht waren, setzen Sie Ihr Passwort jetzt über „Passwort vergessen“ zurück und wenden Sie sich an den Shop.',
  },
  fr: {
    subject: 'Votre mot de passe a été modifié',
    body: {
      changed: 'Le mot de passe de votre compte vient d’être modifié, et toutes les autres sessions ont été déconnectées.',
      reset: 'Le mot de passe de votre compte vient d’être défini avec un lien de réinitialisation, et toutes les sessions ont été déconnectées.',
    },
    help: 'Si vous n’êtes pas à l’origine de ce changement, réinitialisez votre mot de passe avec « Mot de passe oublié » et contactez la boutique.',
  },
};

/** The notice to the owner that their password changed (by the shopper, or through a reset link): no code, no link. */
export function passwordChangedMail(locale: Locale, via: 'changed' | 'reset'): MailContent {
  const t = PASSWORD_CHANGED_TEXTS[locale];
  return render(t.subject, [t.body[via], t.help]);
}

const NEWSLETTER_TEXTS: Record<Locale, { subject: string; lead: string; label: string; valid: (d: number) => string; ignore: string }> = {
  en: {
    subject: 'Confirm your newsletter subscription',
    lead: 'Please confirm that you want to receive our newsletter at this address by opening this link:',
    label: 'Confirm my subscription',
    valid: (d) => `The link is valid for ${d} days.`,
    ignore: 'If you did not sign up, ignore this message: you will not be subscribed.',
  },
  de: {
    subject: 'Bitte bestätigen Sie Ihre Newsletter-Anmeldung',
    lead: 'Bitte bestätigen Sie über diesen Link, dass Sie unseren Newsletter an diese Adresse erhalten möchten:',
    label: 'Anmeldung bestätigen',
    valid: (d) => `Der Link ist ${d} Tage gültig.`,
    ignore: 'Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese Nachricht: Sie werden nicht eingetragen.',
  },
  fr: {
    subject: 'Confirmez votre inscription à la newsletter',
    lead: 'Veuillez confirmer que vous souhaitez recevoir notre newsletter à cette adresse en ouvrant ce lien :',
    label: 'Confirmer mon inscription',
    valid: (d) => `Le lien est valable ${d} jours.`,
    ignore: 'Si vous ne vous êtes pas inscrit, ignorez ce message : vous ne serez pas abonné.',
  },
};

/** The double opt-in mail of a guest newsletter sign-up: the confirmation link (no code). */
export function newsletterConfirmationMail(locale: Locale, data: { link: string; days: number }): MailContent {
  const t = NEWSLETTER_TEXTS[locale];
  return render(t.subject, [t.lead, t.valid(data.days), t.ignore], { link: data.link, linkLabel: t.label });
}
