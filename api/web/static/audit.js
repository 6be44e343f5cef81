/* The auditor console's download progress (progressive enhancement).
 *
 * Without this file (or in a browser without fetch streams) the download buttons submit the form
 * and the browser downloads the export as any other file. With it, a download button fetches the
 * same URL, reads the body as it streams, tells the bytes received (and, for CSV and JSON lines,
 * the events, by counting lines) in the page's live region, then saves the file from an object URL.
 * The server's X-Kawal-Events header (events in the export) and Content-Length (XLSX) give the
 * percentage. The messages are the page's, translated, in the live region's data attributes.
 */
(function () {
  "use strict";

  var form = document.getElementById("audit-form");
  var live = document.getElementById("audit-progress");
  var bar = document.getElementById("audit-progress-bar");
  if (!form || !live || !window.fetch || !window.ReadableStream || !window.URL || !URL.createObjectURL) {
    return;
  }
  var lang = document.documentElement.lang || "id";
  var busy = false;
  var ANNOUNCE_EVERY_MS = 1500; // a screen reader hears the progress now and then, not per chunk

  function message(name, values) {
    return (live.getAttribute("data-" + name) || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function number(n) {
    return n.toLocaleString(lang);
  }

  function size(bytes) {
    var units = ["B", "KB", "MB", "GB"];
    var i = 0;
    while (bytes >= 1024 && i < units.length - 1) {
      bytes /= 1024;
      i += 1;
    }
    return bytes.toLocaleString(lang, { maximumFractionDigits: i ? 1 : 0 }) + " " + units[i];
  }

  function percent(part, whole) {
    var fraction = whole > 0 ? Math.min(part / whole, 1) : 1;
    return { fraction: fraction, text: fraction.toLocaleString(lang, { style: "percent" }) };
  }

  function fileName(response, format) {
    var found = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get("Content-Disposition") || "");
    return found ? decodeURIComponent(found[1]) : "kawal-audit." + format;
  }

  function say(text) {
    live.textContent = text;
  }

  function showBar(fraction) {
    bar.hidden = false;
    if (fraction === null) {
      bar.removeAttribute("value"); // indeterminate
    } else {
      bar.value = Math.round(fraction * 100);
    }
  }

  function countLines(chunk) {
    var n = 0;
    for (var i = 0; i < chunk.length; i += 1) {
      if (chunk[i] === 10) {
        n += 1;
      }
    }
    return n;
  }

  function save(blob, name) {
    var href = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = href;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(href);
    }, 60000);
  }

  function download(url, format) {
    busy = true;
    say(message("preparing", {}));
    showBar(null);
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || !response.body) {
          // A refusal or a form error: let the browser show the server's page.
          window.location.assign(url);
          return null;
        }
        var total = parseInt(response.headers.get("X-Kawal-Events") || "", 10);
        var length = parseInt(response.headers.get("Content-Length") || "", 10);
        var byLines = format !== "xlsx";
        var header = format === "csv" ? 1 : 0; // the CSV's first line names the columns
        var reader = response.body.getReader();
        var chunks = [];
        var bytes = 0;
        var lines = 0;
        var announced = 0;

        function rows() {
          return Math.max(lines - header, 0);
        }

        function report(force) {
          var values = { size: size(bytes) };
          var fraction = null;
          var name;
          if (byLines) {
            values.rows = number(rows());
            if (!isNaN(total)) {
              var p = percent(rows(), total);
              fraction = p.fraction;
              values.total = number(total);
              values.percent = p.text;
              name = "rows";
            } else {
              name = "rows-unknown";
            }
          } else if (!isNaN(length)) {
            var q = percent(bytes, length);
            fraction = q.fraction;
            values.total = size(length);
            values.percent = q.text;
            name = "bytes";
          } else {
            name = "bytes-unknown";
          }
          showBar(fraction);
          var now = Date.now();
          if (force || now - announced >= ANNOUNCE_EVERY_MS) {
            announced = now;
            say(message(name, values));
          }
        }

        function pump() {
          return reader.read().then(function (step) {
            if (step.done) {
              return;
            }
            chunks.push(step.value);
            bytes += step.value.length;
            if (byLines) {
              lines += countLines(step.value);
            }
            report(false);
            return pump();
          });
        }

        report(true);
        return pump().then(function () {
          var name = fileName(response, format);
          save(new Blob(chunks, { type: response.headers.get("Content-Type") || "" }), name);
          showBar(1);
          var values = { size: size(bytes), rows: number(rows()), file: name };
          say(message(byLines ? "done-rows" : "done-bytes", values));
        });
      })
      .catch(function () {
        bar.hidden = true;
        say(message("failed", {}));
      })
      .then(function () {
        busy = false;
      });
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.name !== "format") {
      return; // the chain check, or a browser that does not say which button: a plain submit
    }
    event.preventDefault();
    if (busy) {
      say(message("busy", {}));
      return;
    }
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value !== "") {
        params.append(key, value);
      }
    });
    params.set("format", button.value);
    var action = button.getAttribute("formaction") || form.getAttribute("action");
    download(action + "?" + params.toString(), button.value);
  });
})();
