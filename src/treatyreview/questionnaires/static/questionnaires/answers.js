// Shows a follow-up question when its parent's answer calls for it, as the server does on every page load.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!(input instanceof HTMLInputElement) || input.name !== "choice") return;
  var card = input.closest("[data-question]");
  if (!card) return;
  var code = card.getAttribute("data-question");
  document.querySelectorAll('[data-parent="' + CSS.escape(code) + '"]').forEach(function (followUp) {
    var shows = (followUp.getAttribute("data-shows") || "").split(" ");
    followUp.hidden = shows.indexOf(input.value) === -1;
  });
});
