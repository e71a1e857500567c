// Login: the token goes to POST /api/v1/session (with the anti-CSRF header), which answers with an HttpOnly
// cookie; the page never stores the token itself.

import { ApiError, api, param, startPage, t } from "./api.js";

const form = document.getElementById("login-form");
const errorNode = document.getElementById("login-error");

/**
 * Only our own pages are valid destinations after login (no open redirect). The value is resolved the way the
 * browser will resolve it, so "/\\evil.example", "/%09/evil.example" or "https://…" (another origin once parsed)
 * fall back to the national page.
 */
export function safeDestination(next, origin) {
  if (!next || !next.startsWith("/")) return "/";
  let url;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin || url.pathname.startsWith("/login.html")) return "/";
  return url.pathname + url.search + url.hash;
}

function destination() {
  return safeDestination(param("next"), location.origin);
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
