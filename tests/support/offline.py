"""The service worker in a page: wait until it controls the page, read what it saved."""

from __future__ import annotations

#: Bounded: a worker that never activates fails the test in 30 s instead of hanging the run.
WAIT_FOR_WORKER = """async () => {
  const deadline = Date.now() + 30000;
  const later = new Promise(r => setTimeout(() => r(null), 30000));
  const registration = await Promise.race([navigator.serviceWorker.ready, later]);
  if (!registration) return "no active worker after 30 s";
  while (!navigator.serviceWorker.controller && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 50));
  }
  return navigator.serviceWorker.controller ? registration.active.state : "not controlled";
}"""
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      urls.push(url.pathname + url.search);
    }
  }
  return {names: await caches.keys(), urls};
}"""


def wait_for_worker(page):
    state = page.evaluate(WAIT_FOR_WORKER)
    assert state == "activated", state


def cached(page):
    return page.evaluate(CACHED_URLS)
