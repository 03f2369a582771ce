/* The warning-sign check on the device, a module loaded by /<lang>/check only.

   The rules and every screen come from the page (rendered by the server from
   webapp/triage.py); answers live only in this closure: never sent, never put in the URL
   or in storage. Without JavaScript the same check runs on the server, a question a page. */

function run() {
  let form = document.getElementById("check-form");
  let screens = document.getElementById("check-screens");
  let rulesNode = document.getElementById("check-rules");
  if (!form || !screens || !rulesNode || !("content" in screens)) return;

  let rules = JSON.parse(rulesNode.textContent);
  form.hidden = false; // a static export hides the form until JavaScript can run it
  let intro = document.querySelector(".check-intro");
  let answers = {};
  let index = 0;
  let lastAction = null;

  // Same algorithm as triage.decide(): the first answer a question maps to an outcome ends the check.
  function decide(upTo) {
    for (let i = 0; i <= upTo; i++) {
      let question = rules.questions[i];
      let outcome = question.stops[answers[question.key]];
      if (outcome) return { outcome: outcome, index: i };
    }
    return null;
  }

  function show(template, focusSelector) {
    let copy = template.cloneNode(true);
    form.replaceChild(copy, form.querySelector(".check-screen"));
    document.title = copy.getAttribute("data-title");
    copy.querySelector(focusSelector).focus();
    return copy;
  }

  // Each screen is an entry in the browser's history, so the phone's Back button goes to the
  // previous question. The entry holds the screen's number only, never an answer.
  function remember(state, replace) {
    if (!window.history || !history.pushState) return;
    if (replace) history.replaceState(state, "");
    else history.pushState(state, "");
  }

  window.addEventListener("popstate", function (event) {
    let state = event.state;
    if (!state || state.check === undefined) return;
    if (state.check === "outcome") {
      let decision = decide(state.index);
      if (decision) return showOutcome(decision);
      return showQuestion(Math.min(state.index, Object.keys(answers).length));
    }
    let i = Math.min(state.check, Object.keys(answers).length);
    showQuestion(i);
  });

  function showQuestion(i) {
    index = i;
    if (intro) intro.hidden = false;
    let copy = show(
      screens.content.querySelector('[data-screen="question"][data-index="' + i + '"]'),
      ".question-text"
    );
    let previous = answers[rules.questions[i].key];
    if (previous) copy.querySelector('input[value="' + previous + '"]').checked = true;
  }

  function showOutcome(decision) {
    let question = rules.questions[decision.index];
    let answer = answers[question.key];
    let outcome = '[data-screen="outcome"][data-outcome="' + decision.outcome + '"]';
    let template =
      screens.content.querySelector(
        outcome + '[data-sign="' + question.key + '"][data-answer="' + answer + '"]'
      ) || screens.content.querySelector(outcome + ":not([data-sign])");
    if (intro) intro.hidden = true;
    show(template, ".outcome-heading");
  }

  function showError() {
    let current = form.querySelector(".check-screen");
    let summary = current.querySelector(".error-summary");
    let message = current.querySelector(".error-message");
    let fieldset = current.querySelector("fieldset");
    summary.hidden = false;
    message.hidden = false;
    fieldset.classList.add("has-error");
    let described = (fieldset.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(message.id) < 0) described.push(message.id);
    fieldset.setAttribute("aria-describedby", described.join(" ").trim());
    let prefix = message.querySelector(".visually-hidden").textContent;
    if (document.title.indexOf(prefix) !== 0) document.title = prefix + " " + document.title;
    summary.focus();
  }

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

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    let action = (event.submitter && event.submitter.value) || lastAction || "continue";
    lastAction = null;
    let onOutcome = !!form.querySelector('[data-screen="outcome"]');
    if (action === "restart") {
      answers = {};
      showQuestion(0);
      remember({ check: 0 });
    } else if (action === "back") {
      // The page's Back is the browser's Back: one history, whichever the patient uses.
      if (window.history && history.state && history.state.check !== undefined && history.length > 1) {
        history.back();
      } else {
        showQuestion(onOutcome ? index : Math.max(index - 1, 0));
      }
    } else {
      let question = rules.questions[index];
      let checked = form.querySelector('input[name="' + question.key + '"]:checked');
      if (!checked) return showError();
      answers[question.key] = checked.value;
      let decision = decide(index);
      if (decision) {
        showOutcome(decision);
        remember({ check: "outcome", index: index });
      } else {
        let next = index + 1;
        showQuestion(next);
        remember({ check: next });
      }
    }
  });
  remember({ check: 0 }, true);
}

run();
