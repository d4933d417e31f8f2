// The API's interactive documentation: Swagger UI from npm (no CDN) over /api/openapi.json.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger",
    validatorUrl: null, // the online validator would be a request to another site
    deepLinking: true,
  });
});
