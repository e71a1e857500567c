// Upload page: choose or drop a file, dry-run it (row errors or the colour changes it would make), then confirm.
// XMLHttpRequest rather than fetch, for upload progress events on large files.

import { API_HEADERS, ApiError, apiErrorFrom, api, context, el, fill, fmtDateTime, fmtNumber, pick, showError, showMessage, startPage, t, table } from "./api.js";

const form = document.getElementById("upload-form");
const dropzone = document.getElementById("dropzone");
const progress = document.getElementById("progress");
const progressText = document.getElementById("progress-text");
const checkButton = document.getElementById("check");
const confirmButton = document.getElementById("confirm");
const SHOWN = 200;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The chosen file, its idempotency key (one per file, so a retried confirm stores it once) and the last answer. */
const state = { file: null, key: null, result: null };

function newKey() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function choose(file) {
  state.file = file || null;
  state.key = file ? newKey() : null;
  state.result = null;
  confirmButton.disabled = true;
  renderChosen();
  renderResult();
}

function renderChosen() {
  const f = state.file;
  document.getElementById("chosen").textContent = f ? t("upload.chosen", { name: f.name, size: fmtNumber(Math.max(1, Math.round(f.size / 1024))) + " KB" }) : "";
}

form.file.addEventListener("change", () => choose(form.file.files[0]));
form.kind.addEventListener("change", () => { choose(state.file); renderTemplates(); });
dropzone.addEventListener("click", (event) => { if (event.target !== form.file) form.file.click(); });
dropzone.addEventListener("dragover", (event) => { event.preventDefault(); dropzone.classList.add("over"); });
dropzone.addEventListener("dragleave", () => dropzone.classList.remove("over"));
dropzone.addEventListener("drop", (event) => {
  event.preventDefault();
  dropzone.classList.remove("over");
  if (event.dataTransfer.files.length) choose(event.dataTransfer.files[0]);
});

/** The media type the file is sent as: by its name, then by what the browser says; the server also looks at the bytes. */
function contentType(file) {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (/\.json$/i.test(file.name) || file.type === "application/json") return "application/json";
  return "text/csv";
}

