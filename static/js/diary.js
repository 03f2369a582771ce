/* The diary at /<lang>/diary: entries, chart, summary, CSV, back up, restore, delete.

   Everything stays in this browser's localStorage ("bsg:diary", and "bsg:plan" read for
   its items; the contract is in README.md). No request is ever made: files are made on the
   phone and handed over as blob: downloads. Every text comes from the page (rendered and
   translated by the server); this module only fills in numbers, dates and the user's own
   words, always as text, never as markup. */

const KEY = "bsg:diary";
const PLAN_KEY = "bsg:plan";
const DAMAGED_KEY = "bsg:diary-unreadable";
const BACKUP_FORMAT = "back-spasm-guide-backup";
const NOTE_MAX = 500;
const WALK_MAX = 1440;
const SVG = "http://www.w3.org/2000/svg";
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const $ = (id) => document.getElementById(id);
const root = document.documentElement;
const rtl = root.dir === "rtl";
const locale = root.lang + "-u-nu-latn"; // digits as the rest of the page writes them
const T = JSON.parse($("diary-texts").textContent);

const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));
const pad = (n) => String(n).padStart(2, "0");

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/* Dates. An entry keeps the phone's local time with its offset ("2026-12-02T08:30:00+01:00"),
   so its day is the first ten characters wherever and whenever it is read again. */
function localISO(date) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
const dayOf = (entry) => entry.time.slice(0, 10);
const today = () => localISO(new Date()).slice(0, 10);
function addDays(day, n) {
  const date = new Date(day + "T00:00:00Z");
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}
const dayFormat = (options) => new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options });
const longDay = dayFormat({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
const shortDay = dayFormat({ day: "numeric", month: "short" });
const tableDay = dayFormat({ weekday: "short", day: "numeric", month: "short" });
const asDate = (day) => new Date(day + "T12:00:00Z");
const clock = (entry) => entry.time.slice(11, 16);

/* Storage. A diary that cannot be read is never overwritten silently: it is kept aside. */
let damaged = false;
function loadDiary() {
  const raw = localStorage.getItem(KEY);
  if (!raw) return { v: 1, entries: [] };
  try {
    const data = JSON.parse(raw);
    if (data && data.v === 1 && Array.isArray(data.entries)) {
      return { v: 1, entries: data.entries.filter(validEntry) };
    }
  } catch (error) {
    /* fall through */
  }
  damaged = true;
  if (!localStorage.getItem(DAMAGED_KEY)) localStorage.setItem(DAMAGED_KEY, raw);
  return { v: 1, entries: [] };
}

function loadPlan() {
  try {
    const plan = JSON.parse(localStorage.getItem(PLAN_KEY));
    return validPlan(plan) ? plan : null;
  } catch (error) {
    return null;
  }
}

function saveDiary(diary) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ v: 1, entries: diary.entries }));
  } catch (error) {
    say(T.storageFull);
    return false;
  }
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  return true;
}

function validEntry(e) {
  return (
    !!e && typeof e === "object" &&
    typeof e.id === "string" && e.id.length > 0 && e.id.length <= 100 &&
    typeof e.time === "string" && ISO.test(e.time) && !Number.isNaN(Date.parse(e.time)) &&
    Number.isInteger(e.pain) && e.pain >= 0 && e.pain <= 10 &&
    typeof e.spasm === "boolean" &&
    (e.walked === null || (Number.isInteger(e.walked) && e.walked >= 0 && e.walked <= WALK_MAX)) &&
    Array.isArray(e.done) && e.done.every((id) => typeof id === "string" && id.length <= 100) &&
    typeof e.note === "string" && e.note.length <= NOTE_MAX
  );
}

/** A backup's plan: its signed code is all that is kept from it (see the restore). */
function backedUpPlan(plan) {
  return !!plan && typeof plan === "object" && typeof plan.code === "string" &&
    /^[0-9A-Z$*+\-./:]{1,1200}$/.test(plan.code);
}

