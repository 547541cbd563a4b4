// Search and filters of the directory's index, in the page itself: it works from file:// and
// from any web server. Without JavaScript, the whole table is shown.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var query = document.getElementById('q');
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-filter]'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('#results tbody tr'));
  var count = document.getElementById('count');
  var none = document.getElementById('none');
  // Lower case, accents and spaces folded, so "societe" finds "Société" and "12345678901234"
  // finds a SIRET written with spaces.
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  var keys = rows.map(function (row) {
    var k = fold(row.getAttribute('data-search') || '');
    return k + ' ' + k.replace(/\s+/g, '');
  });
  function apply() {
    var words = fold(query.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = words.every(function (w) { return keys[i].indexOf(w) >= 0; });
      selects.forEach(function (s) {
        if (s.value && row.getAttribute('data-' + s.getAttribute('data-filter')) !== s.value) ok = false;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    var text = shown === 0 ? count.getAttribute('data-zero')
      : shown === 1 ? count.getAttribute('data-one') : count.getAttribute('data-many');
    count.textContent = text.replace('{count}', String(shown));
    none.hidden = shown !== 0;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  var params = new URLSearchParams(window.location.search);
  if (params.get('q')) query.value = params.get('q');
  selects.forEach(function (s) { if (params.get(s.name)) s.value = params.get(s.name); });
  apply();
}());
