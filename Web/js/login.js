// Login: the token goes to POST /api/v1/session (with the anti-CSRF header), which answers with an HttpOnly
// cookie; the page never stores the token itself.

import { ApiError, api, param, startPage, t } from "./api.js";

const form = document.getElementById("login-form");
const errorNode = document.getElementById("login-error");

/** Only our own pages are valid destinations after login (no open redirect). */
function destination() {
  const next = param("next");
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login.html") ? next : "/";
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  errorNode.hidden = true;
  const button = document.getElementById("login-submit");
  button.disabled = true;
  try {
    await api("/api/v1/session", { method: "POST", body: { token: form.token.value.trim() } });
    form.token.value = "";
    location.href = destination();
  } catch (error) {
    errorNode.textContent = error instanceof ApiError ? error.localized : t("error.network");
    errorNode.hidden = false;
    button.disabled = false;
  }
});

startPage("login.title", async () => {}, { needsLogin: false });
