// English messages a log-in page needs (the `core` area, bundled with every element). The English files
// are the reference: other locales may leave keys out and fall back to English. Sign-up, password reset
// and form texts are in en-forms.ts, the account area's in en-account.ts.
export default {
  email: 'Email',
  password: 'Password',
  show: 'Show password',
  required: 'This field is required',
  invalid: 'Please check this field',
  invalidEmail: 'Enter a valid email address',
  network: 'We could not reach the server. Check your connection and try again.',
  rateLimited: 'Too many attempts. Please wait a minute and try again.',
  failed: 'Something went wrong. Please try again.',
  fixFields: 'Please correct the highlighted fields.',
  signIn: 'Sign in',
  badCredentials: 'The email or password is not correct.',
  forgot: 'Forgot your password?',
  noAccount: 'New here?',
  createAccount: 'Create an account',
  signedInAs: 'Signed in as {name}',
  signOut: 'Sign out',
};
