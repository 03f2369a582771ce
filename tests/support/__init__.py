"""Helpers shared by the tests, scripts/ and benchmarks/: one home for each.

- `clinic`: the clinic settings the tests and screenshots use (CLINIC).
- `triage`: the check's rules written out plainly (the oracle) and the walk that runs every
  combination through the on-device check in a browser.
- `check_form`, `remote`: a patient filling in the no-JavaScript check, in-process or over HTTP.
- `browser`: how Chromium is launched here (Debian's, headless, with its flags).
- `servers`: the app in a thread (LiveServer) and the production servers (gunicorn, nginx).
- `offline`: waiting for the service worker, reading its caches.
- `pages`: the one list of page paths every language has.
- `printing`, `guide_text`, `diary_figures`, `axe`: paper, the guide's text, the diary's
  figures, axe-core.

Scripts and benchmarks run from the repository's root as modules
(`.venv/bin/python -m scripts.screenshots`, `.venv/bin/python -m benchmarks.front`), so
`tests.support` imports with no path set-up.
"""
