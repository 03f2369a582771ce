-- wrk script for tests/test_soak.py: a patient-like mix of pages, assets and form posts.
local paths = {
  "/en/", "/es/", "/ar/", "/zh/check", "/de/handout", "/vi/offline", "/fr/manifest.webmanifest",
  "/static/css/site.css", "/static/js/site.js", "/qr/pt.svg", "/sw.js", "/healthz",
}
local i = 0
request = function()
  i = i + 1
  if i % 10 == 0 then
    -- The first step of the no-JavaScript form (same-site, so no token is needed yet).
    local body = "step=0&pee-start=no"
    return wrk.format("POST", "/en/check", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Sec-Fetch-Site"] = "same-origin",
    }, body)
  end
  return wrk.format("GET", paths[(i % #paths) + 1], {["Accept-Encoding"] = "gzip, br"})
end
