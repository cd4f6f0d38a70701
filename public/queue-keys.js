// Keyboard shortcuts on an application page of the back office (processing.views.tsx),
// progressive enhancement only: without this script the "Sebelumnya"/"Berikutnya" links do
// the same. "j" or Alt+→ opens the next application of the officer's queue, "k" or Alt+←
// the previous one, "u" goes back to the queue. Never while typing in a field, and never with
// Ctrl or Meta (the browser's own shortcuts stay).
(function () {
  'use strict';
  var nav = document.querySelector('[data-queue-nav]');
  if (!nav) return;

  function link(which) {
    return nav.querySelector('a[data-queue="' + which + '"]');
  }

  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable;
  }

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || typing(e.target)) return;
    var which = null;
    if (e.altKey) {
      if (e.key === 'ArrowRight') which = 'next';
      else if (e.key === 'ArrowLeft') which = 'prev';
    } else if (!e.shiftKey) {
      if (e.key === 'j') which = 'next';
      else if (e.key === 'k') which = 'prev';
      else if (e.key === 'u') which = 'queue';
    }
    var a = which && link(which);
    if (!a) return;
    e.preventDefault();
    window.location.assign(a.href);
  });
})();
