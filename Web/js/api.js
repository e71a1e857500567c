// Shared by every page: language (vi first, en switch), formatting in Vietnam time, the API fetch wrapper with
// the anti-CSRF header and bilingual errors, the page frame (header, navigation, demo banner, login state) and
// small DOM helpers. Plain ES module, no build step, no network beyond our own /api/v1.

import { DICTIONARY } from "./i18n.js";

export const TIME_ZONE = "Asia/Ho_Chi_Minh";
const LANG_KEY = "kh02.lang";

/** The current language: "vi" (default) or "en", kept in localStorage. */
export function lang() {
  try {
    return localStorage.getItem(LANG_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

/** Text for `key` in the current language; `{name}` placeholders come from `params`. */
export function t(key, params = {}) {
  const entry = DICTIONARY[lang()][key] ?? DICTIONARY.vi[key] ?? key;
  return entry.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? ""));
}

/** The Vietnamese or English member of an API object: `name`/`name_en`, `title`/`title_en`, `message`/`message_en`. */
export function pick(object, field = "name") {
  if (!object) return "";
  return (lang() === "en" ? object[field + "_en"] : null) ?? object[field] ?? "";
}

const locale = () => (lang() === "en" ? "en-GB" : "vi-VN");

/** A whole number or decimal in the current language (vi: 3.321; en: 3,321). */
export function fmtNumber(value, digits = 0) {
  if (value == null || Number.isNaN(value)) return "–";
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** A percentage given 0–100 (one decimal). */
export function fmtPercent(value) {
  return value == null ? "–" : fmtNumber(value, 1) + "%";
}

/** A share given 0–1 as a percentage. */
export function fmtShare(value) {
  return value == null ? "–" : fmtPercent(value * 100);
}

/** dd/mm/yyyy: a plain day "YYYY-MM-DD" as written, an instant as its day in Vietnam. */
export function fmtDate(value) {
  if (!value) return "–";
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(value));
  return parts;
}

/** dd/mm/yyyy HH:mm in Vietnam time. */
export function fmtDateTime(value) {
  if (!value) return "–";
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(value));
  return `${fmtDate(value)} ${time}`;
}

/** A month "YYYY-MM" as mm/yyyy. */
export function fmtMonth(value) {
  const m = /^(\d{4})-(\d{2})$/.exec(value || "");
  return m ? `${m[2]}/${m[1]}` : value || "–";
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayInVietnam() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date());
}

/** The Vietnam day of an instant (or a day) as YYYY-MM-DD. */
export function vietnamDay(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date(value));
}

/** `day` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(day, days) {
  const date = new Date(day + "T12:00:00Z");
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** An API failure with its stable code and messages in both languages. */
export class ApiError extends Error {
  constructor(status, code, message, messageEn, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.messageVi = message;
    this.messageEn = messageEn;
    this.body = body;
  }

  /** The message in the current language. */
  get localized() {
    return (lang() === "en" ? this.messageEn : this.messageVi) || this.messageVi || this.messageEn;
  }
}

/** Builds the error of a failed answer (our JSON error shape, or a bare status). */
export function apiErrorFrom(status, body) {
  const detail = body && body.error;
  if (detail) return new ApiError(status, detail.code, detail.message, detail.message_en, body);
  return new ApiError(status, "http_" + status, t("error.http", { status }), DICTIONARY.en["error.http"].replace("{status}", status), body);
}

/** Every header our calls send: JSON, and the anti-CSRF header the session cookie requires on changes. */
export const API_HEADERS = Object.freeze({ Accept: "application/json", "X-KH02-CSRF": "1" });

/**
 * Calls the API (same origin, session cookie). `body` objects are sent as JSON. Resolves to the parsed JSON (or
 * null for 204); rejects with an ApiError carrying the server's bilingual message, or a network error message.
 */
export async function api(path, { method = "GET", body, headers = {} } = {}) {
  const init = { method, credentials: "same-origin", headers: { ...API_HEADERS, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" || body instanceof Blob ? body : JSON.stringify(body);
    if (!init.headers["Content-Type"]) init.headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, "network", DICTIONARY.vi["error.network"], DICTIONARY.en["error.network"]);
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFrom(response.status, data);
  return data;
}

/** Appends query parameters that are set (skips empty values). */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== "") query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The page's own query parameter. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

