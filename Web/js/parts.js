// Pieces several pages show the same way: colour reasons, the task table, service indicator cells, problem tables.

import { el, fmtDate, fmtNumber, fmtPercent, fmtShare, pick, t, table } from "./api.js";

/** The reasons behind a colour, in the current language. */
export function reasonsList(reasons) {
  if (!reasons || reasons.length === 0) return el("p", { class: "muted" }, t("state.noReasons"));
  return el("ul", { class: "reasons" }, reasons.map((r) => el("li", {}, pick(r, "message"))));
}

/** A task's state in words (done, completed late, overdue, at risk, on track). */
export function conditionText(task) {
  const text = t("condition." + task.condition);
  if (task.condition === "overdue" && task.days_overdue) return `${text} (${t("tasks.daysOverdue", { n: fmtNumber(task.days_overdue) })})`;
  if (task.condition === "completed_late" && task.days_late) return `${text} (${t("tasks.daysLate", { n: fmtNumber(task.days_late) })})`;
  return text;
}

/** The task table of a province or agency. */
export function taskRows(tasks) {
  return table(
    [{ label: t("col.task") }, { label: t("col.title") }, { label: t("col.deadline") }, { label: t("col.state") },
      { label: t("col.progress"), num: true }, { label: t("col.expected"), num: true }, { label: t("col.lastReport") }],
    tasks.map((task) => [task.task, pick(task, "title"), fmtDate(task.deadline),
      el("span", { class: `condition condition-${task.condition}` }, conditionText(task)),
      fmtPercent(task.progress), fmtPercent(task.expected_progress), task.report_as_of ? fmtDate(task.report_as_of) : t("state.never")]),
    { class: "data", id: "task-table" });
}

/** The value of a service indicator and its target, with a word for whether the target is met. */
export function indicatorCells(indicator) {
  const value = fmtShare(indicator.value);
  const mark = indicator.meets_target == null ? "" : indicator.meets_target ? ` ✓ ${t("services.met")}` : ` ✗ ${t("services.below")}`;
  return [value + mark, indicator.target == null ? "–" : fmtShare(indicator.target)];
}

/** A criterion value by the criterion's kind: yes/no, a share as a percentage, or a count. */
export function valueText(value, kind) {
  if (value === true) return t("value.yes");
  if (value === false) return t("value.no");
  if (value == null) return "–";
  return kind === "ratio" ? fmtShare(value) : fmtNumber(value);
}