function validPlan(plan) {
  return (
    !!plan && typeof plan === "object" && plan.v === 1 && Array.isArray(plan.items) &&
    plan.items.every((item) => item && typeof item.id === "string" && typeof item.text === "string")
  );
}

const clean = (e) => ({
  id: e.id, time: e.time, pain: e.pain, spasm: e.spasm, walked: e.walked, done: [...e.done], note: e.note,
});

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/* Figures: one function, used by the chart, its table, the summary and (in Python) the tests. */
function median(values) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const number = (x) => (x === null ? T.none : Number.isInteger(x) ? String(x) : x.toFixed(1));

function figures(entries, days, end, plan) {
  const windowStart = addDays(end, -(days - 1));
  const inWindow = entries.filter((e) => dayOf(e) >= windowStart && dayOf(e) <= end);
  const byDay = new Map();
  for (const e of inWindow) {
    if (!byDay.has(dayOf(e))) byDay.set(dayOf(e), []);
    byDay.get(dayOf(e)).push(e);
  }
  const chart = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(windowStart, i);
    const list = byDay.get(day) || [];
    chart.push({
      day,
      pain: list.length ? Math.max(...list.map((e) => e.pain)) : null,
      entries: list.length,
      spasm: list.some((e) => e.spasm),
    });
  }
  const start = inWindow.length ? [...byDay.keys()].sort()[0] : null;
  const pains = inWindow.map((e) => e.pain);
  const between = (from, to) => inWindow.filter((e) => dayOf(e) >= from && dayOf(e) <= to);
  const walked = inWindow.filter((e) => e.walked !== null).map((e) => e.walked);
  const items = plan ? plan.items.map((item) => ({ id: item.id, text: item.text })) : [];
  for (const e of inWindow) {
    for (const id of e.done) if (!items.some((item) => item.id === id)) items.push({ id, text: id });
  }
  const doneDays = items.map((item) => ({
    ...item,
    days: [...byDay.values()].filter((list) => list.some((e) => e.done.includes(item.id))).length,
  }));
  return {
    chart,
    start,
    end,
    entries: inWindow.length,
    days: byDay.size,
    lowest: pains.length ? Math.min(...pains) : null,
    median: median(pains),
    highest: pains.length ? Math.max(...pains) : null,
    firstWeek: start ? median(between(start, addDays(start, 6)).map((e) => e.pain)) : null,
    lastWeek: start ? median(between(addDays(end, -6), end).map((e) => e.pain)) : null,
    spasmDays: chart.filter((d) => d.spasm).length,
    walked: walked.length ? walked.reduce((a, b) => a + b, 0) : null,
    plan: doneDays,
  };
}

/* Page state */
let diary = loadDiary();
let plan = loadPlan();
let period = 14;
let editing = null; // the id of the entry in the form, or null for a new one

function say(text) {
  const status = $("diary-status");
  status.textContent = "";
  requestAnimationFrame(() => { status.textContent = text; });
}

const sorted = () =>
  [...diary.entries].sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || (a.id < b.id ? -1 : 1));

function planText(id) {
  const item = plan && plan.items.find((i) => i.id === id);
  return item ? item.text : id;
}

/* The form */
const form = $("entry-form");

function renderPlanItems(checked = []) {
  const box = $("plan-items");
  box.replaceChildren();
  const items = plan ? plan.items : [];
  $("plan-field").hidden = items.length === 0;
  items.forEach((item, i) => {
    const id = "done-" + i;
    const input = el("input", { type: "checkbox", id, name: "done", value: item.id });
    input.checked = checked.includes(item.id);
    box.append(el("div", { class: "radio" }, [input, el("label", { for: id, dir: "auto", text: item.text })]));
  });
}

