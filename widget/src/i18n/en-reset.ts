// English messages of the forgot-password views (bundled with them, login-reset.ts, loaded on demand),
// with the error and field codes of the reset routes.
export default {
  forgotTitle: 'Reset your password',
  forgotIntro: 'Enter your email and we will send you a link to choose a new password.',
  sendLink: 'Send link',
  linkSent: 'If an account exists for {email}, a link is on its way. Check your inbox.',
  backToSignIn: 'Back to sign in',
  newPassword: 'New password',
  setPassword: 'Set new password',
  resetDone: 'Your password has been changed. You can sign in now.',
  e_reset_token_invalid: 'This link is invalid or has expired. Please request a new one.',
  ruleLength: '8 to 128 characters',
  f_password_too_short: 'Use at least 8 characters',
  f_password_too_long: 'Use at most 128 characters',
  e_password_reset_required: 'For your security, please choose a new password. We can email you a link.',
  f_password_too_common: 'This password is too common. Please choose another.',
  f_password_is_email: 'Do not use your email address as password',
  f_invalid_or_expired: 'This code is invalid or has expired',
};

