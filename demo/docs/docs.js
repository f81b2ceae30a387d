// Starts Swagger UI on the demo's API reference (/docs/, issue 17): the storefront and admin OpenAPI
// documents the worker serves as static files (/openapi/*.json) in the top bar's dropdown, "Try it out"
// against this same origin. A classic script run after the deferred bundles (no inline code: the demo's
// CSP has script-src 'self'). Which document opens first: ?api=admin (or Swagger UI's own
// ?urls.primaryName=Admin%20API, which its top bar writes when you switch).
(function () {
  'use strict';

  var DOCUMENTS = [
    { url: '/openapi/storefront.json', name: 'Storefront API' },
    { url: '/openapi/admin.json', name: 'Admin API' },
  ];

  // The documented local-only admin token (demo/seed.mjs DEV_ADMIN_TOKEN): `npm run dev` seeds it, a
  // deployed worker never has it, so it is only filled in where the page is served from this machine.
  var DEMO_TOKEN = 'sfa_dev_local_only_do_not_use_in_production';

  function servedLocally() {
    return ['localhost', '127.0.0.1', '[::1]'].indexOf(location.hostname) >= 0;
  }

  function primaryName() {
    return new URLSearchParams(location.search).get('api') === 'admin' ? 'Admin API' : 'Storefront API';
  }

  // Swagger UI's top-bar logo is an SVG carrying its own <style> element, which the demo's CSP
  // (style-src 'self') blocks and reports; the product's name in its place keeps /docs/ under the same
  // policy as the rest of the demo.
  function TopbarName(system) {
    function Logo() {
      return system.React.createElement('span', { className: 'docs-topbar-name' }, 'Storefront Accounts');
    }
    return { components: { Logo: Logo } };
  }

  function start() {
    var ui = window.SwaggerUIBundle({
      dom_id: '#swagger-ui',
      urls: DOCUMENTS,
      'urls.primaryName': primaryName(),
      presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
      plugins: [window.SwaggerUIBundle.plugins.DownloadUrl, TopbarName],
      layout: 'StandaloneLayout',
      deepLinking: true,
      tryItOutEnabled: true,
      displayRequestDuration: true,
      // Swagger UI would otherwise send each document to validator.swagger.io for its badge.
      validatorUrl: null,
      // Runs after every document load (also after a switch in the dropdown). It authorizes only when the
      // loaded document declares admin_token, so the storefront document is left alone.
      onComplete: function () {
        if (servedLocally()) ui.preauthorizeApiKey('admin_token', DEMO_TOKEN);
      },
    });
  }

  start();
})();
