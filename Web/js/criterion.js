// Criterion page: which provinces and communes lack a criterion (e.g. specialized digital signatures).

import { valueText } from "./parts.js";
import { api, asOfControl, bindQueryControls, el, fmtNumber, fmtPercent, link, pageLink, param, pick, showError, showMessage, startPage, t, table, withQuery } from "./api.js";

const day = asOfControl();
const form = document.getElementById("filters");
const SHOWN = 300;
let criteria = null;

bindQueryControls(form, ["key", "state"]);



async function render() {
  criteria = criteria || (await api(withQuery("/api/v1/coverage", { as_of: day() })).catch(() => ({ criteria: [] }))).criteria;
  const key = param("key") || (criteria[0] && criteria[0].key) || "specialized_signature";
  form.key.replaceChildren(...criteria.map((c) => el("option", { value: c.key, selected: c.key === key }, pick(c))));
  form.state.value = param("state") || "";
  const provincesNode = document.getElementById("provinces");
  const communesNode = document.getElementById("communes");
  showMessage(provincesNode, "loading", t("state.loading"));
  communesNode.replaceChildren();
  let data;
  try {
    data = await api(withQuery(`/api/v1/criteria/${encodeURIComponent(key)}`, { as_of: day(), state: param("state") }));
  } catch (error) {
    return showError(provincesNode, error);
  }
  const c = data.criterion;
  document.getElementById("about").textContent =
    `${pick(c)} · ${t("criterion.kind." + c.kind)} · ${c.required ? t("criterion.required") : t("criterion.optional")}`;
  const n = data.nation;
  document.getElementById("nation").textContent = t("criterion.nation", {
    met: fmtNumber(n.met), total: fmtNumber(n.total), percent: fmtPercent(n.percent), unmet: fmtNumber(n.unmet), unknown: fmtNumber(n.unknown),
  });
  const provinces = [...data.provinces].sort((a, b) => (a.percent ?? 101) - (b.percent ?? 101));
  provincesNode.replaceChildren(table(
    [{ label: t("col.province") }, { label: t("col.met"), num: true }, { label: t("col.unmet"), num: true }, { label: t("col.unknown"), num: true }, { label: t("col.percent"), num: true }],
    provinces.map((p) => [link(pageLink("/province.html", { code: p.code }), p.name), `${fmtNumber(p.met)}/${fmtNumber(p.total)}`, fmtNumber(p.unmet), fmtNumber(p.unknown), fmtPercent(p.percent)]),
    { class: "data compact" }));
  const provinceNames = new Map(data.provinces.map((p) => [p.code, p.name]));
  const focus = param("province");
  const communes = data.communes.filter((x) => !focus || x.province === focus);
  document.getElementById("more").textContent = communes.length > SHOWN ? t("criterion.more", { shown: fmtNumber(SHOWN), total: fmtNumber(communes.length) }) : "";
  if (communes.length === 0) return showMessage(communesNode, "empty", t("state.empty"));
  communesNode.replaceChildren(table(
    [{ label: t("col.code") }, { label: t("col.commune") }, { label: t("col.province") }, { label: t("col.state2") }, { label: t("col.value") }],
    communes.slice(0, SHOWN).map((x) => [x.code, link(pageLink("/commune.html", { code: x.code }), x.name), provinceNames.get(x.province) || x.province,
      el("span", { class: `state state-${x.state}` }, t("state." + x.state)), valueText(x.value, c.kind)]),
    { class: "data compact" }));
}

startPage("criterion.title", render);
