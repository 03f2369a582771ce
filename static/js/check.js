/* The warning-sign check on the device, a module loaded by /<lang>/check only.

   The rules and every screen come from the page (rendered by the server from
   webapp/triage.py); answers live only in this closure: never sent, never put in the URL
   or in storage. Without JavaScript the same check runs on the server, a screen a page. */

// Same algorithm as triage.decide(): screens in order; the first screen with a Yes or Not
// sure (or, on the urgent screen, a combination rule) ends the check. While a screen up to
// `upTo` is not fully answered (or the check goes on past it) it returns {next: index}.
export function decide(rules, answers, upTo) {
  let positive = function (key) {
    return rules.positive.indexOf(answers[key]) >= 0;
  };
  let last = upTo === undefined ? rules.screens.length - 1 : upTo;
  for (let i = 0; i <= last; i++) {
    let screen = rules.screens[i];
    for (let sign of screen.signs) if (!(sign.key in answers)) return { next: i };
    let signs = screen.signs.filter(function (sign) { return positive(sign.key); });
    let combinations = [];
    if (screen.level === "urgent") {
      combinations = rules.combinations.filter(function (rule) {
        return rule.all.every(positive) && rule.any.some(positive);
      });
      if (combinations.length) return result("emergency", signs, combinations, i);
    }
    if (signs.length) return result(screen.level, signs, combinations, i);
  }
  if (last < rules.screens.length - 1) return { next: last + 1 };
  return result("self-care", [], [], rules.screens.length - 1);

  function result(outcome, signs, combinations, screen) {
    let call = outcome === "emergency" && signs.some(function (s) { return s.action === "call"; });
    let go = outcome === "emergency" &&
      (combinations.length > 0 || signs.some(function (s) { return s.action === "go"; }));
    return {
      outcome: outcome,
      screen: screen,
      action: outcome === "emergency" ? (call ? "call" : "go") : null,
      call: call,
      go: go,
      cauda: signs.some(function (s) { return s.action === "go"; }),
      signs: signs.map(function (s) { return [s.key, answers[s.key]]; }),
      combinations: combinations.map(function (rule) { return rule.key; }),
    };
  }
}

// Same rule as triage.shows(): whether an outcome's line marked data-when applies.
export function shows(decision, when) {
  let colon = when.indexOf(":");
  let kind = colon < 0 ? when : when.slice(0, colon);
  let key = colon < 0 ? "" : when.slice(colon + 1);
  let given = {};
  decision.signs.forEach(function (pair) { given[pair[0]] = pair[1]; });
  if (kind === "sign") return key in given;
  if (kind === "notsure") return given[key] === "not-sure";
  if (kind === "combo") return decision.combinations.some(function (k) { return !key || k === key; });
  if (kind === "call") return decision.call;
  if (kind === "go") return decision.go;
  if (kind === "not-sure") return decision.signs.some(function (pair) { return pair[1] === "not-sure"; });
  if (kind === "cauda") return decision.cauda;
  return false;
}