function resetForm() {
  editing = null;
  form.reset();
  $("entry-time").value = localISO(new Date()).slice(0, 16);
  $("save-entry").textContent = $("save-entry").dataset.add;
  $("entry-heading").textContent = $("entry-heading").dataset.add;
  $("cancel-edit").hidden = true;
  hideErrors();
  renderPlanItems();
}

function hideErrors() {
  $("entry-errors").hidden = true;
  for (const field of form.querySelectorAll(".has-error")) field.classList.remove("has-error");
}

function showErrors(problems) {
  const box = $("entry-errors");
  const list = box.querySelector("ul");
  list.replaceChildren();
  for (const [fieldId, text] of problems) {
    $(fieldId).classList.add("has-error");
    list.append(el("li", { text }));
  }
  box.hidden = false;
  box.focus();
}

function readForm() {
  const problems = [];
  const timeValue = $("entry-time").value;
  const when = timeValue ? new Date(timeValue) : null;
  if (!when || Number.isNaN(when.getTime())) problems.push(["entry-time", T.badTime]);
  const pain = form.querySelector('input[name="pain"]:checked');
  if (!pain) problems.push(["pain-field", T.needPain]);
  const spasm = form.querySelector('input[name="spasm"]:checked');
  if (!spasm) problems.push(["spasm-field", T.needSpasm]);
  const walkedText = $("entry-walked").value.trim();
  const walked = walkedText === "" ? null : Number(walkedText);
  const walkInput = $("entry-walked");
  if ((walkedText === "" && walkInput.validity.badInput) ||
      (walked !== null && !(Number.isInteger(walked) && walked >= 0 && walked <= WALK_MAX))) {
    problems.push(["entry-walked", T.badWalk]);
  }
  if (problems.length) return { problems };
  // Items of an older plan, no longer offered as boxes, stay on the entry being edited.
  const before = editing && diary.entries.find((e) => e.id === editing);
  const offered = new Set(plan ? plan.items.map((item) => item.id) : []);
  const kept = before ? before.done.filter((id) => !offered.has(id)) : [];
  return {
    entry: {
      id: editing || newId(),
      time: localISO(when),
      pain: Number(pain.value),
      spasm: spasm.value === "yes",
      walked,
      done: [...form.querySelectorAll('input[name="done"]:checked')].map((i) => i.value).concat(kept),
      note: $("entry-note").value.slice(0, NOTE_MAX),
    },
  };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  hideErrors();
  const { entry, problems } = readForm();
  if (problems) return showErrors(problems);
  const wasEditing = editing;
  diary = loadDiary(); // another tab may have written in the meantime
  diary.entries = diary.entries.filter((e) => e.id !== entry.id).concat([entry]);
  if (!saveDiary(diary)) return;
  damaged = false;
  resetForm();
  render();
  say(wasEditing ? T.changed : T.saved);
  if (wasEditing) $("list-heading").focus();
});

$("cancel-edit").addEventListener("click", () => {
  const id = editing;
  resetForm();
  const button = document.querySelector(`.entry[data-id="${CSS.escape(id)}"] [data-action="edit"]`);
  if (button) button.focus();
});

function edit(id) {
  const entry = diary.entries.find((e) => e.id === id);
  if (!entry) return;
  resetForm();
  editing = id;
  $("entry-time").value = entry.time.slice(0, 16);
  form.querySelector(`input[name="pain"][value="${entry.pain}"]`).checked = true;
  form.querySelector(`input[name="spasm"][value="${entry.spasm ? "yes" : "no"}"]`).checked = true;
  $("entry-walked").value = entry.walked === null ? "" : String(entry.walked);
  $("entry-note").value = entry.note;
  renderPlanItems(entry.done);
  $("save-entry").textContent = $("save-entry").dataset.edit;
  $("entry-heading").textContent = fill(T.editEntry, { time: `${longDay.format(asDate(dayOf(entry)))} ${clock(entry)}` });
  $("cancel-edit").hidden = false;
  $("entry-heading").focus();
}

