// Address field (src/platform/views/components/address-field.tsx), progressive enhancement
// only: without this script each level has a "Pilih" button that asks the server for the next
// list. With it, choosing a province, regency/city or district fills the next list from
// GET /api/v1/wilayah/{code} (cached by the browser for a day) and clears the levels below;
// the buttons are taken out.
(function () {
  'use strict';
  if (window.simpulAddress) return;
  window.simpulAddress = true;

  function selectsOf(wrapper) {
    return Array.prototype.slice.call(wrapper.querySelectorAll('select[data-address-level]'));
  }

  function reset(select) {
    while (select.options.length > 1) select.remove(1);
    select.value = '';
    select.disabled = true;
  }

  function fill(select, items) {
    reset(select);
    items.forEach(function (it) {
      var o = document.createElement('option');
      o.value = it.code;
      o.textContent = it.name;
      select.appendChild(o);
    });
    select.disabled = false;
  }

  function onChange(event) {
    var select = event.target;
    if (!select.matches || !select.matches('select[data-address-level]')) return;
    var wrapper = select.closest('[data-address]');
    if (!wrapper) return;
    var all = selectsOf(wrapper);
    var i = all.indexOf(select);
    var below = all.slice(i + 1);
    below.forEach(reset);
    if (!below.length || !select.value) return;
    var next = below[0];
    next.setAttribute('aria-busy', 'true');
    fetch('/api/v1/wilayah/' + encodeURIComponent(select.value), { headers: { accept: 'application/json' } })
      .then(function (r) {
        return r.ok ? r.json() : { items: [] };
      })
      .then(function (body) {
        fill(next, body.items || []);
      })
      .catch(function () {
        // Offline: the "Pilih" buttons come back and still work.
        removed.forEach(function (r) {
          r.parent.appendChild(r.button);
        });
        removed = [];
      })
      .then(function () {
        next.removeAttribute('aria-busy');
      });
  }

  // The buttons are taken out (not only hidden): the first submit button of a form is the one
  // Enter presses, and that must be the form's own.
  var removed = [];
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-address] .address-next'), function (b) {
      removed.push({ button: b, parent: b.parentNode });
      b.parentNode.removeChild(b);
    });
  }

  if (document.readyState !== 'loading') init();
  else document.addEventListener('DOMContentLoaded', init);
  document.addEventListener('change', onChange);
})();
