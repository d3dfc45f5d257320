/* The annual report editor (reports/annual_edit.html).

   Each section's textarea (the stored form: one paragraph a line, **bold**, {{ key }} placeholders) is shown as
   an editor where figures are chips with their Chinese name and live value, inserted from a searchable picker
   (by name or area) in the editor's toolbar or in the side panel, and bold is a button. The textarea stays the
   form field: every edit writes the stored form back into it (and asks htmx for the preview). Without
   JavaScript the textarea itself is edited. */
(function () {
  var buttons = document.querySelectorAll('.insert-figure');
  if (!buttons.length) return;  // the picker is shown only to those who may edit
  var PH = /\{\{\s*(.*?)\s*\}\}/g;
  var SUBHEADING = /^[（(][一二三四五六七八九十]+[）)]/;
  var figures = {};  // token -> {name, text, missing, area}
  var options = [], areas = [];
  Array.prototype.forEach.call(buttons, function (b) {
    var f = {name: b.dataset.name, text: b.dataset.text, missing: !!b.dataset.missing, area: b.dataset.area};
    figures[b.dataset.token] = f;
    if (areas.indexOf(f.area) < 0) areas.push(f.area);
    options.push({value: b.dataset.token, name: f.name, text: f.name, shown: f.text, area: f.area, optgroup: f.area});
  });

  // -- the stored form <-> the editor ---------------------------------------------------------------------
  function chip(token) {
    var f = figures[token];
    var el = document.createElement('span');
    el.className = 'fig-chip' + (!f ? ' fig-chip-unknown' : f.missing ? ' fig-chip-missing' : '');
    el.contentEditable = 'false';
    el.dataset.token = token;
    var name = document.createElement('span');
    name.className = 'fig-chip-name';
    name.textContent = f ? f.name : '目录中没有的数据';
    var value = document.createElement('span');
    value.className = 'fig-chip-value';
    value.textContent = f ? f.text : token;
    el.appendChild(name);
    el.appendChild(value);
    el.title = f ? f.area + '：' + f.name + '，当前 ' + f.text + '（公开时固定）' : '目录中没有该数据，请删除后重新插入';
    return el;
  }

  function fillLine(parent, line) {
    line.split('**').forEach(function (chunk, i) {
      var into = parent;
      if (i % 2 === 1) { into = document.createElement('b'); parent.appendChild(into); }
      var last = 0, m;
      PH.lastIndex = 0;
      while ((m = PH.exec(chunk))) {
        if (m.index > last) into.appendChild(document.createTextNode(chunk.slice(last, m.index)));
        into.appendChild(chip(m[1]));
        last = PH.lastIndex;
      }
      if (last < chunk.length) into.appendChild(document.createTextNode(chunk.slice(last)));
    });
  }

  function load(editor, text) {
    editor.textContent = '';
    text.replace(/\r\n/g, '\n').split('\n').forEach(function (line) {
      if (!line.trim()) return;
      var div = document.createElement('div');
      fillLine(div, line.trim());
      editor.appendChild(div);
    });
    if (!editor.firstChild) editor.appendChild(document.createElement('div')).appendChild(document.createElement('br'));
    markHeadings(editor);
  }

  function isBold(el) {
    return el.tagName === 'B' || el.tagName === 'STRONG' || /bold|[6-9]00/.test(el.style.fontWeight || '');
  }

  function serialize(editor) {
    var lines = [], current = '';
    function flush() { if (current.trim()) lines.push(current.trim()); current = ''; }
    function walk(node, bold) {
      if (node.nodeType === 3) { current += node.nodeValue.replace(/\u00a0/g, ' '); return; }
      if (node.nodeType !== 1) return;
      if (node.dataset && node.dataset.token) { current += '{{ ' + node.dataset.token + ' }}'; return; }
      if (node.tagName === 'BR') { flush(); return; }
      var block = /^(DIV|P|LI|H[1-6])$/.test(node.tagName);
      if (block) flush();
      var marks = !bold && isBold(node) && node.textContent.trim() !== '';
      if (marks) current += '**';
      Array.prototype.forEach.call(node.childNodes, function (c) { walk(c, bold || marks); });
      if (marks) current += '**';
      if (block) flush();
    }
    Array.prototype.forEach.call(editor.childNodes, function (c) { walk(c, false); });
    flush();
    return lines.join('\n');
  }

  function markHeadings(editor) {
    Array.prototype.forEach.call(editor.children, function (div) {
      var t = div.textContent.trim();
      div.classList.toggle('ed-h2', SUBHEADING.test(t) && t.indexOf('。') < 0 && t.length <= 60);
    });
  }

  // -- where a figure goes: the caret in the editor last used -------------------------------------------
  var lastEditor = null, lastRange = null;
  document.addEventListener('selectionchange', function () {
    var sel = window.getSelection();
    if (!sel.rangeCount) return;
    var r = sel.getRangeAt(0), host = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentNode;
    var ed = host && host.closest && host.closest('.rich-editor');
    if (ed) { lastEditor = ed; lastRange = r.cloneRange(); }
  });

  function insertFigure(token) {
    var editor = lastEditor || document.querySelector('.rich-editor');
    if (!editor) return;
    editor.focus();
    var sel = window.getSelection(), range = lastRange;
    if (!range || !editor.contains(range.startContainer)) {
      range = document.createRange();
      range.selectNodeContents(editor.lastChild || editor);
      range.collapse(false);
    }
    range.deleteContents();
    var el = chip(token);
    range.insertNode(el);
    range.setStartAfter(el);
    range.collapse(true);
    sel.removeAllRanges();
    sel.addRange(range);
    lastEditor = editor;
    lastRange = range.cloneRange();
    changed(editor);
  }

  // -- editors ------------------------------------------------------------------------------------------
  var timers = {};
  function changed(editor) {
    var t = editor._textarea;
    t.value = serialize(editor);
    markHeadings(editor);
    if (window.htmx && t.dataset.section) {
      clearTimeout(timers[t.id]);
      timers[t.id] = setTimeout(function () { htmx.trigger(t, 'figure-inserted'); }, 800);
    }
  }

  try { document.execCommand('defaultParagraphSeparator', false, 'div'); } catch (e) { /* older browsers */ }

  var n = 0;
  document.querySelectorAll('textarea.section-text').forEach(function (t) {
    n += 1;
    var wrap = document.createElement('div');
    wrap.className = 'rich-wrap';
    var bar = document.createElement('div');
    bar.className = 'rich-toolbar d-flex flex-wrap gap-2 align-items-center';
    var bold = document.createElement('button');
    bold.type = 'button';
    bold.className = 'btn btn-sm';
    bold.innerHTML = '<b>加粗</b>';
    bold.title = '选中文字后点击：加粗或取消加粗';
    var pick = document.createElement('select');
    pick.className = 'figure-pick';
    pick.setAttribute('aria-label', '插入数据');
    var pickBox = document.createElement('div');
    pickBox.className = 'figure-pick-box';
    pickBox.appendChild(pick);
    bar.appendChild(bold);
    bar.appendChild(pickBox);
    var editor = document.createElement('div');
    editor.className = 'rich-editor form-control section-text';
    editor.contentEditable = 'true';
    editor.id = 'rich-' + (t.dataset.section || t.name || n);
    editor.setAttribute('role', 'textbox');
    editor.setAttribute('aria-multiline', 'true');
    editor.setAttribute('aria-label', (t.dataset.label || '正文') + '（可编辑）');
    editor.setAttribute('spellcheck', 'false');
    editor._textarea = t;
    load(editor, t.value);
    wrap.appendChild(bar);
    wrap.appendChild(editor);
    t.parentNode.insertBefore(wrap, t);
    t.hidden = true;
    var label = document.querySelector('label[for="' + t.id + '"]');
    if (label) label.setAttribute('for', editor.id);
    var hint = t.parentNode.querySelector('.plain-hint');
    if (hint) hint.hidden = true;

    editor.addEventListener('input', function () { changed(editor); });
    editor.addEventListener('paste', function (e) {
      e.preventDefault();  // text only: no fonts or tables from Word; typed placeholders stay placeholders
      var text = (e.clipboardData || window.clipboardData).getData('text/plain');
      document.execCommand('insertText', false, text);
    });
    editor.addEventListener('keydown', function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'b') { e.preventDefault(); document.execCommand('bold'); }
    });
    bold.addEventListener('mousedown', function (e) { e.preventDefault(); });  // keep the selection
    bold.addEventListener('click', function () { editor.focus(); document.execCommand('bold'); changed(editor); });
    pickBox.addEventListener('mousedown', function () { lastEditor = editor; });
    if (window.TomSelect) {
      var ts = new TomSelect(pick, {
        options: options,
        optgroups: areas.map(function (a) { return {value: a, label: a}; }),
        optgroupField: 'optgroup',
        searchField: ['name', 'area'],
        maxOptions: 1000,
        placeholder: '插入数据：输入名称或领域搜索',
        render: {
          option: function (d, esc) {
            return '<div class="d-flex justify-content-between gap-2"><span>' + esc(d.name) +
              '</span><span class="text-secondary text-nowrap">' + esc(d.shown) + '</span></div>';
          },
          item: function (d, esc) { return '<div>' + esc(d.name) + '</div>'; },
          no_results: function () { return '<div class="no-results">没有匹配的数据</div>'; }
        },
        onChange: function (value) {
          if (!value) return;
          lastEditor = editor;
          ts.clear(true);
          ts.blur();
          insertFigure(value);  // last, so the caret ends in the editor after the chip, not in the picker
        }
      });
    }
  });

  Array.prototype.forEach.call(buttons, function (b) {
    b.addEventListener('mousedown', function (e) { e.preventDefault(); });  // keep the caret where it is
    b.addEventListener('click', function () { insertFigure(b.dataset.token); });
  });

  var f = document.getElementById('picker-filter');
  if (f) f.addEventListener('input', function () {
    var q = f.value.trim();
    document.querySelectorAll('.picker-group').forEach(function (g) {
      var any = false;
      g.querySelectorAll('.picker-row').forEach(function (r) {
        var show = !q || r.dataset.search.indexOf(q) >= 0;
        r.hidden = !show;
        any = any || show;
      });
      g.hidden = !any;
    });
  });
})();
