// Overdue tasks: filters (group, province, owner, as_of) kept in the address, the list, and the CSV link.

import { api, asOfControl, el, fmtDate, fmtNumber, fmtPercent, link, pageLink, param, pick, refresh, setParams, showError, showMessage, startPage, t, table, withQuery } from "./api.js";

const day = asOfControl();
const form = document.getElementById("filters");
let choices = null;

/** Fills the group and province choices once, from the national picture (names in the current language). */
async function loadChoices() {
  choices = choices || await api(withQuery("/api/v1/coverage", { as_of: day() })).catch(() => null);
  const groups = choices ? choices.tasks.overdue_by_group : [];
  const provinces = choices ? choices.provinces : [];
  const fill = (select, items, selected) => {
    select.replaceChildren(el("option", { value: "" }, t("tasks.all")),
      ...items.map(([value, label]) => el("option", { value, selected: value === selected }, label)));
  };
  fill(form.group, groups.map((g) => [g.group, `${pick(g)} (${fmtNumber(g.tasks)})`]), param("group") || "");
  fill(form.province, provinces.map((p) => [p.code, `${p.code} · ${pick(p)}`]), param("province") || "");
  form.owner.value = param("owner") || "";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  setParams(Object.fromEntries(["group", "province", "owner"].map((name) => [name, form[name].value.trim()])));
  refresh();
});

async function render() {
  await loadChoices();
  const filters = { as_of: day(), group: param("group"), province: param("province"), owner: param("owner") };
  document.getElementById("csv-link").href = withQuery("/api/v1/tasks/overdue.csv", filters);
  const results = document.getElementById("results");
  const count = document.getElementById("count");
  showMessage(results, "loading", t("state.loading"));
  count.textContent = "";
  try {
    const data = await api(withQuery("/api/v1/tasks/overdue", filters));
    count.textContent = t("tasks.count", { n: fmtNumber(data.count) });
    if (data.items.length === 0) return showMessage(results, "empty", t("tasks.none"));
    const ownerCell = (item) => {
      const name = `${pick(item, "owner_name")} (${item.owner})`;
      if (item.owner_kind === "province") return link(pageLink("/province.html", { code: item.owner }), name);
      if (item.owner_kind === "commune") return link(pageLink("/commune.html", { code: item.owner }), name);
      return name;
    };
    results.replaceChildren(table(
      [{ label: t("col.task") }, { label: t("col.title") }, { label: t("col.group") }, { label: t("col.owner") }, { label: t("col.deadline") },
        { label: t("col.daysOverdue"), num: true }, { label: t("col.progress"), num: true }, { label: t("col.lastReport") }],
      data.items.map((item) => [item.task, pick(item, "title"), pick(item, "group_name"), ownerCell(item), fmtDate(item.deadline),
        fmtNumber(item.days_overdue), fmtPercent(item.progress), item.last_report_as_of ? fmtDate(item.last_report_as_of) : t("state.never")]),
      { class: "data", id: "overdue-table" }));
  } catch (error) {
    showError(results, error);
  }
}

startPage("tasks.title", render);