function run() {
  if (typeof document === "undefined") return;
  let form = document.getElementById("check-form");
  let screens = document.getElementById("check-screens");
  let rulesNode = document.getElementById("check-rules");
  if (!form || !screens || !rulesNode || !("content" in screens)) return;

  let rules = JSON.parse(rulesNode.textContent);
  form.hidden = false; // a static export hides the form until JavaScript can run it
  let intro = document.querySelector(".check-intro");
  let first = form.querySelector(".check-screen").cloneNode(true);
  let answers = {};
  let index = 0;
  let lastAction = null;

  function template(i) {
    if (i === 0) return first;
    return screens.content.querySelector('[data-screen="question"][data-index="' + i + '"]');
  }

  function show(node, focusSelector) {
    let copy = node.cloneNode(true);
    form.replaceChild(copy, form.querySelector(".check-screen"));
    document.title = copy.getAttribute("data-title");
    copy.querySelector(focusSelector).focus();
    return copy;
  }

  // Each screen is an entry in the browser's history, so the phone's Back button goes to the
  // previous screen. The entry holds the screen's number only, never an answer.
  function remember(state, replace) {
    if (!window.history || !history.pushState) return;
    if (replace) history.replaceState(state, "");
    else history.pushState(state, "");
  }

  window.addEventListener("popstate", function (event) {
    let state = event.state;
    if (!state || state.check === undefined) return;
    let decision = decide(rules, answers);
    if (state.check === "outcome" && decision.outcome) return showOutcome(decision);
    let reached = decision.outcome ? decision.screen : decision.next;
    showScreen(Math.min(state.check === "outcome" ? reached : state.check, reached));
  });

  function showScreen(i) {
    index = i;
    if (intro) intro.hidden = false;
    let copy = show(template(i), ".question-text");
    let screen = rules.screens[i];
    let ticked = false;
    screen.signs.forEach(function (sign) {
      let given = answers[sign.key];
      if (!given) return;
      if (screen.checklist) {
        if (given === "yes") {
          copy.querySelector('input[value="' + sign.key + '"]').checked = true;
          ticked = true;
        }
      } else {
        copy.querySelector('input[name="' + sign.key + '"][value="' + given + '"]').checked = true;
      }
    });
    if (screen.checklist && !ticked && screen.signs[0].key in answers) {
      copy.querySelector("input[data-exclusive]").checked = true;
    }
  }

  function showOutcome(decision) {
    let copy = screens.content
      .querySelector('[data-screen="outcome"][data-outcome="' + decision.outcome + '"]')
      .cloneNode(true);
    if (intro) intro.hidden = true;
    copy.querySelectorAll("[data-when]").forEach(function (line) {
      if (!shows(decision, line.getAttribute("data-when"))) line.remove();
    });
    if (decision.action) copy.setAttribute("data-action", decision.action);
    show(copy, ".outcome-heading");
  }

  function showError(missing) {
    let current = form.querySelector(".check-screen");
    let summary = current.querySelector(".error-summary");
    summary.hidden = false;
    current.querySelectorAll("[data-missing]").forEach(function (item) {
      item.hidden = missing.indexOf(item.getAttribute("data-missing")) < 0;
    });
    current.querySelectorAll("fieldset.question").forEach(function (fieldset) {
      let key = fieldset.getAttribute("data-key");
      let wrong = key === "checkup" ? missing.length > 0 : missing.indexOf(key) >= 0;
      let message = fieldset.querySelector(".error-message");
      message.hidden = !wrong;
      fieldset.classList.toggle("has-error", wrong);
      let described = (fieldset.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== message.id;
      });
      if (wrong) described.push(message.id);
      fieldset.setAttribute("aria-describedby", described.join(" "));
    });
    let prefix = current.querySelector(".error-message .visually-hidden").textContent;
    if (document.title.indexOf(prefix) !== 0) document.title = prefix + " " + document.title;
    summary.focus();
  }

  // The checklist's "None of these" clears the ticks, and a tick clears it.
  form.addEventListener("change", function (event) {
    let box = event.target;
    if (box.type !== "checkbox" || !box.checked) return;
    form.querySelectorAll('input[name="' + box.name + '"]').forEach(function (other) {
      if (other !== box && (box.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) {
        other.checked = false;
      }
    });
  });

  form.addEventListener("click", function (event) {
    let button = event.target.closest ? event.target.closest('button[name="action"]') : null;
    if (button) lastAction = button.value;
    let link = event.target.closest ? event.target.closest(".error-summary a") : null;
    if (link) {
      event.preventDefault();
      let input = form.querySelector(link.getAttribute("href"));
      if (input) input.focus();
    }
  });

  // The answers on the screen shown: every sign's radio, or the checklist's ticks.
  function collect(screen) {
    let given = {};
    let missing = [];
    if (screen.checklist) {
      let ticks = [];
      form.querySelectorAll('input[name="checkup"]:checked').forEach(function (box) { ticks.push(box.value); });
      if (!ticks.length) return { given: given, missing: ["checkup"] };
      screen.signs.forEach(function (sign) { given[sign.key] = ticks.indexOf(sign.key) >= 0 ? "yes" : "no"; });
      return { given: given, missing: missing };
    }
    screen.signs.forEach(function (sign) {
      let checked = form.querySelector('input[name="' + sign.key + '"]:checked');
      if (checked) given[sign.key] = checked.value;
      else missing.push(sign.key);
    });
    return { given: given, missing: missing };
  }

  function forget(from) {
    rules.screens.slice(from).forEach(function (screen) {
      screen.signs.forEach(function (sign) { delete answers[sign.key]; });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    let action = (event.submitter && event.submitter.value) || lastAction || "continue";
    lastAction = null;
    let onOutcome = !!form.querySelector('[data-screen="outcome"]');
    if (action === "restart") {
      answers = {};
      showScreen(0);
      remember({ check: 0 });
    } else if (action === "back") {
      // The page's Back is the browser's Back: one history, whichever the patient uses.
      if (window.history && history.state && history.state.check !== undefined && history.length > 1) {
        history.back();
      } else {
        showScreen(onOutcome ? index : Math.max(index - 1, 0));
      }
    } else {
      let screen = rules.screens[index];
      let found = collect(screen);
      forget(index);
      Object.assign(answers, found.given);
      if (found.missing.length) return showError(found.missing);
      let decision = decide(rules, answers, index);
      if (decision.outcome) {
        showOutcome(decision);
        remember({ check: "outcome" });
      } else {
        showScreen(decision.next);
        remember({ check: decision.next });
      }
    }
  });
  remember({ check: 0 }, true);
}

run();
