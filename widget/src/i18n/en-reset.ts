// English messages of the forgot-password views (bundled with them, login-reset.ts, loaded on demand).
export default {
  forgotTitle: 'Reset your password',
  forgotIntro: 'Enter your email and we will send you a link to choose a new password.',
  sendLink: 'Send link',
  linkSent: 'If an account exists for {email}, a link is on its way. Check your inbox.',
  backToSignIn: 'Back to sign in',
  newPassword: 'New password',
  setPassword: 'Set new password',
  resetDone: 'Your password has been changed. You can sign in now.',
  resetInvalid: 'This link is invalid or has expired. Please request a new one.',
  ruleLength: '8 to 128 characters',
  tooShort: 'Use at least 8 characters',
  tooLong: 'Use at most 128 characters',
  resetRequired: 'For your security, please choose a new password. We can email you a link.',
  commonPassword: 'This password is too common. Please choose another.',
};

/** The server's messages these texts translate (as in en-forms.ts; not shared, see kit.ts). */
export const serverMessages = {
  'This reset link is invalid or has expired; request a new one': 'resetInvalid',
  'Password must be at least 8 characters': 'tooShort',
  'Password must be at most 128 characters': 'tooLong',
  'Password must not be your email address': 'isEmail',
  'This password is too common; choose another': 'commonPassword',
} as const;
