/* Back Spasm Guide: progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Remember the language a patient picks in the switcher: "/" then opens it next time.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-lang]") : null;
    if (!link) return;
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie =
      "lang=" + link.getAttribute("data-lang") + "; Path=/; Max-Age=31536000; SameSite=Lax" + secure;
  });
})();

/* The warning-sign check on the device. The rules and every screen come from the page
   (rendered by the server from webapp/triage.py); answers live only in this closure:
   never sent, never put in the URL or in storage. */
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  var screens = document.getElementById("check-screens");
  var rulesNode = document.getElementById("check-rules");
  if (!form || !screens || !rulesNode || !("content" in screens)) return;

  var rules = JSON.parse(rulesNode.textContent);
  form.hidden = false; // a static export hides the form until JavaScript can run it
  var intro = document.querySelector(".check-intro");
  var answers = {};
  var index = 0;
  var lastAction = null;

  // Same algorithm as triage.decide(): the first answer a question maps to an outcome ends the check.
  function decide(upTo) {
    for (var i = 0; i <= upTo; i++) {
      var question = rules.questions[i];
      var outcome = question.stops[answers[question.key]];
      if (outcome) return { outcome: outcome, index: i };
    }
    return null;
  }

  function show(template, focusSelector) {
    var copy = template.cloneNode(true);
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
    var state = event.state;
    if (!state || state.check === undefined) return;
    if (state.check === "outcome") {
      var decision = decide(state.index);
      if (decision) return showOutcome(decision);
      return showQuestion(Math.min(state.index, Object.keys(answers).length));
    }
    var i = Math.min(state.check, Object.keys(answers).length);
    showQuestion(i);
  });

  function showQuestion(i) {
    index = i;
    if (intro) intro.hidden = false;
    var copy = show(
      screens.content.querySelector('[data-screen="question"][data-index="' + i + '"]'),
      ".question-text"
    );
    var previous = answers[rules.questions[i].key];
    if (previous) copy.querySelector('input[value="' + previous + '"]').checked = true;
  }

  function showOutcome(decision) {
    var question = rules.questions[decision.index];
    var answer = answers[question.key];
    var outcome = '[data-screen="outcome"][data-outcome="' + decision.outcome + '"]';
    var template =
      screens.content.querySelector(
        outcome + '[data-sign="' + question.key + '"][data-answer="' + answer + '"]'
      ) || screens.content.querySelector(outcome + ":not([data-sign])");
    if (intro) intro.hidden = true;
    show(template, ".outcome-heading");
  }

  function showError() {
    var current = form.querySelector(".check-screen");
    var summary = current.querySelector(".error-summary");
    var message = current.querySelector(".error-message");
    var fieldset = current.querySelector("fieldset");
    summary.hidden = false;
    message.hidden = false;
    fieldset.classList.add("has-error");
    var described = (fieldset.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(message.id) < 0) described.push(message.id);
    fieldset.setAttribute("aria-describedby", described.join(" ").trim());
    var prefix = message.querySelector(".visually-hidden").textContent;
    if (document.title.indexOf(prefix) !== 0) document.title = prefix + " " + document.title;
    summary.focus();
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest('button[name="action"]') : null;
    if (button) lastAction = button.value;
    var link = event.target.closest ? event.target.closest(".error-summary a") : null;
    if (link) {
      event.preventDefault();
      var input = form.querySelector(link.getAttribute("href"));
      if (input) input.focus();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var action = (event.submitter && event.submitter.value) || lastAction || "continue";
    lastAction = null;
    var onOutcome = !!form.querySelector('[data-screen="outcome"]');
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
      var question = rules.questions[index];
      var checked = form.querySelector('input[name="' + question.key + '"]:checked');
      if (!checked) return showError();
      answers[question.key] = checked.value;
      var decision = decide(index);
      if (decision) {
        showOutcome(decision);
        remember({ check: "outcome", index: index });
      } else {
        var next = index + 1;
        showQuestion(next);
        remember({ check: next });
      }
    }
  });
  remember({ check: 0 }, true);
})();

/* Offline use and installing: register the service worker after the page has loaded,
   offer updates, and offer to install. All texts are in the page, already translated. */
(function () {
  "use strict";
  var root = document.documentElement;
  var workerUrl = root.getAttribute("data-sw");
  var $ = function (id) { return document.getElementById(id); };
  var standalone =
    (window.matchMedia && window.matchMedia("(display-mode: standalone)").matches) ||
    window.navigator.standalone === true;
  var ios = /iphone|ipad|ipod/i.test(navigator.userAgent) ||
    (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);

  // Installing: a button when the browser offers it; short steps on iOS; nothing when installed.
  var deferredPrompt = null;
  var DISMISSED = "bsg:install-dismissed";
  function dismissed() {
    try { return window.localStorage.getItem(DISMISSED) === "1"; } catch (e) { return false; }
  }
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    deferredPrompt = event;
    if (!standalone && !dismissed() && $("install")) $("install").hidden = false;
  });
  // "Not now" folds the card away, and it stays folded on later visits.
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("[data-dismiss-install]")) return;
    try { window.localStorage.setItem(DISMISSED, "1"); } catch (e) { /* private mode */ }
    if ($("install")) $("install").hidden = true;
    if ($("install-ios")) $("install-ios").hidden = true;
  });
  if ($("install-button")) {
    $("install-button").addEventListener("click", function () {
      if (!deferredPrompt) return;
      deferredPrompt.prompt();
      deferredPrompt.userChoice.then(function () {
        deferredPrompt = null;
        $("install").hidden = true;
      });
    });
  }
  window.addEventListener("appinstalled", function () {
    if ($("install")) $("install").hidden = true;
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
  });
  if (ios && !standalone && !dismissed() && $("install-ios")) $("install-ios").hidden = false;
  if (standalone && navigator.storage && navigator.storage.persist) navigator.storage.persist();

  if (!workerUrl || !("serviceWorker" in navigator)) return;
  var container = navigator.serviceWorker;
  var firstInstall = !container.controller;
  var accepted = false;

  function offerUpdate(worker) {
    var notice = $("update-notice");
    if (!notice) return;
    notice.hidden = false;
    $("update-button").onclick = function () {
      accepted = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    };
  }

  function saved() {
    var note = $("offline-ready");
    if (!note) return;
    note.hidden = false;
    if (ios && !standalone) note.querySelector(".ios-only").hidden = false;
  }

  container.addEventListener("controllerchange", function () {
    if (accepted) window.location.reload();
  });

  window.addEventListener("load", function () {
    container.register(workerUrl, { scope: "/", updateViaCache: "none" }).then(function (registration) {
      if (registration.waiting && container.controller) offerUpdate(registration.waiting);
      registration.addEventListener("updatefound", function () {
        var worker = registration.installing;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && container.controller) offerUpdate(worker);
          if (worker.state === "activated" && firstInstall) saved();
        });
      });
      // Look for a new version whenever the app comes back to the foreground.
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") registration.update();
      });
    });
  });
})();

/* The handout and the poster: a Print button (without JavaScript, the page says how). */
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (!button || !window.print) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
