// Starts Swagger UI on /api/docs from the settings the page carries as JSON (no inline script, so the
// Content-Security-Policy can forbid inline scripts everywhere).
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrf = document.body.dataset.csrfToken;
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis];
  if (csrf) {
    settings.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = csrf;
      return request;
    };
  }
  window.ui = SwaggerUIBundle(settings);
})();
