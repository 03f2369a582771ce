/* Kill switch (SERVICE_WORKER_KILL_SWITCH=1): served at /sw.js in place of the real worker.
   Browsers fetch /sw.js without their HTTP cache, so every installed copy picks this up on
   its next update check, takes over at once, deletes every cache of ours, unregisters itself
   and reloads open pages from the network. Turn the switch off again to bring offline back. */
"use strict";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("bsg-")) await caches.delete(name);
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) {
        client.navigate(client.url);
      }
    })()
  );
});
