/* The recovery plan on the phone (the page /<lang>/plan).

   The plan arrives in the link's fragment, which the browser never sends to a server. It is
   checked here with WebCrypto against the clinic's public key (printed into the page), and
   only a plan that passes is shown and saved, in localStorage under "bsg:plan" (the shape is
   shared with the diary). A saved plan is not checked again, so it stays readable after the
   clinic changes its key. Every sentence comes from the page (already translated); the
   therapist's own lines are set as text, never as HTML. Nothing here makes a request. */

const KEY = "bsg:plan";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-./:";
const CONTEXT = new TextEncoder().encode("back-spasm-guide/plan/v1\0");
const SIGNATURE = 64;
// P-256's order, halved: only low-S signatures are ours (one code for each plan).
const HALF_ORDER = "7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8";
const DAY_MS = 86400000;
const EPOCH = Date.UTC(2020, 0, 1);

const data = JSON.parse(document.getElementById("plan-data").textContent);
// The layout's names and limits come from the page (webapp/plan_code.py for_the_device).
const LAYOUT = data.layout;
const KEEP = LAYOUT.keep;
const BREAK = LAYOUT.rest;
const LIMITS = LAYOUT.limits;
const T = data.text;
const DOSE = data.dose;
const $ = (id) => document.getElementById(id);
const texts = {};
for (const node of $("plan-texts").content.querySelectorAll("[data-text]")) {
  texts[node.getAttribute("data-text")] = node.textContent;
}
const htmlLang = document.documentElement.lang;

/* -- the code: letters, layout, signature (mirrors webapp/plan_code.py) ------------------ */

function fromLetters(text) {
  if (text.length % 3 === 1) return null;
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const chunk = text.slice(i, i + 3);
    let n = 0;
    for (let k = chunk.length - 1; k >= 0; k--) {
      const value = ALPHABET.indexOf(chunk[k]);
      if (value < 0) return null;
      n = n * 43 + value;
    }
    if (chunk.length === 3) {
      if (n > 0xffff) return null;
      out.push(n >> 8, n & 0xff);
    } else {
      if (n > 0xff) return null;
      out.push(n);
    }
  }
  return new Uint8Array(out);
}

function within(n, [low, high]) {
  return n >= low && n <= high;
}

function names(bits, list) {
  if (bits >> list.length) throw new Error("bit");
  return list.filter((_, i) => (bits >> i) & 1);
}

function isoDay(days) {
  return new Date(EPOCH + days * DAY_MS).toISOString().slice(0, 10);
}

function printable(text) {
  return !/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Z}]/u.test(text.replace(/ /g, ""));
}

function printableLine(line, most) {
  return line.length > 0 && [...line].length <= most && printable(line);
}

