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
