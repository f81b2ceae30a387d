// English messages of the emailed-code views (email-code.ts, loaded on demand): confirm an email with a
// 6-digit code, sign in with a code, change the email, claim earlier guest orders, confirm a newsletter
// subscription; with the error and field codes of those routes.
export default {
  codeTitle: 'Confirm your email',
  codeSent: 'We sent a 6-digit code to {email}. Enter it below or open the link in the mail.',
  code: 'Code',
  confirm: 'Confirm',
  resend: 'Send a new code',
  resendWait: 'You can ask for a new code after a minute.',
  resent: 'A new code is on its way.',
  later: 'Later',
  emailVerified: 'Your email address is confirmed.',
  codeSignIn: 'Sign in with a code',
  codeIntro: 'Enter your email and we will send you a code to sign in, no password needed.',
  sendCode: 'Send code',
  backToSignIn: 'Back to sign in',
  changeEmail: 'Change email',
  newEmail: 'New email',
  emailChanged: 'Your email address has been changed.',
  claimOne: 'An earlier order was placed with your email without an account. Add it?',
  claimMany: '{n} earlier orders were placed with your email without an account. Add them?',
  claim: 'Add to my account',
  claimVerify: 'First confirm that this email is yours: we will send you a code.',
  claimed: 'Earlier orders added: {n}.',
  subscriptionConfirmed: 'Your subscription is confirmed. Thank you!',
  e_email_unverified: 'Please confirm your email first: we sent you a code.',
  e_code_invalid: 'That code is not valid or has expired. Check the mail or ask for a new code.',
  e_subscription_token_invalid: 'This confirmation link is invalid or has expired. Please subscribe again.',
  f_invalid_or_expired: 'This code is invalid or has expired',
  // Rare codes of the signed-in routes, here rather than in the account area's bundled texts: the first
  // eight say what the general text `failed` says (shown when these are not loaded); the widget no longer
  // uses claim codes (it confirms the email instead).
  e_malformed_json: 'Something went wrong. Please try again.',
  e_bad_request: 'Something went wrong. Please try again.',
  e_unsupported_media_type: 'Something went wrong. Please try again.',
  e_invalid_query: 'Something went wrong. Please try again.',
  e_method_not_allowed: 'Something went wrong. Please try again.',
  e_internal_error: 'Something went wrong. Please try again.',
  e_login_token_invalid: 'Something went wrong. Please try again.',
  e_login_token_claims_invalid: 'Something went wrong. Please try again.',
  e_claim_code_invalid: 'That code is not valid. Request a new one if it has expired.',
};
