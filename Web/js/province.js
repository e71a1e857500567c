// Province page: coverage, commune map and list, unmet criteria, task colour reasons, tasks, service indicators,
// and a 30-day trend of the share of green communes.

import {
  addDays, api, asOfControl, colourChip, el, fill, fmtDate, fmtDateTime, fmtNumber, fmtPercent, fmtShare, link, makeSortable, pageLink,
  param, pick, showError, showMessage, startPage, t, table, withQuery,
} from "./api.js";
import { COLOUR_STYLES, chartLegend, drawMap, legend, lineChart } from "./map.js";
import { indicatorCells, reasonsList, taskRows } from "./parts.js";

const code = param("code") || "";
const day = asOfControl();

async function render() {
  const asOf = day();
  const summary = document.getElementById("summary");
  if (!/^\d{2}$/.test(code)) return showMessage(summary, "error", t("province.badCode"));
  document.getElementById("csv").href = withQuery(`/api/v1/provinces/${code}.csv`, { as_of: asOf });
  showMessage(summary, "loading", t("state.loading"));
  let data;
  try {
    data = await api(withQuery(`/api/v1/provinces/${code}`, { as_of: asOf }));
  } catch (error) {
    return showError(summary, error);
  }
  const names = new Map(data.criteria.map((c) => [c.key, pick(c)]));
  const province = data.province;
  document.getElementById("title").textContent = pick(province, "full_name") || pick(province);
  document.title = `${pick(province)} · KH02 Monitor`;
  document.getElementById("basis").textContent = t("basis", {
    asOf: fmtDateTime(data.as_of), plan: pick(data.plan, "title"), version: data.plan.version,
    upload: data.data.last_upload_at ? fmtDateTime(data.data.last_upload_at) : t("state.never"),
  });
  const coverage = data.coverage;
  summary.replaceChildren(
    el("div", { class: "figure" }, el("div", { class: "figure-value" }, colourChip(data.task_colour)), el("div", { class: "figure-label" }, t("col.taskColour"))),
    el("div", { class: "figure" }, el("div", { class: "figure-value" }, `${fmtNumber(coverage.green)}/${fmtNumber(coverage.total)}`),
      el("div", { class: "figure-label" }, t("national.communesGreen")), el("div", { class: "figure-extra" }, fmtPercent(coverage.green_percent))),
    el("div", { class: "figure" }, el("div", { class: "figure-value small-value" }, pick(coverage, "band_name") || t("band.none")), el("div", { class: "figure-label" }, t("col.band"))),
    el("div", { class: "figure" }, el("div", { class: "figure-value" }, fmtNumber(data.tasks.filter((x) => x.days_overdue > 0).length)), el("div", { class: "figure-label" }, t("national.overdue"))),
  );

  document.getElementById("reasons").replaceChildren(reasonsList(data.task_reasons),
    el("p", { class: "muted small" }, t("province.lastTaskReport", { at: fmtDateTime(data.last_task_report_as_of) })));
  const unmet = data.criteria.filter((c) => c.unmet > 0 || c.unknown > 0);
  document.getElementById("criteria").replaceChildren(unmet.length === 0 ? el("p", { class: "ok-text" }, t("province.allMet")) : table(
    [{ label: t("col.criterion") }, { label: t("col.unmet"), num: true }, { label: t("col.unknown"), num: true }, { label: t("col.percent"), num: true }],
    unmet.map((c) => [link(pageLink("/criterion.html", { key: c.key, province: code }), pick(c)), fmtNumber(c.unmet), fmtNumber(c.unknown), fmtPercent(c.percent)]),
    { class: "data compact" }));
  const services = data.services;
  fill(document.getElementById("services"),
    services.freshness === "never" ? el("p", { class: "muted" }, t("services.none")) : table(
      [{ label: t("col.indicator") }, { label: t("col.value"), num: true }, { label: t("col.target"), num: true }],
      services.indicators.map((i) => [pick(i), ...indicatorCells(i)]), { class: "data compact" }),
    services.month ? el("p", { class: "muted small" }, t("services.month", { month: services.month.slice(5, 7) + "/" + services.month.slice(0, 4) })) : null);

  const tasksNode = document.getElementById("tasks");
  tasksNode.replaceChildren(data.tasks.length === 0 ? el("p", { class: "muted" }, t("state.empty")) : taskRows(data.tasks));

  const communes = data.communes;
  const communeTable = table(
    [{ label: t("col.code") }, { label: t("col.commune") }, { label: t("col.colour") }, { label: t("col.unmetCriteria") }, { label: t("col.lastReport") }],
    communes.map((c) => [c.code, link(pageLink("/commune.html", { code: c.code }), pick(c)), colourChip(c.colour),
      [...c.unmet.map((k) => el("span", { class: "tag" }, names.get(k) || k)), ...c.unknown.map((k) => el("span", { class: "tag muted" }, `${names.get(k) || k}?`))],
      fmtDateTime(c.last_report_as_of)]),
    { class: "data", id: "commune-table" }, communes.map((c) => c.code));
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const rank = { red: 0, yellow: 1, no_data: 2, green: 3 };
  makeSortable(communeTable, (key, i) => {
    const c = byCode.get(key);
    return [c.code, pick(c), rank[c.colour], c.unmet.length, c.last_report_as_of][i];
  });
  document.getElementById("communes").replaceChildren(communes.length === 0 ? el("p", { class: "muted" }, t("state.empty")) : communeTable);

  const mapNode = document.getElementById("map");
  showMessage(mapNode, "loading", t("state.loadingMap"));
  api(withQuery(`/api/v1/map/provinces/${code}/communes.geojson`, { as_of: asOf })).then((geo) => {
    if (!geo.features || geo.features.length === 0) return showMessage(mapNode, "empty", t("map.empty"));
    mapNode.replaceChildren(drawMap(geo, {
      title: t("province.map"),
      styleOf: (p) => ({ id: "c-" + p.colour, style: COLOUR_STYLES[p.colour] || COLOUR_STYLES.no_data }),
      attributesOf: (p) => ({ code: p.code, colour: p.colour }),
      labelOf: (p) => `${pick(p)}: ${t("colour." + p.colour)}` + (p.unmet_required ? ` · ${t("map.unmet", { n: p.unmet_required })}` : ""),
      onSelect: (p) => { location.href = pageLink("/commune.html", { code: p.code }); },
    }));
  }).catch((error) => showError(mapNode, error));
  document.getElementById("map-legend").replaceChildren(legend(t("legend.readiness"),
    ["green", "yellow", "red", "no_data"].map((c) => ({ id: "lc-" + c, style: COLOUR_STYLES[c], label: t("colour." + c) }))));

  const trendNode = document.getElementById("trend");
  try {
    const history = await api(withQuery("/api/v1/history", { unit: code, from: addDays(asOf, -29), to: asOf }));
    const series = [{ label: t("trend.greenPercent"), points: history.days.map((d) => ({ x: d.day, y: d.green_percent })) }];
    if (history.days.every((d) => d.green_percent == null)) showMessage(trendNode, "empty", t("trend.empty"));
    else trendNode.replaceChildren(lineChart(series, { formatY: (v) => fmtPercent(v), formatX: (d) => fmtDate(d).slice(0, 5) }), chartLegend(series));
  } catch (error) {
    showError(trendNode, error);
  }
}

startPage("province.title", render);
