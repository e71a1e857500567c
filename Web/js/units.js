// Reference units: the provinces valid on a chosen day, and the communes of the province clicked. Open to all.

import { api, asOfControl, el, fmtDate, fmtNumber, showError, startPage, t, table, withQuery } from "./api.js";

const day = asOfControl();

async function showStatus() {
  const status = document.getElementById("status");
  try {
    await api("/ready");
    status.textContent = t("units.ready");
  } catch (error) {
    status.textContent = t("units.notReady") + " " + (error.localized || "");
  }
}

async function showCommunes(code) {
  const section = document.getElementById("communes-section");
  const node = document.getElementById("communes");
  try {
    const data = await api(withQuery(`/api/v1/units/provinces/${code}/communes`, { as_of: day() }));
    document.getElementById("communes-title").textContent = t("units.communesOf", { name: data.province.full_name, n: fmtNumber(data.count) });
    node.replaceChildren(table(
      [{ label: t("col.code") }, { label: t("units.name") }, { label: t("units.type") }, { label: t("units.validFrom") }],
      data.items.map((c) => [c.code, c.full_name, t("unitType." + c.type), fmtDate(c.valid_from)]), { class: "data compact" }));
  } catch (error) {
    showError(node, error);
  }
  section.hidden = false;
  section.scrollIntoView({ behavior: "smooth" });
}

async function render() {
  showStatus();
  const node = document.getElementById("provinces");
  try {
    const data = await api(withQuery("/api/v1/units/provinces", { as_of: day() }));
    const communes = data.items.reduce((sum, p) => sum + p.commune_count, 0);
    document.getElementById("summary").textContent = data.count === 0
      ? t("units.none")
      : t("units.summary", { provinces: fmtNumber(data.count), communes: fmtNumber(communes), day: fmtDate(data.as_of) });
    node.replaceChildren(table(
      [{ label: t("col.code") }, { label: t("units.name") }, { label: t("units.type") }, { label: t("units.communes"), num: true }],
      data.items.map((p) => [p.code, el("button", { type: "button", class: "link", onclick: () => showCommunes(p.code) }, p.full_name),
        t("unitType." + p.type), fmtNumber(p.commune_count)]),
      { class: "data", id: "provinces-table" }));
  } catch (error) {
    showError(node, error);
  }
}

startPage("units.title", render, { needsLogin: false });