function remove(id) {
  diary = loadDiary();
  diary.entries = diary.entries.filter((e) => e.id !== id);
  if (!saveDiary(diary)) return;
  if (editing === id) resetForm();
  render();
  say(T.deleted);
  $("list-heading").focus();
}

/* The list of entries, newest first, grouped by day */
function renderList() {
  const list = $("entry-list");
  list.replaceChildren();
  const entries = sorted();
  if (!entries.length) return list.append(el("p", { text: T.noEntries }));
  let group = null;
  let day = null;
  for (const e of entries) {
    if (dayOf(e) !== day) {
      day = dayOf(e);
      group = el("ul", { class: "entries" });
      list.append(el("h4", { class: "entry-day", text: longDay.format(asDate(day)) }), group);
    }
    const facts = [fill(T.pain, { pain: e.pain }), e.spasm ? T.spasm : T.noSpasm];
    if (e.walked !== null) facts.push(fill(T.walked, { minutes: e.walked }));
    const item = el("li", { class: "entry", "data-id": e.id }, [
      el("p", { class: "entry-facts" }, [el("strong", { text: clock(e) }), " · " + facts.join(" · ")]),
    ]);
    if (e.done.length) item.append(el("p", { class: "entry-done", text: `${T.done} ${e.done.map(planText).join("; ")}` }));
    if (e.note) item.append(el("p", { class: "entry-note", dir: "auto", text: e.note }));
    const when = el("span", { class: "visually-hidden", text: ` ${longDay.format(asDate(day))} ${clock(e)}` });
    const actions = el("div", { class: "entry-actions" }, [
      el("button", { type: "button", class: "link-button", "data-action": "edit" }, [T.edit, when.cloneNode(true)]),
      el("button", { type: "button", class: "link-button", "data-action": "delete" }, [T.delete, when]),
    ]);
    item.append(actions);
    group.append(item);
  }
}

$("entry-list").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const item = button.closest(".entry");
  const id = item.dataset.id;
  const action = button.dataset.action;
  if (action === "edit") edit(id);
  else if (action === "confirm-delete") remove(id);
  else if (action === "keep") {
    item.querySelector(".entry-confirm").remove();
    item.querySelector(".entry-actions").hidden = false;
    item.querySelector('[data-action="delete"]').focus();
  } else if (action === "delete") {
    item.querySelector(".entry-actions").hidden = true;
    const question = el("div", { class: "entry-confirm", role: "group" }, [
      el("p", { text: T.confirmDelete }),
      el("button", { type: "button", class: "button button-emergency", "data-action": "confirm-delete", text: T.yesDelete }),
      el("button", { type: "button", class: "button button-secondary", "data-action": "keep", text: T.keep }),
    ]);
    item.append(question);
    question.querySelector("button").focus();
  }
});

/* The chart: highest pain of each day as a line with points, spasm days as triangles. */
const W = 360;
const H = 210;
const PLOT = { left: 34, right: 24, top: 10, bottom: 160 };

