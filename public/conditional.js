// Conditional form fields (form-render.tsx), progressive enhancement only: without this
// script every conditional field is shown with "isi bila …" and the server decides. With it,
// a field is shown only while its condition holds (and its controlling field is itself
// shown), its marker becomes the plain "(wajib)"/"(tidak wajib)", and a hidden field's
// inputs are disabled so they are not sent.
(function () {
  'use strict';
  var wrappers = Array.prototype.slice.call(document.querySelectorAll('[data-show-if]'));
  if (!wrappers.length) return;

  function controls(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll('input, select, textarea'), function (el) {
      return el.name === name;
    });
  }

  function valuesOf(form, name) {
    var out = [];
    controls(form, name).forEach(function (el) {
      if (el.disabled) return;
      if (el.type === 'radio' || el.type === 'checkbox') {
        if (el.checked) out.push(el.value);
      } else if (el.value !== '') out.push(el.value.trim());
    });
    return out;
  }

  function update() {
    // Twice, so a field controlled by a field that has just been hidden follows it.
    for (var pass = 0; pass < 2; pass++) {
      wrappers.forEach(function (w) {
        var form = w.closest('form') || document;
        var holds = valuesOf(form, w.getAttribute('data-show-if')).indexOf(w.getAttribute('data-show-value')) !== -1;
        w.hidden = !holds;
        Array.prototype.forEach.call(w.querySelectorAll('input, select, textarea'), function (el) {
          el.disabled = !holds;
        });
      });
    }
  }

  wrappers.forEach(function (w) {
    Array.prototype.forEach.call(w.querySelectorAll('[data-when-shown]'), function (m) {
      m.textContent = m.getAttribute('data-when-shown');
    });
  });
  document.addEventListener('change', update);
  document.addEventListener('input', update);
  update();
})();
