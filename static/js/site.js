/* Every page: the language switcher's memory, offline use and installing.

   Loaded on every page as a native ES module; the check (check.js) and the Print button
   (print.js) are modules of their own, loaded only by the pages that have them. Every page
   works without this file. All texts are in the page, already translated. */

const $ = (id) => document.getElementById(id);

// Remember the language a patient picks in the switcher: "/" then opens it next time.
document.addEventListener("click", (event) => {
  const link = event.target.closest ? event.target.closest("a[data-lang]") : null;
  if (!link) return;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie =
    "lang=" + link.getAttribute("data-lang") + "; Path=/; Max-Age=31536000; SameSite=Lax" + secure;
});

const standalone =
  (window.matchMedia && window.matchMedia("(display-mode: standalone)").matches) ||
  window.navigator.standalone === true;
const ios =
  /iphone|ipad|ipod/i.test(navigator.userAgent) ||
  (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);

// Installing: a button when the browser offers it; short steps on iOS; nothing when installed.
let deferredPrompt = null;
const DISMISSED = "bsg:install-dismissed";
function dismissed() {
  try {
    return window.localStorage.getItem(DISMISSED) === "1";
  } catch (e) {
    return false;
  }
}
window.addEventListener("beforeinstallprompt", (event) => {
  event.preventDefault();
  deferredPrompt = event;
  if (!standalone && !dismissed() && $("install")) $("install").hidden = false;
});
// "Not now" folds the card away, and it stays folded on later visits.
document.addEventListener("click", (event) => {
  if (!event.target.closest || !event.target.closest("[data-dismiss-install]")) return;
  try {
    window.localStorage.setItem(DISMISSED, "1");
  } catch (e) {
    /* private mode */
  }
  if ($("install")) $("install").hidden = true;
  if ($("install-ios")) $("install-ios").hidden = true;
});
if ($("install-button")) {
  $("install-button").addEventListener("click", () => {
    if (!deferredPrompt) return;
    deferredPrompt.prompt();
    deferredPrompt.userChoice.then(() => {
      deferredPrompt = null;
      $("install").hidden = true;
    });
  });
}
window.addEventListener("appinstalled", () => {
  if ($("install")) $("install").hidden = true;
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
});
if (ios && !standalone && !dismissed() && $("install-ios")) $("install-ios").hidden = false;
if (standalone && navigator.storage && navigator.storage.persist) navigator.storage.persist();

// Offline use: register the service worker after the page has loaded, and offer updates.
const workerUrl = document.documentElement.getAttribute("data-sw");
if (workerUrl && "serviceWorker" in navigator) {
  const container = navigator.serviceWorker;
  const firstInstall = !container.controller;
  let accepted = false;

  const offerUpdate = (worker) => {
    const notice = $("update-notice");
    if (!notice) return;
    notice.hidden = false;
    $("update-button").onclick = () => {
      accepted = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    };
  };

  const saved = () => {
    const note = $("offline-ready");
    if (!note) return;
    note.hidden = false;
    if (ios && !standalone) note.querySelector(".ios-only").hidden = false;
  };

  container.addEventListener("controllerchange", () => {
    if (accepted) window.location.reload();
  });

  const register = () => {
    container.register(workerUrl, { scope: "/", updateViaCache: "none" }).then((registration) => {
      if (registration.waiting && container.controller) offerUpdate(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker.addEventListener("statechange", () => {
          if (worker.state === "installed" && container.controller) offerUpdate(worker);
          if (worker.state === "activated" && firstInstall) saved();
        });
      });
      // Look for a new version whenever the app comes back to the foreground.
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") registration.update();
      });
    });
  };
  // Registering after "load" keeps the first view's bandwidth (a module runs before it).
  window.addEventListener("load", register);
}

// Finding it again: once a plan or a diary is saved on this phone, the guide's first screen
// links it (the footer always does).
const records = $("my-records");
if (records) {
  for (const link of records.querySelectorAll("a[data-record]")) {
    let saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(link.getAttribute("data-record")));
    } catch (e) {
      saved = null;
    }
    const filled = saved && (saved.entries ? saved.entries.length > 0 : true);
    if (filled) link.hidden = records.hidden = false;
  }
}
