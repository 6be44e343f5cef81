/* A form sent back with errors: keyboard and screen-reader users start at its summary, which lists each field's
   error with a link to the field (the server marked it up; nothing else happens here). */
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