/** POSTs the file with upload progress; resolves to {status, body} whatever the status, rejects on network failure. */
function send(dryRun) {
  return new Promise((resolve, reject) => {
    const file = state.file;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/reports/${form.kind.value}${dryRun ? "?dry_run=true" : ""}`);
    for (const [name, value] of Object.entries(API_HEADERS)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Content-Type", contentType(file));
    if (!dryRun) xhr.setRequestHeader("Idempotency-Key", state.key);
    progress.hidden = false;
    progress.value = 0;
    xhr.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      progress.value = Math.round((event.loaded / event.total) * 100);
      progressText.textContent = t("upload.sending", { percent: progress.value + "%" });
    });
    xhr.upload.addEventListener("load", () => { progress.value = 100; progressText.textContent = t("upload.checking"); });
    xhr.addEventListener("load", () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      resolve({ status: xhr.status, body });
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, "network", "", "")));
    xhr.send(file);
  });
}

async function submit(dryRun) {
  if (!state.file) return showMessage(document.getElementById("result"), "error", t("upload.needFile"));
  checkButton.disabled = true;
  confirmButton.disabled = true;
  try {
    const { status, body } = await send(dryRun);
    if (body && body.problems) state.result = { kind: "rejected", body };
    else if (status >= 400 || !body) state.result = { kind: "error", error: apiErrorFrom(status, body) };
    else state.result = { kind: body.stored ? (status === 200 ? "replayed" : "stored") : "preview", body };
  } catch (error) {
    state.result = { kind: "error", error: error.code === "network" ? apiErrorFrom(0, { error: { code: "network", message: t("error.network"), message_en: t("error.network") } }) : error };
  } finally {
    checkButton.disabled = false;
    progressText.textContent = "";
    progress.hidden = true;
  }
  confirmButton.disabled = state.result.kind !== "preview";
  renderResult();
  if (!dryRun) renderRecent();
}

checkButton.addEventListener("click", () => submit(true));
confirmButton.addEventListener("click", () => submit(false));

function problemTable(problems, id) {
  return table(
    [{ label: t("col.row"), num: true }, { label: t("col.column") }, { label: t("col.cellValue") }, { label: t("col.message") }],
    problems.slice(0, SHOWN).map((p) => [p.row == null ? "–" : String(p.row), p.column ? (p.cell ? `${p.column} (${p.cell.replace(/[0-9]+$/, "")})` : p.column) : "–", p.value ?? "", pick(p, "message") || p.code]),
    { class: "data compact", id });
}

/** A colour (or band key) in words; band keys have no dictionary entry and stay as they are. */
function colourWord(value) {
  if (!value) return "–";
  const word = t("colour." + value);
  return word === "colour." + value ? value : word;
}

/** Draws the last answer in the current language (again after a language switch). */
function renderResult() {
  const node = document.getElementById("result");
  const result = state.result;
  if (!result) return node.replaceChildren();
  if (result.kind === "error") return showError(node, result.error);
  const body = result.body;
  if (result.kind === "rejected") {
    fill(node,
      el("div", { class: "message message-error", role: "alert" }, t("upload.rejected", { n: fmtNumber(body.total_problems) })),
      el("h2", {}, t("upload.problems")), problemTable(body.problems, "problems"),
      body.total_problems > Math.min(body.problems.length, SHOWN) ? el("p", { class: "muted small" }, t("upload.moreProblems", { shown: fmtNumber(Math.min(body.problems.length, SHOWN)), total: fmtNumber(body.total_problems) })) : null);
    return;
  }
  const summary = result.kind === "preview"
    ? el("p", { class: "ok-text" }, t("upload.previewOk", { rows: fmtNumber(body.rows_accepted), units: fmtNumber(body.units_touched) }))
    : el("p", { class: "ok-text", dataset: { stored: "true" } }, result.kind === "replayed" ? t("upload.replayed") : t("upload.stored", { rows: fmtNumber(body.rows_accepted), id: body.upload_id }));
  const changes = body.colour_changes || [];
  fill(node, summary,
    body.warnings.length ? el("h2", {}, t("upload.warnings")) : null, body.warnings.length ? problemTable(body.warnings, "warnings") : null,
    result.kind === "preview" ? el("h2", {}, t("upload.changes")) : null,
    result.kind !== "preview" ? null : changes.length === 0 ? el("p", { class: "muted" }, t("upload.noChanges")) : table(
      [{ label: t("col.unit") }, { label: t("col.aspect") }, { label: t("col.before") }, { label: t("col.after") }],
      changes.map((c) => [c.unit, t("aspect." + c.aspect), colourWord(c.before), colourWord(c.after)]), { class: "data compact", id: "changes" }));
}

function renderTemplates() {
  const kind = form.kind.value;
  document.getElementById("templates").replaceChildren(t("upload.templates"), " ",
    ...["readiness", "tasks", "services"].flatMap((k, i) => [i ? " · " : "",
      el("a", { href: `/api/v1/templates/${k}.xlsx`, download: "", class: k === kind ? "current" : null }, t("upload.kind." + k)),
      " (", el("a", { href: `/api/v1/templates/${k}.csv`, download: "" }, "CSV"), ")"]));
}

async function renderRecent() {
  const node = document.getElementById("recent");
  try {
    const data = await api("/api/v1/reports?limit=10");
    if (data.items.length === 0) return showMessage(node, "empty", t("state.empty"));
    node.replaceChildren(table(
      [{ label: t("col.received") }, { label: t("upload.kind") }, { label: t("col.uploader") }, { label: t("col.rows"), num: true }, { label: t("col.units"), num: true }, { label: t("upload.file") }],
      data.items.map((u) => [fmtDateTime(u.received_at), t("upload.kind." + u.kind), u.uploader, fmtNumber(u.row_count), fmtNumber(u.units_touched),
        el("a", { href: u.original_url }, u.format.toUpperCase())]),
      { class: "data compact" }));
  } catch (error) {
    showError(node, error);
  }
}

async function render() {
  const central = context.session && context.session.role === "central";
  document.getElementById("central-note").hidden = !central;
  checkButton.disabled = central;
  renderTemplates();
  renderChosen();
  renderResult();
  await renderRecent();
}

startPage("upload.title", render);
