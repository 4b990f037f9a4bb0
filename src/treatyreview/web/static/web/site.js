// Behaviour the pages need beyond htmx and Bootstrap, bound from data- attributes: no inline script, so the
// Content-Security-Policy forbids inline scripts everywhere.
document.addEventListener("click", function (event) {
  "use strict";
  var target = event.target instanceof Element ? event.target.closest("[data-tr-print]") : null;
  if (target) {
    window.print();
  }
});

// A page that opens with a form's error summary, or with a refusal at the top, puts the focus there: a screen
// reader reads what went wrong first, and the next Tab leads on to the first field.
// (Only when a page opens: a partial swap, such as the questionnaire's autosave, never takes the focus away.)
function trFocusProblem(root) {
  "use strict";
  var problem = root.querySelector("[data-tr-error-summary], .tr-messages [role=alert]");
  if (problem) {
    problem.focus();
  }
}
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  trFocusProblem(document);
});

// A table too wide for the screen scrolls sideways in its frame: the frame takes the focus, so the arrow keys
// scroll it, and it is named after the table's caption or the heading before it.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll(".table-responsive").forEach(function (frame) {
    if (frame.scrollWidth <= frame.clientWidth || frame.hasAttribute("tabindex")) {
      return;
    }
    var caption = frame.querySelector("caption");
    var heading = frame.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) {
      heading = heading.previousElementSibling;
    }
    var name = caption ? caption.textContent : heading ? heading.textContent : "";
    frame.setAttribute("tabindex", "0");
    if (name.trim()) {
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", name.trim());
    }
  });
});
