// Applies the saved demo theme before the first paint (a classic script in <head>, no inline code, so
// the page keeps a strict CSP). The switcher itself is in store.js.
(function () {
  var theme = 'linen';
  try {
    var saved = localStorage.getItem('sfa-demo-theme');
    if (saved === 'linen' || saved === 'neon') theme = saved;
  } catch (e) {
    // storage blocked: the default theme
  }
  document.documentElement.setAttribute('data-theme', theme);
})();
