/* The annual report editor (reports/annual_edit.html): insert figures into the focused section, filter the picker. */
(function () {
  var last = null;
  document.querySelectorAll('textarea.section-text').forEach(function (t) {
    t.addEventListener('focus', function () { last = t; });
  });
  document.querySelectorAll('.insert-figure').forEach(function (b) {
    b.addEventListener('click', function () {
      var t = last || document.querySelector('textarea[data-section]');
      if (!t) return;
      var token = '{{ ' + b.dataset.token + ' }}';
      var s = t.selectionStart, e = t.selectionEnd;
      t.value = t.value.slice(0, s) + token + t.value.slice(e);
      t.selectionStart = t.selectionEnd = s + token.length;
      t.focus();
      if (window.htmx && t.dataset.section) htmx.trigger(t, 'figure-inserted');
    });
  });
  var f = document.getElementById('picker-filter');
  if (f) f.addEventListener('input', function () {
    var q = f.value.trim();
    document.querySelectorAll('.picker-row').forEach(function (r) {
      r.style.display = !q || r.dataset.search.indexOf(q) >= 0 ? '' : 'none';
    });
  });
})();
