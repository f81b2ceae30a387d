// Applies the gallery's theme from the address (?theme=light|dark|linen|neon) before the first paint (a
// classic script in <head>, no inline code, so the page keeps a strict CSP). The switch is in gallery.js.
(function () {
  var theme = new URLSearchParams(location.search).get('theme');
  if (theme !== 'dark' && theme !== 'linen' && theme !== 'neon') theme = 'light';
  document.documentElement.setAttribute('data-theme', theme);
})();