/** The plan in the signed bytes, or null: the same checks as the builder's limits. */
function unpack(bytes) {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = bytes[0];
    const legacy = version === LAYOUT.legacyFormat;
    if (bytes.length < 15 || !(legacy || version === LAYOUT.format)) return null;
    if (bytes[1] >= data.languages.length) return null;
    const [minutes, times, increase, keepBits, restBits, days] = bytes.slice(4, 10);
    const appointment = view.getUint32(10);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const count = bytes[14];
    let position = 15;
    const exercises = [];
    if (!legacy) {
      for (let i = 0; i < count; i++) {
        if (position + 4 > bytes.length) return null;
        const [number, reps, hold, packed] = bytes.slice(position, position + 4);
        const key = LAYOUT.exerciseNumbers[number];
        const sets = packed >> 4;
        const perDay = packed & 15;
        if (
          !key || exercises.some((e) => e.key === key) || !within(reps, LIMITS.reps) ||
          !(hold === 0 || within(hold, LIMITS.hold)) || !within(sets, LIMITS.sets) ||
          !within(perDay, LIMITS.timesADay)
        ) return null;
        exercises.push({ key, reps, hold, sets, times: perDay });
        position += 4;
      }
    }
    const texts = [];
    for (let i = 0; i < (legacy ? count + 1 : 2); i++) {
      const length = bytes[position];
      if (length === undefined || position + 1 + length > bytes.length) return null;
      texts.push(decoder.decode(bytes.subarray(position + 1, position + 1 + length)));
      position += 1 + length;
    }
    const note = texts.pop();
    const lines = legacy ? texts : texts.filter((line) => line.length > 0);
    const increaseLimits = legacy ? LAYOUT.legacy.increase : LIMITS.increase;
    const dayLimits = legacy ? LAYOUT.legacy.days : LIMITS.days;
    const walkOk =
      (minutes === 0 && times === 0 && increase === 0) ||
      (within(minutes, LIMITS.minutes) && within(times, LIMITS.times) &&
        (increase === 0 || within(increase, increaseLimits)) &&
        (legacy || minutes * times <= LIMITS.walkDay));
    const keep = names(keepBits, KEEP);
    const rest = names(restBits, BREAK);
    const conflict = !legacy && LAYOUT.conflicts.some(([k, r]) => keep.includes(k) && rest.includes(r));
    if (
      position !== bytes.length || !walkOk || count > LIMITS.exercises || conflict ||
      (days !== 0 && !(rest.length && within(days, dayLimits))) ||
      !lines.every((line) => printableLine(line, LIMITS.line)) ||
      [...note].length > LIMITS.note || !printable(note)
    ) return null;
    let when = null;
    if (appointment) {
      when = new Date(EPOCH + appointment * 60000).toISOString().slice(0, 16);
    }
    return {
      lang: data.languages[bytes[1]],
      made: isoDay(view.getUint16(2)),
      walk: minutes ? { minutes, times, increase: increase || null } : null,
      keep,
      rest,
      restDays: days || null,
      exercises,
      lines,
      appointment: when,
      note,
    };
  } catch (error) {
    return null;
  }
}

function lowS(signature) {
  const hex = Array.from(signature.subarray(32), (b) => b.toString(16).padStart(2, "0")).join("");
  return hex <= HALF_ORDER; // same length, so text order is number order
}

let publicKey = null;

/** The plan in a code if the clinic's key signed it; null for anything else. */
async function verify(code) {
  const bytes = fromLetters(code);
  if (!bytes || bytes.length <= SIGNATURE + 15 || !(window.crypto && crypto.subtle)) return null;
  const body = bytes.subarray(0, bytes.length - SIGNATURE);
  const signature = bytes.subarray(bytes.length - SIGNATURE);
  if (!lowS(signature)) return null;
  const message = new Uint8Array(CONTEXT.length + body.length);
  message.set(CONTEXT);
  message.set(body, CONTEXT.length);
  try {
    publicKey = publicKey || (await crypto.subtle.importKey(
      "jwk", { ...data.key, ext: true }, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]
    ));
    const ok = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" }, publicKey, signature, message
    );
    return ok ? unpack(body) : null;
  } catch (error) {
    return null;
  }
}

/* -- sentences ------------------------------------------------------------------------- */

function walkSentence(walk) {
  return T.walk.replace("{m}", T.minutes[walk.minutes]).replace("{t}", T.times[walk.times]);
}

function localDate(iso) {
  const [day, time] = iso.split("T");
  const [y, m, d] = day.split("-").map(Number);
  const [h, min] = (time || "00:00").split(":").map(Number);
  return new Date(y, m - 1, d, h, min);
}

function exerciseName(key) {
  const card = $("exercise-library").content.querySelector('[data-exercise="' + key + '"] h3');
  return card ? card.textContent : key;
}

/** The dose in words: "Each time, hold for 10 seconds. Do it 5 times on each side. ..." */
function doseLines(exercise) {
  const lines = [];
  if (exercise.hold) lines.push(DOSE.hold[exercise.hold]);
  lines.push((DOSE.sides[exercise.key] ? DOSE.repsSides : DOSE.reps)[exercise.reps]);
  for (let i = 1; i < exercise.sets; i++) lines.push(DOSE.more[exercise.reps]);
  lines.push(DOSE.daily[exercise.times]);
  return lines;
}

