// English messages of sign-up and the forms of the account area (bundled with the elements that use
// them, not with <account-login>).
import { register } from './index';

const enForms = {
  firstName: 'First name',
  lastName: 'Last name',
  phone: 'Phone',
  company: 'Company',
  save: 'Save',
  cancel: 'Cancel',
  delete: 'Delete',
  edit: 'Edit',
  retry: 'Try again',
  choose: 'Choose…',
  newPassword: 'New password',
  signUp: 'Create account',
  haveAccount: 'Already have an account?',
  newsletterOptIn: 'Email me news and offers',
  passwordRules: 'Your password',
  ruleLength: '8 to 128 characters',
  ruleNotEmail: 'Not your email address',
  met: 'done',
  notMet: 'not yet',
  tooShort: 'Use at least 8 characters',
  tooLong: 'Use at most 128 characters',
  isEmail: 'Do not use your email address as password',
  emailTaken: 'An account with this email already exists.',
  optional: 'optional',
  commonPassword: 'This password is too common. Please choose another.',
};

/** The server's messages these texts translate (worker/src/auth/password-policy.ts, routes/storefront; test/widget/i18n.test.ts checks they still match). */
export const serverMessages = {
  'Enter a valid email address': 'invalidEmail',
  'An account with this email already exists': 'emailTaken',
  'Password must be at least 8 characters': 'tooShort',
  'Password must be at most 128 characters': 'tooLong',
  'Password must not be your email address': 'isEmail',
  'This password is too common; choose another': 'commonPassword',
} as const;

register('forms', enForms, { de: () => import('./de-forms'), fr: () => import('./fr-forms') }, serverMessages);
export default enForms;