// ---- DOM helpers -------------------------------------------------------------------------------------------

/** Creates an element: `el("td", {class: "num"}, "12")`. Attributes starting with "on" become listeners. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child != null) node.append(child instanceof Node ? child : String(child));
  return node;
}

/** A link within the dashboard. */
export function link(href, text, attributes = {}) {
  return el("a", { href, ...attributes }, text);
}

/** The colour words and a marker: "green", "yellow", "red", "no_data" → a labelled, patterned chip (not hue alone). */
export function colourChip(colour) {
  const key = ["green", "yellow", "red"].includes(colour) ? colour : "no_data";
  return el("span", { class: `chip chip-${key}`, dataset: { colour: key } }, el("span", { class: "chip-mark", "aria-hidden": "true" }), t("colour." + key));
}

/** Replaces `container`'s content with a message block (kind: "empty", "error", "loading"). */
export function showMessage(container, kind, text, extra) {
  container.replaceChildren(el("div", { class: `message message-${kind}`, role: kind === "error" ? "alert" : "status" }, text, extra ?? null));
}

/** An error as a message block in the current language; a 401 offers the login page. */
export function showError(container, error) {
  const text = error instanceof ApiError ? error.localized : String(error && error.message ? error.message : error);
  const login = error instanceof ApiError && error.status === 401
    ? el("p", {}, link(withQuery("/login.html", { next: location.pathname + location.search }), t("nav.login")))
    : null;
  showMessage(container, "error", text, login);
}

/** A table with a header row; `columns`: [{key, label, num, sort}], `rows`: arrays of cells (nodes or text). */
export function table(columns, rows, attributes = {}, keys = []) {
  const head = el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", class: c.num ? "num" : null }, c.label))));
  const body = el("tbody", {}, rows.map((cells, r) => el("tr", { dataset: keys[r] == null ? null : { key: keys[r] } },
    cells.map((cell, i) => el("td", { class: columns[i] && columns[i].num ? "num" : null }, cell)))));
  return el("table", attributes, head, body);
}

/**
 * Makes a table sortable by clicking its headers. `values(key, index)` gives each column's sort value for the row
 * whose data-key is `key` (see `table`); clicking
 * the same header again reverses the order. The current order is announced via aria-sort.
 */
export function makeSortable(tableNode, values) {
  const headers = [...tableNode.querySelectorAll("thead th")];
  let current = { index: -1, ascending: true };
  headers.forEach((th, index) => {
    const button = el("button", { type: "button", class: "sort" }, ...th.childNodes);
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      current = { index, ascending: current.index === index ? !current.ascending : true };
      const body = tableNode.tBodies[0];
      const rows = [...body.rows];
      rows.sort((a, b) => {
        const x = values(a.dataset.key, index);
        const y = values(b.dataset.key, index);
        const order = x == null ? 1 : y == null ? -1 : typeof x === "number" ? x - y : String(x).localeCompare(String(y), "vi");
        return current.ascending ? order : -order;
      });
      body.append(...rows);
      headers.forEach((h, i) => h.setAttribute("aria-sort", i === index ? (current.ascending ? "ascending" : "descending") : "none"));
    });
  });
}

// ---- The page frame ------------------------------------------------------------------------------------------

const NAV = [
  ["/", "nav.national"],
  ["/tasks.html", "nav.tasks"],
  ["/criterion.html", "nav.criteria"],
  ["/services.html", "nav.services"],
  ["/upload.html", "nav.upload"],
  ["/units.html", "nav.units"],
];

/** Translates every element with data-i18n (text) or data-i18n-placeholder / data-i18n-title / data-i18n-aria. */
export function applyI18n(root = document) {
  document.documentElement.lang = lang();
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll("[data-i18n-title]")) node.title = t(node.dataset.i18nTitle);
  for (const node of root.querySelectorAll("[data-i18n-aria]")) node.setAttribute("aria-label", t(node.dataset.i18nAria));
}

/** What the frame learnt: /info and the session (null when not logged in). */
export const context = { info: null, session: null };

