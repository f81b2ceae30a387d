// The script-tag entry: registers every element. Importing it where there is no DOM (SSR) defines
// nothing and touches no DOM; each element module can also be loaded alone (e.g. account-login.js).
export { AccountAddresses } from './elements/account-addresses';
export { AccountLogin } from './elements/account-login';
export { AccountMenu } from './elements/account-menu';
export { AccountNewsletter } from './elements/account-newsletter';
export { AccountOrders } from './elements/account-orders';
export { AccountPortal } from './elements/account-portal';
export { AccountProfile } from './elements/account-profile';
export { AccountSignup } from './elements/account-signup';
export { AccountChangeEvent, AccountErrorEvent, AccountLoginEvent, AccountLogoutEvent, AccountSignupEvent } from './events';
export { sessionFor } from './session';
export type * from './types';
