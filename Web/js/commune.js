// Commune page: colour and reasons, each criterion with its value and source report, report history, trend.

import { addDays, api, asOfControl, colourChip, el, fmtDate, fmtDateTime, fmtNumber, fmtPercent, link, pageLink, param, pick, showError, showMessage, startPage, t, table, withQuery } from "./api.js";
import { chartLegend, lineChart } from "./map.js";
import { reasonsList, valueText } from "./parts.js";

const code = param("code") || "";
const day = asOfControl();



async function render() {
  const summary = document.getElementById("summary");
  if (!/^\d{5}$/.test(code)) return showMessage(summary, "error", t("commune.badCode"));
  showMessage(summary, "loading", t("state.loading"));
  let data;
  try {
    data = await api(withQuery(`/api/v1/communes/${code}`, { as_of: day() }));
  } catch (error) {
    return showError(summary, error);
  }
  const commune = data.commune;
  document.getElementById("title").textContent = pick(commune, "full_name") || pick(commune);
  document.title = `${pick(commune)} · KH02 Monitor`;
  const back = document.getElementById("back");
  back.href = pageLink("/province.html", { code: data.province.code });
  back.textContent = "← " + pick(data.province);
  document.getElementById("basis").textContent = t("basis", {
    asOf: fmtDateTime(data.as_of), plan: pick(data.plan, "title"), version: data.plan.version,
    upload: data.last_report ? fmtDateTime(data.last_report.received_at || data.last_report.as_of) : t("state.never"),
  });
  summary.replaceChildren(
    el("div", { class: "figure" }, el("div", { class: "figure-value" }, colourChip(data.colour)), el("div", { class: "figure-label" }, t("col.colour"))),
    el("div", { class: "figure" }, el("div", { class: "figure-value" }, fmtNumber(data.unmet_required)), el("div", { class: "figure-label" }, t("col.unmetRequired"))),
    el("div", { class: "figure" }, el("div", { class: "figure-value small-value" }, data.last_report ? fmtDateTime(data.last_report.as_of) : t("state.never")),
      el("div", { class: "figure-label" }, t("col.lastReport"))),
  );
  document.getElementById("criteria").replaceChildren(table(
    [{ label: t("col.criterion") }, { label: t("col.state2") }, { label: t("col.value") }, { label: t("col.threshold") }, { label: t("col.required") }, { label: t("col.asOf") }],
    data.criteria.map((c) => [link(pageLink("/criterion.html", { key: c.key }), pick(c)), el("span", { class: `state state-${c.state}` }, t("state." + c.state)),
      valueText(c.value, c.kind), c.threshold == null ? "–" : valueText(c.threshold, c.kind), c.required ? t("value.yes") : t("value.no"), fmtDateTime(c.report_as_of)]),
    { class: "data compact" }));
  document.getElementById("reasons").replaceChildren(reasonsList(data.reasons));
  const names = new Map(data.criteria.map((c) => [c.key, pick(c)]));
  const historyNode = document.getElementById("history");
  historyNode.replaceChildren(data.history.length === 0 ? el("p", { class: "muted" }, t("state.empty")) : table(
    [{ label: t("col.asOf") }, { label: t("col.received") }, { label: t("col.colour") }, { label: t("col.unmetRequired"), num: true }, { label: t("col.unmetCriteria") }],
    data.history.map((h) => [fmtDateTime(h.as_of), fmtDateTime(h.received_at), colourChip(h.colour), fmtNumber(h.unmet_required),
      Object.entries(h.values).filter(([, v]) => v === false).map(([k]) => el("span", { class: "tag" }, names.get(k) || k))]),
    { class: "data compact" }));

  const trendNode = document.getElementById("trend");
  try {
    const history = await api(withQuery("/api/v1/history", { unit: code, from: addDays(day(), -29), to: day() }));
    const max = Math.max(2, data.criteria.filter((c) => c.required).length);
    const series = [{ label: t("trend.unmet"), points: history.days.map((d) => ({ x: d.day, y: d.colour === "no_data" ? null : d.unmet_required })) }];
    if (series[0].points.every((p) => p.y == null)) showMessage(trendNode, "empty", t("trend.empty"));
    else trendNode.replaceChildren(lineChart(series, { max, unit: "", formatY: (v) => fmtNumber(v, 1), formatX: (d) => fmtDate(d).slice(0, 5), height: 180 }), chartLegend(series));
  } catch (error) {
    showError(trendNode, error);
  }
}

startPage("commune.title", render);
