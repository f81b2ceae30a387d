// English messages a log-in page needs (the `core` area, bundled with every element), with the error
// and field codes (`e_<code>`, `f_<code>`, see index.ts) a log-in form can meet; `failed` and `invalid`
// are the general texts for any other code. The English files are the reference: the German and French
// ones are typed to have every key. Sign-up, password reset and form texts are in en-forms.ts, the
// account area's in en-account.ts.
export default {
  email: 'Email',
  password: 'Password',
  show: 'Show password',
  f_required: 'This field is required',
  invalid: 'Please check this field',
  f_invalid_email: 'Enter a valid email address',
  network: 'Cannot reach the server. Check your connection.',
  e_rate_limited: 'Too many attempts. Please wait a minute.',
  failed: 'Something went wrong. Please try again.',
  e_validation_failed: 'Please correct the highlighted fields.',
  signIn: 'Sign in',
  e_invalid_credentials: 'The email or password is not correct.',
  forgot: 'Forgot your password?',
  emailCode: 'Email me a code',
  noAccount: 'New here?',
  createAccount: 'Create an account',
  signOut: 'Sign out',
};
