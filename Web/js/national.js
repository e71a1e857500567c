// National page: headline figures with 7-day deltas, the choropleth of the 34 provinces (coverage band fill, task
// colour marker), bands, criteria, overdue tasks by group, and the sortable province table.

import {
  api, asOfControl, addDays, colourChip, el, fmtDate, fmtDateTime, fmtDelta, fmtNumber, fmtPercent, link, makeSortable, pageLink, pick,
  showError, showMessage, startPage, t, table, withQuery,
} from "./api.js";
import { BAND_STYLES, NO_BAND_STYLE, drawMap, legend } from "./map.js";

const day = asOfControl();
document.getElementById("print").addEventListener("click", () => window.print());

/** Style of a band key, by its rank in the plan's list of bands. */
export function bandStyle(bands, key) {
  const index = bands.findIndex((b) => b.key === key);
  return index < 0 ? { id: "band-none", style: NO_BAND_STYLE } : { id: "band-" + index, style: BAND_STYLES[Math.min(index, BAND_STYLES.length - 1)] };
}

function figure(id, value, label, delta, extra) {
  return el("div", { class: "figure", id },
    el("div", { class: "figure-value" }, value),
    el("div", { class: "figure-label" }, label),
    extra ? el("div", { class: "figure-extra" }, extra) : null,
    delta ? el("div", { class: "figure-delta" }, t("delta.vs7", { delta })) : null);
}

function headline(now, before) {
  const provinces = now.provinces.length;
  const green = now.provinces_by_task_colour.green;
  const communes = now.communes;
  return [
    figure("fig-provinces", `${fmtNumber(green)}/${fmtNumber(provinces)}`, t("national.provincesGreen"),
      before && fmtDelta(green, before.provinces_by_task_colour.green),
      t("national.provincesColours", { yellow: fmtNumber(now.provinces_by_task_colour.yellow), red: fmtNumber(now.provinces_by_task_colour.red), none: fmtNumber(now.provinces_by_task_colour.no_data) })),
    figure("fig-communes", `${fmtNumber(communes.green)}/${fmtNumber(communes.total)}`, t("national.communesGreen"),
      before && fmtDelta(communes.green, before.communes.green), fmtPercent(communes.green_percent)),
    figure("fig-full", fmtNumber((now.provinces_per_band[0] || {}).provinces), t("national.provincesFull"),
      before && fmtDelta((now.provinces_per_band[0] || {}).provinces, (before.provinces_per_band[0] || {}).provinces)),
    figure("fig-overdue", fmtNumber(now.tasks.overdue), t("national.overdue"),
      before && fmtDelta(now.tasks.overdue, before.tasks.overdue),
      link("/tasks.html", t("national.overdueLink"))),
  ];
}

function provinceTable(now, before, bands) {
  const previous = new Map((before ? before.provinces : []).filter((p) => p.communes_no_data < p.communes_total).map((p) => [p.code, p]));
  const rows = now.provinces.map((p) => {
    const old = previous.get(p.code);
    return [
      p.code,
      link(pageLink("/province.html", { code: p.code }), pick(p)),
      colourChip(p.task_colour),
      `${fmtNumber(p.communes_green)}/${fmtNumber(p.communes_total)}`,
      fmtPercent(p.green_percent),
      old ? fmtDelta(p.green_percent, old.green_percent, 1) ?? "–" : "–",
      el("span", { class: "band", dataset: { band: p.band || "none" } }, pick(bands.find((b) => b.key === p.band)) || t("band.none")),
      p.most_unmet.map((c) => `${pick(c)} (${fmtNumber(c.communes)})`).join("; "),
    ];
  });
  const columns = [
    { label: t("col.code") }, { label: t("col.province") }, { label: t("col.taskColour") }, { label: t("col.communesGreen"), num: true },
    { label: t("col.percent"), num: true }, { label: t("col.delta7"), num: true }, { label: t("col.band") }, { label: t("col.mostUnmet") },
  ];
  const node = table(columns, rows, { id: "province-table", class: "data sortable" }, now.provinces.map((p) => p.code));
  const byCode = new Map(now.provinces.map((p) => [p.code, p]));
  const colourRank = { red: 0, yellow: 1, green: 2, no_data: 3 };
  makeSortable(node, (code, index) => {
    const p = byCode.get(code);
    const old = previous.get(code);
    return [p.code, pick(p), colourRank[p.task_colour], p.communes_green, p.green_percent,
      old && p.green_percent != null && old.green_percent != null ? p.green_percent - old.green_percent : null,
      bands.findIndex((b) => b.key === p.band), p.most_unmet.length ? p.most_unmet[0].communes : 0][index];
  });
  return node;
}

