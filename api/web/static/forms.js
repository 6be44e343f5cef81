/* A form sent back with errors: keyboard and screen-reader users start at its summary, which lists each field's
   error with a link to the field (the server marked it up; nothing else happens here). */
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});

/* The inbox's filters and its actions on the ticked tasks are folded into a line each on a narrow screen, so that the
   first task is in view (the page works so without JavaScript too); a wide screen has room for them: open. */
document.addEventListener("DOMContentLoaded", function () {
  if (!window.matchMedia("(min-width: 48rem)").matches) {
    return;
  }
  document.querySelectorAll("details.filter-fold, details.bulk-fold").forEach(function (fold) {
    fold.open = true;
  });
});

/* A form whose second sending would do its work twice is sent once: the inbox's "take the next task", double-clicked
   on a slow connection or a busy server, took two tasks. A second submit while the first is on its way is dropped;
   a page shown again from the browser's history may send it anew. */
document.addEventListener(
  "submit",
  function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-send-once")) {
      return;
    }
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  },
  true
);
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-send-once]").forEach(function (form) {
    delete form.dataset.sent;
  });
});
