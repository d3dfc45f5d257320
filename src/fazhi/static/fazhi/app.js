/* Behaviour shared by every page, kept out of the templates so the Content-Security-Policy needs no inline script.
   data-confirm="问题" on a button or link asks before it acts; data-autosubmit on a select submits its form. */
(function () {
  document.querySelectorAll('select.tom').forEach(function (el) {
    new TomSelect(el, {maxOptions: 500, render: {
      no_results: function () { return '<div class="no-results">没有匹配的选项</div>'; },
      // an org chosen from the tree (core.forms.OrgTreeSelect) shows its name without the tree's indent
      item: function (data, escape) { return '<div>' + escape(data.text.replace(/^[\u3000\s]*└\s*/, '')) + '</div>'; }
    }});
  });
  // Tables of records become one card per row on a phone: each cell is labelled with its column's header.
  document.querySelectorAll('table.table-cards').forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    table.querySelectorAll('tbody tr').forEach(function (tr) {
      Array.prototype.forEach.call(tr.children, function (td, i) {
        if (heads[i]) { td.setAttribute('data-label', heads[i]); }
        if (!td.textContent.trim()) { td.classList.add('cell-empty'); }
      });
    });
  });
  document.addEventListener('click', function (event) {
    var el = event.target.closest('[data-confirm]');
    if (el && !window.confirm(el.dataset.confirm)) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  document.addEventListener('change', function (event) {
    var el = event.target.closest('[data-autosubmit]');
    if (el && el.form) { el.form.submit(); }
  });
})();
