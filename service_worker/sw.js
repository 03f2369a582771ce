/* Back Spasm Guide service worker (served at /sw.js, scope "/").

   Strategy (see docs/design.md#service-worker-strategy):
   - One cache per version. The server fills in BUILD below: the version (a hash of every
     saved page and asset) and what to save for each language.
   - Every page of the patient's language is saved, and the guide and the check of every
     other language the clinic offers (BUILD.everyLanguage), so the language switcher
     works offline for them. A language counts as the patient's once its offline page is
     saved; visiting another language online saves the rest of it too.
   - Saved pages and assets are answered from the cache first: instant, and no request at
     all on a reload. Anything else goes to the network, with a 3 s limit, and falls back to
     the cache and then to the language's offline page.
   - The first worker takes control at once. An update installs beside the old version,
     saving every language the old cache had, and takes over only when the patient accepts
     the notice (or at the next launch); the old cache is deleted after that. */
"use strict";

const BUILD = "__BUILD__";
const CACHE = "bsg-" + BUILD.version;
const TIMEOUT_MS = 3000;

function languageOf(url) {
  const first = new URL(url, self.location.origin).pathname.split("/")[1];
  return Object.prototype.hasOwnProperty.call(BUILD.languages, first) ? first : null;
}

function saveRequest(url) {
  // No cookie goes out or comes back: the saved check page never carries a session.
  return new Request(url, { credentials: "omit", cache: "no-cache" });
}

function pathOf(url) {
  return new URL(url, self.location.origin).pathname;
}

// The patient's languages: those whose offline page an earlier version saved.
async function languagesAlreadySaved() {
  const offlinePages = new Map(Object.entries(BUILD.offline).map(([lang, url]) => [pathOf(url), lang]));
  const found = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith("bsg-")) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const lang = offlinePages.get(pathOf(request.url));
      if (lang) found.add(lang);
    }
  }
  return found;
}

// Like cache.addAll (all or nothing), but stores a response that came through a redirect
// (a static host sends /en/check on to /en/check/) as a plain one, so it can answer a page load.
async function saveAll(cache, urls) {
  const responses = await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(saveRequest(url));
      if (!response.ok) throw new Error(url + ": " + response.status);
      if (!response.redirected) return response;
      return new Response(await response.blob(), { status: 200, headers: response.headers });
    })
  );
  await Promise.all(responses.map((response, i) => cache.put(urls[i], response)));
}

async function saveLanguage(lang) {
  const cache = await caches.open(CACHE);
  if (await cache.match(BUILD.offline[lang], { ignoreVary: true })) return;
  await saveAll(cache, BUILD.languages[lang]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const langs = await languagesAlreadySaved();
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        const lang = languageOf(client.url);
        if (lang) langs.add(lang);
      }
      const urls = BUILD.shared.slice();
      for (const lang of langs) urls.push(...BUILD.languages[lang]);
      for (const [lang, pages] of Object.entries(BUILD.everyLanguage)) {
        if (!langs.has(lang)) urls.push(...pages);
      }
      // All or nothing: if one file fails, this version is not installed and the old one stays.
      await saveAll(await caches.open(CACHE), urls);
      if (!self.registration.active) await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("bsg-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

function fetchWithTimeout(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
    fetch(request).then(
      (response) => { clearTimeout(timer); resolve(response); },
      (error) => { clearTimeout(timer); reject(error); }
    );
  });
}

async function fallbackPage(url) {
  const cache = await caches.open(CACHE);
  const lang = languageOf(url);
  if (new URL(url).pathname === "/") {
    // "/" is a redirect on the server; offline, open the guide in the patient's language.
    for (const code of Object.keys(BUILD.offline)) {
      if (!(await cache.match(BUILD.offline[code], { ignoreVary: true }))) continue;
      return Response.redirect(BUILD.languages[code][0], 302);
    }
  }
  const offline = lang && (await cache.match(BUILD.offline[lang], { ignoreVary: true }));
  if (offline) return offline;
  for (const code of Object.keys(BUILD.offline)) {
    const page = await cache.match(BUILD.offline[code], { ignoreVary: true });
    if (page) return page;
  }
  return null;
}

async function respond(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const navigate = request.mode === "navigate";
  let saved = await cache.match(request, { ignoreSearch: navigate, ignoreVary: true });
  if (!saved && navigate) {
    // The same page with or without its trailing slash (static hosts add one).
    const url = new URL(request.url);
    const other = url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname + "/";
    if (other) saved = await cache.match(other, { ignoreVary: true });
  }
  if (saved) return saved;
  try {
    const response = await fetchWithTimeout(request);
    if (navigate && response.status >= 500) return (await fallbackPage(request.url)) || response;
    return response;
  } catch (error) {
    return (navigate && (await fallbackPage(request.url))) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // the no-JavaScript form's POSTs go straight through
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === "/sw.js") return;
  event.respondWith(respond(event));
  const lang = languageOf(request.url);
  if (request.mode === "navigate" && lang) {
    // Visiting another language online saves that language for offline use too.
    event.waitUntil(saveLanguage(lang).catch(() => {}));
  }
});