function renderHeader(titleKey) {
  const header = document.getElementById("site-header");
  const here = location.pathname === "/index.html" ? "/" : location.pathname;
  const nav = el("nav", { "aria-label": t("nav.label") },
    NAV.map(([href, key]) => link(href, t(key), { "aria-current": href === here ? "page" : null })));
  const account = context.session
    ? el("span", { class: "account", id: "account" }, el("span", { class: "who" }, `${context.session.name} (${t("role." + context.session.role)})`),
      el("button", { type: "button", id: "logout", class: "link", onclick: logout }, t("nav.logout")))
    : el("span", { class: "account", id: "account" }, link(withQuery("/login.html", { next: location.pathname + location.search }), t("nav.login"), { id: "login-link" }));
  const switcher = el("button", { type: "button", id: "lang-switch", class: "lang", lang: lang() === "vi" ? "en" : "vi", onclick: switchLanguage },
    lang() === "vi" ? "English" : "Tiếng Việt");
  const banner = context.info && context.info.demo
    ? el("div", { class: "demo-banner", id: "demo-banner", role: "note" }, t("demo.banner"))
    : null;
  fill(header,
    el("div", { class: "brand" },
      el("a", { href: "/", class: "logo" }, "KH02 Monitor"),
      el("span", { class: "subtitle" }, t("app.subtitle"))),
    el("div", { class: "tools" }, account, switcher),
    nav, banner);
  document.title = `${t(titleKey)} · KH02 Monitor`;
}

async function logout() {
  try {
    await api("/api/v1/session", { method: "DELETE" });
  } finally {
    location.href = "/login.html";
  }
}

let rerender = null;
let pageTitleKey = "app.title";

function switchLanguage() {
  try {
    localStorage.setItem(LANG_KEY, lang() === "vi" ? "en" : "vi");
  } catch {
    // Private mode without storage: the switch lasts for this page only.
  }
  applyI18n();
  renderHeader(pageTitleKey);
  if (rerender) rerender();
}

/**
 * Starts a page: reads /info and the session, draws the frame, translates static labels, then calls `render`
 * (again after a language switch). With `needsLogin` and no session (and no public reads), sends the visitor to
 * the login page.
 */
export async function startPage(titleKey, render, { needsLogin = true } = {}) {
  pageTitleKey = titleKey;
  rerender = render;
  const [info, session] = await Promise.all([
    api("/api/v1/info").catch(() => null),
    api("/api/v1/session").catch(() => null),
  ]);
  context.info = info;
  context.session = session;
  applyI18n();
  renderHeader(titleKey);
  if (needsLogin && !session && !(info && info.public_read)) {
    location.replace(withQuery("/login.html", { next: location.pathname + location.search }));
    return;
  }
  document.body.dataset.ready = "frame";
  await render();
  document.body.dataset.ready = "true";
}

/** Re-runs the page's render (after a filter or date change), marking the page busy meanwhile for tests. */
export async function refresh() {
  document.body.dataset.ready = "loading";
  if (rerender) await rerender();
  document.body.dataset.ready = "true";
}

/**
 * Wires the page's date picker: starts from `?as_of=` or today (Vietnam), at most today; a change updates the
 * address (so the view can be shared) and re-renders. Returns a function giving the chosen day.
 */
export function asOfControl(input = document.getElementById("as-of")) {
  const today = todayInVietnam();
  input.max = today;
  input.value = param("as_of") || today;
  input.addEventListener("change", () => {
    if (!input.value) return;
    setParams({ as_of: input.value === today ? "" : input.value });
    refresh();
  });
  return () => input.value || today;
}

/** Sets (or, when empty, removes) query parameters of the page's address without reloading it. */
export function setParams(values) {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(values)) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  history.replaceState(null, "", url);
}

/** Keeps each named control of `form` in the address: a change updates the query parameter and re-renders. */
export function bindQueryControls(form, names) {
  for (const name of names) form[name].addEventListener("change", () => { setParams({ [name]: form[name].value }); refresh(); });
}

/** A signed difference ("+3", "−1,5", "0") in the current language, or null when either side is missing. */
export function fmtDelta(now, before, digits = 0) {
  if (now == null || before == null) return null;
  const delta = Math.round((now - before) * 10 ** digits) / 10 ** digits;
  if (delta === 0) return "±0";
  return (delta > 0 ? "+" : "−") + fmtNumber(Math.abs(delta), digits);
}

/** Replaces `node`'s children with `children`, skipping null ones (optional parts). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child != null));
}

/** A dashboard link that keeps the page's chosen `as_of`. */
export function pageLink(path, params = {}) {
  return withQuery(path, { ...params, as_of: param("as_of") });
}
