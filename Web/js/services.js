// Services page: service indicators per province, lowest online application rate first by default.

import { api, asOfControl, bindQueryControls, el, fmtMonth, link, pageLink, param, pick, showError, showMessage, startPage, t, table, withQuery } from "./api.js";
import { indicatorCells } from "./parts.js";

const day = asOfControl();
const form = document.getElementById("filters");
const SORTS = ["online_application_rate", "on_time_rate", "online_payment_rate", "portal_sync_rate", "electronic_result_rate"];

bindQueryControls(form, ["month", "sort", "order"]);

async function render() {
  const results = document.getElementById("results");
  showMessage(results, "loading", t("state.loading"));
  let data;
  try {
    data = await api(withQuery("/api/v1/services", { as_of: day(), month: param("month"), sort: param("sort"), order: param("order") }));
  } catch (error) {
    return showError(results, error);
  }
  const names = new Map();
  for (const item of data.items) for (const i of item.services.indicators) names.set(i.key, pick(i));
  form.sort.replaceChildren(...SORTS.map((key) => el("option", { value: key, selected: key === data.sort }, names.get(key) || key)));
  form.order.value = data.order;
  form.month.value = param("month") || "";
  if (data.items.length === 0) return showMessage(results, "empty", t("services.none"));
  const keys = data.items[0].services.indicators.map((i) => i.key);
  results.replaceChildren(table(
    [{ label: t("col.province") }, { label: t("col.month") }, { label: t("col.freshness") }, ...keys.map((k) => ({ label: names.get(k) || k, num: true }))],
    data.items.map((item) => {
      const s = item.services;
      const byKey = new Map(s.indicators.map((i) => [i.key, i]));
      return [link(pageLink("/province.html", { code: item.code }), pick(item)), fmtMonth(s.month), t("freshness." + s.freshness),
        ...keys.map((k) => (byKey.has(k) ? indicatorCells(byKey.get(k))[0] : "–"))];
    }),
    { class: "data", id: "services-table" }));
}

startPage("nav.services", render);
