/* Behaviour shared by every page, kept out of the templates so the Content-Security-Policy needs no inline script.
   data-confirm="问题" on a button or link asks before it acts; data-autosubmit on a select submits its form. */
(function () {
  document.querySelectorAll('select.tom').forEach(function (el) { new TomSelect(el, {maxOptions: 500}); });
  document.addEventListener('click', function (event) {
    var el = event.target.closest('[data-confirm]');
    if (el && !window.confirm(el.dataset.confirm)) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  document.addEventListener('change', function (event) {
    var el = event.target.closest('[data-autosubmit]');
    if (el && el.form) { el.form.submit(); }
  });
})();