function addDays(iso, days) {
  const day = localDate(iso);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + days);
}

function longDate(date) {
  return new Intl.DateTimeFormat(htmlLang, { dateStyle: "full" }).format(date);
}

/** Where the plan stands today: this week's walk (with the weekly increase, up to 30
    minutes), the break's last day, the next appointment. */
function thisWeek(plan, today = new Date()) {
  const lines = [];
  const weeks = Math.max(0, Math.floor((today - localDate(plan.made)) / (7 * DAY_MS)));
  if (plan.walk) {
    const grown = plan.walk.minutes + weeks * (plan.walk.increase || 0);
    const minutes = Math.max(plan.walk.minutes, Math.min(grown, LAYOUT.walkGrowsTo));
    lines.push(walkSentence({ minutes: Math.min(minutes, LIMITS.minutes[1]), times: plan.walk.times }));
  }
  if (plan.rest.length && plan.restDays) {
    const last = addDays(plan.made, plan.restDays - 1);
    const restLine = today > addDays(plan.made, plan.restDays)
      ? T.restEnded : T.restUntil.replace("{d}", longDate(last));
    lines.push(restLine + " " + plan.rest.map((key) => T.rest[key]).join(", "));
  }
  if (plan.exercises.length) {
    const heading = $("exercises-heading").textContent;
    lines.push(heading + ": " + plan.exercises.map((e) => exerciseName(e.key)).join(", "));
  }
  if (plan.appointment && localDate(plan.appointment) >= today) {
    lines.push(texts.appointment + ": " + new Intl.DateTimeFormat(htmlLang, {
      dateStyle: "full", timeStyle: "short",
    }).format(localDate(plan.appointment)));
  }
  return lines;
}

/** The walk of each week still to come, until it stops growing: "date: Walk for ...". */
function walkSchedule(plan, today = new Date()) {
  const lines = [];
  if (!plan.walk || !plan.walk.increase) return lines;
  let previous = walkMinutesOn(plan, today);
  for (let week = 1; week <= 12; week++) {
    const day = addDays(plan.made, 7 * week);
    if (day <= today) continue;
    const minutes = walkMinutesOn(plan, day);
    if (minutes === previous) break;
    lines.push(longDate(day) + ": " + walkSentence({ minutes, times: plan.walk.times }));
    previous = minutes;
  }
  return lines;
}

function exerciseCards(plan) {
  return plan.exercises.map((exercise) => {
    const template = $("exercise-library").content.querySelector('[data-exercise="' + exercise.key + '"]');
    const card = template.cloneNode(true);
    fillList(card.querySelector('[data-slot="dose"]'), doseLines(exercise));
    return card;
  });
}

function madeLine(plan) {
  const when = new Intl.DateTimeFormat(htmlLang, { dateStyle: "long" }).format(localDate(plan.made));
  return T.made.replace("{d}", when);
}

/** The doable items the diary offers as tick boxes (storage contract: `items`). */
function itemsOf(plan) {
  const items = [];
  if (plan.walk) items.push({ id: "walk", text: walkSentence(plan.walk) });
  for (const key of plan.keep) {
    if (!(key === "walking" && plan.walk)) items.push({ id: "keep-" + key, text: T.keep[key] });
  }
  for (const exercise of plan.exercises) {
    items.push({ id: "ex-" + exercise.key, text: exerciseName(exercise.key) });
  }
  plan.lines.forEach((line, i) => items.push({ id: "ex" + (i + 1), text: line }));
  return items;
}

/* -- storage --------------------------------------------------------------------------- */

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY));
    if (!(saved && saved.v === 1 && saved.plan && !saved.pending)) return null;
    // A plan saved before the exercise library held its exercises as the therapist's lines.
    const plan = saved.plan;
    if (!plan.lines) {
      plan.lines = (plan.exercises || []).filter((line) => typeof line === "string");
      plan.exercises = [];
    }
    return saved;
  } catch (error) {
    return null;
  }
}