function renderChart(f) {
  const days = f.chart.length;
  const step = (W - PLOT.left - PLOT.right) / (days - 1);
  const x = (i) => {
    const pos = PLOT.left + i * step;
    return (rtl ? W - pos : pos).toFixed(1);
  };
  const y = (pain) => (PLOT.bottom - (pain / 10) * (PLOT.bottom - PLOT.top)).toFixed(1);
  const label = fill(T.chartLabel, { start: longDay.format(asDate(f.chart[0].day)), end: longDay.format(asDate(f.end)) });
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label, class: "pain-chart", "data-days": days });
  for (const level of [0, 5, 10]) {
    const yLevel = y(level);
    chart.append(svg("line", { class: "grid", x1: x(0), x2: x(days - 1), y1: yLevel, y2: yLevel }));
    // "end" follows the text's direction: left of the axis in LTR, right of it in RTL.
    const text = svg("text", { class: "axis", x: rtl ? W - PLOT.left + 8 : PLOT.left - 8, y: Number(yLevel) + 5, "text-anchor": "end" });
    text.textContent = String(level);
    chart.append(text);
  }
  const every = days > 14 ? 7 : 4;
  f.chart.forEach((d, i) => {
    if ((days - 1 - i) % every === 0) {
      // Today's label sits at the outer edge and runs inwards, so it is never cut off.
      const last = i === days - 1;
      const at = last ? Number(x(i)) + (rtl ? -8 : 8) : x(i);
      const text = svg("text", { class: "axis", x: at, y: PLOT.bottom + 22, "text-anchor": last ? "end" : "middle" });
      text.textContent = shortDay.format(asDate(d.day));
      chart.append(text);
    }
  });
  // Lines join neighbouring days that both have entries; a day without one leaves a gap.
  let run = [];
  const flush = () => {
    if (run.length > 1) chart.append(svg("polyline", { class: "pain-line", points: run.join(" ") }));
    run = [];
  };
  f.chart.forEach((d, i) => (d.pain === null ? flush() : run.push(`${x(i)},${y(d.pain)}`)));
  flush();
  f.chart.forEach((d, i) => {
    if (d.pain !== null) chart.append(svg("circle", { class: "pain-point", cx: x(i), cy: y(d.pain), r: 4.5, "data-day": d.day, "data-pain": d.pain }));
    if (d.spasm) {
      const cx = Number(x(i));
      const top = PLOT.bottom + 32;
      chart.append(svg("path", { class: "spasm-mark", d: `M${cx} ${top}l6 11h-12z`, "data-day": d.day }));
    }
  });
  $("chart").replaceChildren(chart);

  const body = $("chart-table").tBodies[0];
  body.replaceChildren();
  for (const d of [...f.chart].reverse()) {
    body.append(el("tr", { "data-day": d.day }, [
      el("th", { scope: "row", text: tableDay.format(asDate(d.day)) }),
      el("td", { text: d.pain === null ? T.none : String(d.pain) }),
      el("td", { text: String(d.entries) }),
      el("td", { text: d.entries ? (d.spasm ? T.yes : T.no) : T.none }),
    ]));
  }
}

/* The summary for the therapist: the numbers only, labelled by the page in two languages. */
function renderSummary(f) {
  const put = (row, value) => {
    const cell = document.querySelector(`#summary-table tr[data-row="${row}"] td`);
    if (typeof value === "string") cell.textContent = value;
    else cell.replaceChildren(value);
  };
  const date = (day) => el("span", { class: "nowrap", text: day });
  put("period", f.start ? el("span", {}, [date(f.start), " – ", date(f.end)]) : T.none);
  put("days", String(f.days));
  put("entries", String(f.entries));
  put("pain-low", number(f.lowest));
  put("pain-median", number(f.median));
  put("pain-high", number(f.highest));
  put("first-week", number(f.firstWeek));
  put("last-week", number(f.lastWeek));
  put("spasm-days", String(f.spasmDays));
  put("walked", number(f.walked));
  if (f.plan.length) {
    put("plan", el("ul", { class: "plan-done" }, f.plan.map((item) =>
      el("li", { "data-item": item.id }, [el("span", { dir: "auto", text: item.text }), ": ", el("strong", { text: String(item.days) })]))));
  } else {
    put("plan", T.none);
  }
}

function render() {
  plan = loadPlan();
  const f = figures(diary.entries, period, today(), plan);
  renderList();
  renderChart(f);
  renderSummary(f);
  if (!editing) renderPlanItems([...form.querySelectorAll('input[name="done"]:checked')].map((i) => i.value));
  if (damaged) say(T.damaged);
}

for (const button of document.querySelectorAll(".period button")) {
  button.addEventListener("click", () => {
    period = Number(button.dataset.days);
    for (const other of document.querySelectorAll(".period button")) {
      other.setAttribute("aria-pressed", String(other === button));
    }
    render();
  });
}