async function render() {
  const asOf = day();
  const headlineNode = document.getElementById("headline");
  const mapNode = document.getElementById("map");
  showMessage(headlineNode, "loading", t("state.loading"));
  showMessage(mapNode, "loading", t("state.loadingMap"));
  let now;
  try {
    now = await api(withQuery("/api/v1/coverage", { as_of: asOf }));
  } catch (error) {
    showError(headlineNode, error);
    mapNode.replaceChildren();
    for (const id of ["bands", "criteria", "groups", "provinces"]) document.getElementById(id).replaceChildren();
    return;
  }
  // A week earlier with no commune data at all (before the first reports) is no baseline: show no deltas.
  let before = await api(withQuery("/api/v1/coverage", { as_of: addDays(asOf, -7) })).catch(() => null);
  if (before && before.communes.no_data === before.communes.total) before = null;
  const bands = now.provinces_per_band;
  document.getElementById("as-of-text").textContent = fmtDate(asOf);
  document.getElementById("basis").textContent = t("basis", {
    asOf: fmtDateTime(now.as_of), plan: pick(now.plan, "title"), version: now.plan.version,
    upload: now.data.last_upload_at ? fmtDateTime(now.data.last_upload_at) : t("state.never"),
  }) + (before ? " " + t("delta.basis", { day: fmtDate(addDays(asOf, -7)) }) : " " + t("delta.none"));
  headlineNode.replaceChildren(...headline(now, before));

  document.getElementById("bands").replaceChildren(table(
    [{ label: t("col.band") }, { label: t("col.provinces"), num: true }],
    bands.map((b) => [pick(b), fmtNumber(b.provinces)]), { class: "data compact" }));
  document.getElementById("criteria").replaceChildren(now.criteria.length === 0 ? el("p", { class: "muted" }, t("state.empty")) : table(
    [{ label: t("col.criterion") }, { label: t("col.met"), num: true }, { label: t("col.percent"), num: true }],
    now.criteria.map((c) => [link(pageLink("/criterion.html", { key: c.key }), pick(c)), `${fmtNumber(c.met)}/${fmtNumber(c.total)}`, fmtPercent(c.percent)]),
    { class: "data compact" }));
  const groups = now.tasks.overdue_by_group.filter((g) => g.tasks > 0);
  document.getElementById("groups").replaceChildren(groups.length === 0 ? el("p", { class: "muted" }, t("national.noOverdue")) : table(
    [{ label: t("col.group") }, { label: t("col.tasks"), num: true }],
    groups.map((g) => [link(pageLink("/tasks.html", { group: g.group }), pick(g)), fmtNumber(g.tasks)]), { class: "data compact" }));
  document.getElementById("provinces").replaceChildren(provinceTable(now, before, bands));

  try {
    const geo = await api(withQuery("/api/v1/map/provinces.geojson", { as_of: asOf }));
    if (!geo.features || geo.features.length === 0) {
      showMessage(mapNode, "empty", t("map.empty"));
    } else {
      mapNode.replaceChildren(drawMap(geo, {
        title: t("national.map"),
        styleOf: (p) => bandStyle(bands, p.band),
        markerOf: (p) => p.task_colour,
        attributesOf: (p) => ({ code: p.code, band: p.band || "none", "task-colour": p.task_colour }),
        labelOf: (p) => `${pick(p)}: ${fmtPercent(p.green_percent)} ${t("map.communesGreen")} · ${t("col.taskColour")}: ${t("colour." + p.task_colour)}`,
        onSelect: (p) => { location.href = pageLink("/province.html", { code: p.code }); },
      }));
    }
  } catch (error) {
    showError(mapNode, error);
  }
  document.getElementById("map-legend").replaceChildren(
    legend(t("legend.band"), [...bands.map((b) => ({ ...bandStyle(bands, b.key), label: pick(b) })), { ...bandStyle(bands, null), label: t("band.none") }]),
    legend(t("legend.task"), ["green", "yellow", "red", "no_data"].map((c) => ({ marker: c, label: t("colour." + c) }))));
}

startPage("national.title", render);
