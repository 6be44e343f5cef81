/* The case page's BPMN diagram (templates/case.html), drawn with the bundled bpmn-js viewer.
 *
 * The page works without this file: the lists of current tasks and steps done say the same. Here we
 * fetch the process's BPMN XML from the case's own URL, draw it, and mark what the page's JSON
 * (#case-diagram-data) lists: "completed", "current" and "active" (the subprocesses the current
 * task is in) bpmn ids, styled by case.css, and open the part of the diagram where the current task
 * is (a collapsed subprocess's plane, or a called process's own diagram). Its "names" are the
 * elements' names in the page's language where they differ from the file's (api.web.process_diagram):
 * the drawing takes them, as the lists below it do. No inline script (the
 * Content-Security-Policy allows only Kawal's own files). Keyboard: the buttons zoom; with the
 * diagram focused, the arrow keys move it and + / - zoom.
 */
(function () {
  "use strict";

  var box = document.getElementById("case-diagram");
  var dataNode = document.getElementById("case-diagram-data");
  var statusNode = document.getElementById("case-diagram-status");
  if (!box || !dataNode || typeof window.BpmnJS !== "function" || !window.fetch) {
    return; // no viewer: the text lists stand alone
  }
  var canvasNode = box.querySelector(".diagram-canvas");
  var marks = JSON.parse(dataNode.textContent || "{}");
  var STEP = 80; // pixels an arrow key moves the diagram
  var viewer;
  var shown = null; // the diagram (one process of the file) on display

  function failed() {
    box.hidden = true;
    if (statusNode) {
      statusNode.textContent = box.getAttribute("data-failed");
    }
  }

  // The file with its elements named as the page names them; the file itself when there is nothing to rename.
  function named(xml) {
    var names = marks.names || {};
    if (!Object.keys(names).length || !window.DOMParser || !window.XMLSerializer) {
      return xml;
    }
    var doc = new window.DOMParser().parseFromString(xml, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) {
      return xml;
    }
    Array.prototype.forEach.call(doc.getElementsByTagName("*"), function (node) {
      var id = node.getAttribute("id");
      if (id && Object.prototype.hasOwnProperty.call(names, id) && node.hasAttribute("name")) {
        node.setAttribute("name", names[id]);
      }
    });
    return new window.XMLSerializer().serializeToString(doc);
  }

  // The viewer draws a label that wraps as one line of text per tspan, dropping the space it broke at: read
  // as text (copied, or a page's text), "Penyerahan dibuka" came out "Penyerahandibuka". The space goes back
  // at the end of a line the name broke at a space (not one cut inside a word), where it shows nothing.
  function spaceLines() {
    var registry = viewer.get("elementRegistry");
    canvasNode.querySelectorAll("[data-element-id]").forEach(function (gfx) {
      var element = registry.get(gfx.getAttribute("data-element-id"));
      var name = element && element.businessObject && element.businessObject.name;
      var text = gfx.querySelector(".djs-visual > text");
      if (!name || !text) {
        return;
      }
      var lines = text.querySelectorAll("tspan");
      var at = 0;
      for (var i = 0; i < lines.length - 1; i++) {
        var found = name.indexOf(lines[i].textContent, at);
        if (found < 0) {
          return;
        }
        at = found + lines[i].textContent.length;
        if (/\s/.test(name.charAt(at))) {
          lines[i].textContent += " ";
          at += 1;
        }
      }
    });
  }

  function mark(canvas, registry, ids, className) {
    (ids || []).forEach(function (id) {
      if (registry.get(id)) {
        canvas.addMarker(id, className);
      }
    });
  }

  function zoom(how) {
    var canvas = viewer.get("canvas");
    if (how === "fit") {
      canvas.zoom("fit-viewport", "auto");
    } else {
      canvas.zoom(canvas.zoom() * (how === "in" ? 1.25 : 0.8), "auto");
    }
  }

  function enablePanning() {
    var canvas = viewer.get("canvas");
    var last = null;
    canvasNode.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: [STEP, 0], ArrowRight: [-STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] };
      if (moves[event.key]) {
        canvas.scroll({ dx: moves[event.key][0], dy: moves[event.key][1] });
      } else if (event.key === "+" || event.key === "=") {
        zoom("in");
      } else if (event.key === "-") {
        zoom("out");
      } else {
        return;
      }
      event.preventDefault();
    });
    canvasNode.addEventListener("pointerdown", function (event) {
      last = { x: event.clientX, y: event.clientY };
      canvasNode.setPointerCapture(event.pointerId);
    });
    canvasNode.addEventListener("pointermove", function (event) {
      if (last) {
        canvas.scroll({ dx: event.clientX - last.x, dy: event.clientY - last.y });
        last = { x: event.clientX, y: event.clientY };
      }
    });
    ["pointerup", "pointercancel"].forEach(function (name) {
      canvasNode.addEventListener(name, function () {
        last = null;
      });
    });
  }

  function markAll() {
    var canvas = viewer.get("canvas");
    var registry = viewer.get("elementRegistry");
    mark(canvas, registry, marks.completed, "kawal-completed");
    mark(canvas, registry, marks.active, "kawal-active");
    mark(canvas, registry, marks.current, "kawal-current");
  }

  // The first current task drawn in the open diagram, or null.
  function currentElement() {
    var registry = viewer.get("elementRegistry");
    var ids = marks.current || [];
    for (var i = 0; i < ids.length; i++) {
      if (registry.get(ids[i])) {
        return registry.get(ids[i]);
      }
    }
    return null;
  }

  // Show the plane (a collapsed subprocess) holding the current task, fitted to the box.
  function showCurrentPlane() {
    var canvas = viewer.get("canvas");
    var element = currentElement();
    var root = element && canvas.findRoot ? canvas.findRoot(element) : null;
    if (root && root !== canvas.getRootElement()) {
      canvas.setRootElement(root);
    }
    canvas.zoom("fit-viewport", "auto");
  }

  function open(diagram) {
    shown = diagram;
    return viewer.open(diagram).then(function () {
      spaceLines();
      markAll();
      showCurrentPlane();
      box.querySelectorAll("[data-diagram]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-diagram") === diagram.id));
      });
    });
  }

  // A file with several processes (a call activity's own diagram): one button each.
  function diagramButtons(diagrams) {
    var tools = box.querySelector(".diagram-tools");
    diagrams.forEach(function (diagram) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.setAttribute("data-diagram", diagram.id);
      button.setAttribute("aria-pressed", String(diagram === shown));
      button.textContent = (diagram.plane.bpmnElement && diagram.plane.bpmnElement.name) || diagram.id;
      button.addEventListener("click", function () {
        open(diagram);
      });
      tools.appendChild(button);
    });
  }

  // The drawing is a picture of what the lists below say: no tab stop or name of its own for it (the labelled
  // group holds the keys), and the viewer's own controls in the page's language.
  function quietViewer() {
    canvasNode.querySelectorAll("svg").forEach(function (svg) {
      svg.setAttribute("tabindex", "-1");
      svg.setAttribute("aria-hidden", "true");
    });
    canvasNode.querySelectorAll(".bjs-powered-by").forEach(function (link) {
      link.setAttribute("title", box.getAttribute("data-powered"));
      link.setAttribute("aria-label", box.getAttribute("data-powered"));
    });
    canvasNode.querySelectorAll(".bjs-drilldown").forEach(function (button) {
      button.setAttribute("title", box.getAttribute("data-drilldown"));
      button.setAttribute("aria-label", box.getAttribute("data-drilldown"));
    });
  }

  box.hidden = false; // the viewer measures its container: it must be displayed before drawing
  try {
    viewer = new window.BpmnJS({ container: canvasNode });
  } catch (error) {
    failed();
    return;
  }
  fetch(box.getAttribute("data-diagram-url"), { credentials: "same-origin", headers: { Accept: "application/xml" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.text();
    })
    .then(function (xml) {
      return viewer.importXML(named(xml));
    })
    .then(function () {
      // Top-level diagrams only: bpmn-js adds id-less ones for the planes of collapsed subprocesses.
      var diagrams = viewer.getDefinitions().diagrams.filter(function (d) {
        return d.id;
      });
      shown = diagrams[0];
      markAll();
      if (!currentElement() && diagrams.length > 1) {
        // The current task may be in a called process: open the diagram that draws it.
        return diagrams.slice(1).reduce(function (found, diagram) {
          return found.then(function (done) {
            return done ? true : open(diagram).then(currentElement);
          });
        }, Promise.resolve(false)).then(function (done) {
          return done ? diagrams : open(diagrams[0]).then(function () {
            return diagrams;
          });
        });
      }
      showCurrentPlane();
      return diagrams;
    })
    .then(function (diagrams) {
      box.querySelectorAll("[data-zoom]").forEach(function (button) {
        button.addEventListener("click", function () {
          zoom(button.getAttribute("data-zoom"));
        });
      });
      if (diagrams.length > 1) {
        diagramButtons(diagrams);
      }
      enablePanning();
      spaceLines();
      quietViewer();
      box.setAttribute("data-ready", "true");
    })
    .catch(failed);
})();