function save(plan, code) {
  const record = {
    v: 1, code, lang: plan.lang, savedAt: new Date().toISOString(), plan, items: itemsOf(plan),
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(record));
  } catch (error) {
    record.unsaved = true; // storage full or blocked (private browsing): show it, say nothing saved
  }
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  return record;
}

/* -- showing --------------------------------------------------------------------------- */

const view = $("plan-view");

function slot(name) {
  return view.querySelector('[data-slot="' + name + '"]');
}

function part(name, shown) {
  view.querySelector('[data-part="' + name + '"]').hidden = !shown;
}

function fillList(list, lines) {
  list.replaceChildren(...lines.map((line) => {
    const item = document.createElement("li");
    item.textContent = line; // the therapist's words are text, never HTML
    item.dir = "auto";
    return item;
  }));
}

let current = null;

function show(record) {
  current = record;
  const plan = record.plan;
  view.querySelector(".plan-saved").hidden = !!record.unsaved;
  slot("made").textContent = madeLine(plan);
  part("walk", !!plan.walk);
  if (plan.walk) {
    slot("walk").textContent = walkSentence({ minutes: walkMinutesOn(plan, new Date()), times: plan.walk.times });
    slot("increase").hidden = !plan.walk.increase;
    // The weeks ahead, worked out: a date and that week's walk (no sums for the patient).
    fillList(slot("increase"), walkSchedule(plan));
  }
  part("keep", plan.keep.length > 0);
  fillList(slot("keep"), plan.keep.map((key) => T.keep[key]));
  part("rest", plan.rest.length > 0);
  slot("rest-lead").textContent = plan.restDays
    ? T.restUntil.replace("{d}", longDate(addDays(plan.made, plan.restDays - 1))) : T.restNow;
  fillList(slot("rest"), plan.rest.map((key) => T.rest[key]));
  part("exercises", plan.exercises.length > 0);
  const cards = exerciseCards(plan);
  slot("exercises").replaceChildren(...cards);
  part("floor", cards.some((card) => card.hasAttribute("data-floor")));
  part("lines", plan.lines.length > 0);
  fillList(slot("lines"), plan.lines);
  const week = thisWeek(plan);
  part("week", week.length > 0);
  fillList(slot("week"), week);
  part("appointment", !!plan.appointment);
  if (plan.appointment) {
    slot("appointment").textContent = new Intl.DateTimeFormat(htmlLang, {
      dateStyle: "full", timeStyle: "short",
    }).format(localDate(plan.appointment));
  }
  part("note", !!plan.note);
  slot("note").textContent = plan.note;
  const walks = !!plan.walk || plan.keep.includes("walking");
  for (const node of view.querySelectorAll('[data-calendar="walk"]')) node.hidden = !walks;
  for (const node of view.querySelectorAll('[data-calendar="exercises"]')) node.hidden = !plan.exercises.length;
  $("plan-code-out").value = record.code;
  $("copied").textContent = "";
  $("delete-confirm").hidden = true;
  $("plan-empty").hidden = true;
  $("plan-tools").hidden = false;
  $("plan-more").open = false;
  view.hidden = false;
}

function showEmpty() {
  current = null;
  view.hidden = true;
  $("plan-tools").hidden = true;
  $("plan-more").open = true; // no plan yet: pasting a code is the one thing to do here
  $("plan-empty").hidden = false;
}

function ask(oldRecord, plan) {
  return new Promise((resolve) => {
    const box = $("plan-replace");
    box.querySelector('[data-slot="old-made"]').textContent = madeLine(oldRecord.plan);
    box.querySelector('[data-slot="new-made"]').textContent = madeLine(plan);
    view.hidden = true;
    box.hidden = false;
    box.focus();
    const answer = (yes) => () => {
      box.hidden = true;
      resolve(yes);
    };
    $("replace-yes").onclick = answer(true);
    $("replace-no").onclick = answer(false);
  });
}

