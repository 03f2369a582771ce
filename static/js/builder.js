/* The plan builder (staff only): the QR code's room as the therapist types, and Back.

   The page works without this file: the server checks the size when the form is sent.
   Here the meter counts the same bytes as webapp/plan_code.py (the numbers come from the
   page), so the therapist sees the room left before pressing "Make the QR code". */

const $ = (id) => document.getElementById(id);
const CODE_KEY = "bsg:builder-code";

function store(action) {
  try {
    return action(window.sessionStorage);
  } catch (error) {
    return null; // storage blocked: Back simply shows the empty builder
  }
}

// The ready page remembers its plan for this tab, so that Back brings the filled form.
const ready = document.querySelector("[data-plan-code]");
if (ready) store((s) => s.setItem(CODE_KEY, ready.getAttribute("data-plan-code")));

for (const form of document.querySelectorAll(".staff-bar")) {
  form.addEventListener("submit", () => store((s) => s.removeItem(CODE_KEY)));
}

const data = $("builder-data") ? JSON.parse($("builder-data").textContent) : null;
if (data) {
  const navigation = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  const saved = store((s) => s.getItem(CODE_KEY));
  if (navigation && navigation.type === "back_forward" && saved && !location.search) {
    location.replace("?code=" + encodeURIComponent(saved));
  }

  const texts = {};
  for (const node of $("builder-texts").content.querySelectorAll("[data-text]")) {
    texts[node.getAttribute("data-text")] = node.textContent;
  }
  const encoder = new TextEncoder();
  const bytesOf = (id) => encoder.encode(($(id).value || "").trim().replace(/\s+/g, " ")).length;
  // Two bytes make three letters of the code; a last odd byte makes two.
  const letters = (bytes) => Math.floor(bytes / 2) * 3 + (bytes % 2) * 2;

  const meter = $("room-meter");
  const text = $("room-text");
  const update = () => {
    const ticked = document.querySelectorAll('input[name="exercise"]:checked').length;
    const used = data.fixed + ticked * data.perExercise + bytesOf("own_line") + bytesOf("note");
    const room = data.capacity - letters(used);
    meter.hidden = false;
    meter.value = Math.min(100, Math.round((100 * letters(used)) / data.capacity));
    const left = Math.floor((room * 2) / 3);
    text.textContent = room >= 0
      ? texts.room.replace("{n}", left)
      : texts.full.replace("{n}", Math.max(1, -left));
    text.classList.toggle("error-message", room < 0);
  };
  document.querySelector(".plan-form").addEventListener("input", update);
  update();
}