/* Files: made on the phone, handed over as a download; nothing leaves otherwise. */
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name, hidden: "" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A cell a spreadsheet could read as a formula is prefixed with an apostrophe (OWASP).
function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv() {
  const c = T.csvColumns;
  const rows = [[c.time, c.pain, c.spasm, c.walked, c.done, c.note]];
  for (const e of sorted().reverse()) {
    rows.push([e.time, e.pain, e.spasm ? T.csvYesNo.yes : T.csvYesNo.no, e.walked, e.done.map(planText).join("; "), e.note]);
  }
  return "\ufeff" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

$("download-csv").addEventListener("click", () => download(`diary-${today()}.csv`, "text/csv;charset=utf-8", csv()));
$("print-summary").addEventListener("click", () => window.print());

$("backup").addEventListener("click", () => {
  const backup = { format: BACKUP_FORMAT, v: 1, savedAt: localISO(new Date()), diary: { v: 1, entries: loadDiary().entries }, plan: loadPlan() };
  download(`back-spasm-diary-${today()}.json`, "application/json", JSON.stringify(backup, null, 1));
});

function parseBackup(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return null;
  }
  if (!data || data.format !== BACKUP_FORMAT || data.v !== 1) return null;
  if (!data.diary || data.diary.v !== 1 || !Array.isArray(data.diary.entries)) return null;
  if (!data.diary.entries.every(validEntry)) return null;
  if (data.plan !== null && data.plan !== undefined && !backedUpPlan(data.plan)) return null;
  const ids = data.diary.entries.map((e) => e.id);
  if (new Set(ids).size !== ids.length) return null;
  return { entries: data.diary.entries.map(clean), plan: data.plan || null };
}

$("restore-file").addEventListener("change", async (event) => {
  const input = event.target;
  const file = input.files && input.files[0];
  const message = $("restore-message");
  if (!file) return;
  const backup = file.size <= 5 * 1024 * 1024 ? parseBackup(await file.text()) : null;
  input.value = "";
  if (!backup) {
    message.textContent = T.badFile;
    message.classList.add("is-error");
    message.focus();
    return;
  }
  diary = loadDiary();
  const have = new Set(diary.entries.map((e) => e.id));
  const added = backup.entries.filter((e) => !have.has(e.id));
  diary.entries = diary.entries.concat(added);
  if (!saveDiary(diary)) return;
  const current = loadPlan();
  if (backup.plan && (!current || String(backup.plan.savedAt || "") > String(current.savedAt || ""))) {
    // Only the plan's signed code is kept: the plan page checks it with the clinic's key
    // before it shows anything of it (a crafted backup cannot make a plan).
    const pending = { v: 1, code: backup.plan.code, pending: true, savedAt: String(backup.plan.savedAt || ""), items: [] };
    localStorage.setItem(PLAN_KEY, JSON.stringify(pending));
  }
  message.classList.remove("is-error");
  message.textContent = fill(T.restored, { added: added.length, same: backup.entries.length - added.length });
  render();
  message.focus();
});

$("delete-all").addEventListener("click", () => {
  $("delete-confirm").hidden = false;
  $("delete-all-yes").focus();
});
$("delete-all-no").addEventListener("click", () => {
  $("delete-confirm").hidden = true;
  $("delete-all").focus();
});
$("delete-all-yes").addEventListener("click", () => {
  for (const key of [KEY, PLAN_KEY, DAMAGED_KEY]) localStorage.removeItem(key);
  diary = { v: 1, entries: [] };
  damaged = false;
  $("delete-confirm").hidden = true;
  resetForm();
  render();
  say(T.deletedAll);
  $("delete-all").focus();
});

// Another tab (the plan page, say) changed what is kept: show it.
window.addEventListener("storage", (event) => {
  if (event.key === null || event.key === KEY || event.key === PLAN_KEY) {
    diary = loadDiary();
    render();
  }
});

resetForm();
render();
$("diary").hidden = false;