/** A code from a link or from the paste box: check it, then save it (asking first). */
async function receive(code, byHand = false) {
  $("plan-refused").hidden = true;
  $("plan-deleted").hidden = true;
  const saved = load();
  const plan = await verify(code);
  if (!plan) {
    $("plan-refused").hidden = false;
    $("plan-refused-saved").hidden = !saved;
    $("plan-refused").focus();
    if (saved) show(saved);
    else showEmpty();
    return;
  }
  if (plan.lang !== data.lang && data.pages[plan.lang]) {
    // The plan is in the patient's language: open that language's page.
    location.replace(data.pages[plan.lang] + "#" + code);
    return;
  }
  if (saved && saved.code === code) return show(saved);
  const asked = !!saved;
  if (saved && !(await ask(saved, plan))) return show(saved);
  show(save(plan, code));
  if (byHand || asked) $("plan-heading").focus();
}

/* -- the calendar file (RFC 5545) ------------------------------------------------------ */

function icsText(text) {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines of at most 75 octets, continued with CRLF and one space; never splits a character. */
function fold(line) {
  const encoder = new TextEncoder();
  const parts = [];
  let part = "";
  let size = 0;
  for (const ch of line) {
    const bytes = encoder.encode(ch).length;
    if (size + bytes > 75) {
      parts.push(part);
      part = " ";
      size = 1;
    }
    part += ch;
    size += bytes;
  }
  parts.push(part);
  return parts.join("\r\n");
}

function utc(date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function uid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("") + "@back-spasm-guide";
}

function event(start, summary, description, minutes, alarm) {
  const lines = [
    "BEGIN:VEVENT",
    "UID:" + uid(),
    "DTSTAMP:" + utc(new Date()),
    "DTSTART:" + utc(start),
    "DURATION:PT" + minutes + "M",
    "SUMMARY:" + icsText(summary),
    "DESCRIPTION:" + icsText(description),
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "TRIGGER:" + alarm,
    "DESCRIPTION:" + icsText(summary),
    "END:VALARM",
    "END:VEVENT",
  ];
  return lines;
}

function plusMinutes(date, minutes) {
  return new Date(date.getTime() + minutes * 60000);
}

/** The walk's minutes in the week of `day` (the weekly increase, up to 30 minutes). */
function walkMinutesOn(plan, day) {
  const weeks = Math.max(0, Math.floor((day - localDate(plan.made)) / (7 * DAY_MS)));
  const grown = plan.walk.minutes + weeks * (plan.walk.increase || 0);
  return Math.max(plan.walk.minutes, Math.min(grown, LAYOUT.walkGrowsTo));
}

function hourMinute(value, fallback) {
  const [h, m] = (value || fallback).split(":").map(Number);
  return Number.isFinite(h) && Number.isFinite(m) ? [h, m] : fallback.split(":").map(Number);
}

/** The calendar for the next 14 days: the appointment; each day's walks (as many as the
    plan says, 3 hours apart from the first, growing week by week); the exercises (as many
    times a day as the plan asks, 5 hours apart); a diary reminder. No reminder overlaps the
    appointment. `times` holds the patient's picks: { walk, exercises, diary }. */
export function calendar(plan, times = {}, now = new Date()) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Back Spasm Guide//Recovery plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  const appointment = plan.appointment ? localDate(plan.appointment) : null;
  const busy = appointment ? [appointment, plusMinutes(appointment, 60)] : null;
  const free = (start, minutes) =>
    !busy || plusMinutes(start, minutes) <= busy[0] || start >= busy[1];
  if (appointment) {
    lines.push(...event(appointment, texts.appointment, texts["from-plan"], 60, "-PT2H"));
  }
  // 14 days of a reminder, from the first time still to come (today or tomorrow).
  const daily = ([h, m], count, spacing, each) => {
    const first = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m);
    if (first <= now) first.setDate(first.getDate() + 1);
    for (let d = 0; d < 14; d++) {
      for (let k = 0; k < count; k++) {
        // Each day on its own, in local time: right across a daylight-saving change.
        each(new Date(first.getFullYear(), first.getMonth(), first.getDate() + d, h, m + k * spacing));
      }
    }
  };
  const walks = plan.walk || plan.keep.includes("walking");
  if (walks) {
    const count = plan.walk ? plan.walk.times : 1;
    daily(hourMinute(times.walk, "10:00"), count, 180, (start) => {
      const minutes = plan.walk ? walkMinutesOn(plan, start) : 15;
      if (!free(start, minutes)) return;
      const what = plan.walk ? walkSentence({ minutes, times: plan.walk.times }) : texts["from-plan"];
      lines.push(...event(start, texts["walk-reminder"], what, minutes, "PT0M"));
    });
  }
  if (plan.exercises.length) {
    const count = Math.max(...plan.exercises.map((e) => e.times));
    const [h, m] = hourMinute(times.exercises, "09:00");
    // Session k of the day holds the exercises done more than k times a day.
    for (let k = 0; k < count; k++) {
      const names = plan.exercises.filter((e) => e.times > k).map((e) => exerciseName(e.key)).join(", ");
      daily([h, m + k * 300], 1, 0, (start) => {
        if (free(start, 15)) lines.push(...event(start, texts["exercise-reminder"], names, 15, "PT0M"));
      });
    }
  }
  daily(hourMinute(times.diary, "20:00"), 1, 0, (start) => {
    if (free(start, 5)) lines.push(...event(start, texts["diary-reminder"], texts["from-plan"], 5, "PT0M"));
  });
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

