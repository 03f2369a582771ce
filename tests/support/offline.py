"""The service worker in a page: wait until it controls the page, read what it saved."""

from __future__ import annotations

WAIT_FOR_WORKER = """async () => {
  const registration = await navigator.serviceWorker.ready;
  while (!navigator.serviceWorker.controller) await new Promise(r => setTimeout(r, 50));
  return registration.active.state;
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
    assert page.evaluate(WAIT_FOR_WORKER) == "activated"


def cached(page):
    return page.evaluate(CACHED_URLS)
