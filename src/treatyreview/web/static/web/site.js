// Behaviour the pages need beyond htmx and Bootstrap, bound from data- attributes: no inline script, so the
// Content-Security-Policy forbids inline scripts everywhere.
document.addEventListener("click", function (event) {
  "use strict";
  var target = event.target instanceof Element ? event.target.closest("[data-tr-print]") : null;
  if (target) {
    window.print();
  }
});