function download(text, name) {
  const blob = new Blob([text], { type: "text/calendar;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/* -- wiring ---------------------------------------------------------------------------- */

$("calendar-button").addEventListener("click", () => {
  if (!current) return;
  const times = { walk: $("walk-time").value, exercises: $("exercise-time").value, diary: $("diary-time").value };
  download(calendar(current.plan, times), texts["calendar-file"] + ".ics");
});

$("copy-code").addEventListener("click", async () => {
  const box = $("plan-code-out");
  try {
    await navigator.clipboard.writeText(box.value);
  } catch (error) {
    box.select();
    document.execCommand("copy");
  }
  $("copied").textContent = texts.copied;
});

$("delete-plan").addEventListener("click", () => {
  $("delete-confirm").hidden = false;
  $("delete-yes").focus();
});
$("delete-no").addEventListener("click", () => {
  $("delete-confirm").hidden = true;
  $("delete-plan").focus();
});
$("delete-yes").addEventListener("click", () => {
  localStorage.removeItem(KEY);
  showEmpty();
  $("plan-deleted").hidden = false;
  $("plan-heading").focus();
});

$("plan-paste").addEventListener("submit", (submitted) => {
  submitted.preventDefault();
  let code = $("plan-code-in").value.replace(/\s+/g, "");
  if (code.includes("#")) code = code.slice(code.indexOf("#") + 1);
  $("plan-code-in").value = "";
  if (code) receive(code.toUpperCase(), true);
});

function fromFragment() {
  const code = location.hash.slice(1);
  if (!code) return null;
  // The code is not kept in the address bar or the history once read.
  history.replaceState(null, "", location.pathname + location.search);
  try {
    return decodeURIComponent(code);
  } catch (error) {
    return code;
  }
}

$("plan-needs-js").hidden = true;
$("plan-app").hidden = false;
$("plan-more").hidden = false;
/** A plan restored from a diary backup arrives as its code alone: it is shown (and its
    items offered to the diary) only if the clinic's key signed it. */
async function checkRestored() {
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(KEY));
  } catch (error) {
    saved = null;
  }
  if (!(saved && saved.pending)) return;
  const plan = typeof saved.code === "string" ? await verify(saved.code) : null;
  if (plan) save(plan, saved.code);
  else localStorage.removeItem(KEY);
}

const code = fromFragment();
if (code) {
  receive(code);
} else {
  checkRestored().then(() => {
    const saved = load();
    if (saved) show(saved);
    else showEmpty();
  });
}
window.addEventListener("hashchange", () => {
  const next = fromFragment();
  if (next) receive(next);
});

export { verify, fromLetters };
