// The merchant console's entry (public/admin/console.js): registers every console element. Its own
// bundle, built by scripts/build-console.mjs; the storefront widget never imports it.
import './elements/merchant-console';
import './elements/customer-search';
import './elements/customer-new';
import './elements/customer-detail';
import './elements/order-detail';
import './elements/order-lists';
import './elements/subscribers-view';
import './elements/groups-view';
import './elements/form-fields-view';
import './elements/settings-view';
import './elements/webhooks-view';
