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
