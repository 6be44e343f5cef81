/* The inbox's actions on the ticked tasks. Each task's check box says what the reader may do to it
   (data-actions: claim, unclaim, assign) and to whom it may go (data-people: usernames); a change to several tasks
   is all or nothing, so the form offers only the actions, and the colleagues, that apply to every task ticked, and
   says so when none does. Nothing ticked: everything the page's tasks take is offered. The server checks all the
   same (web.bulk); without JavaScript the form offers the same as before and a refusal names each task. */
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("bulk");
  var action = document.getElementById("bulk-action");
  if (!form || !action) {
    return;
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[type="checkbox"][name="task"][form="bulk"]'));
  var person = document.getElementById("bulk-username");
  var personPart = form.querySelector(".bulk-person");
  var button = form.querySelector('button[type="submit"]');
  var status = document.getElementById("bulk-status");

  /* The words every ticked box lists in its attribute; null when nothing is ticked (no limit). */
  function common(attribute, ticked) {
    if (!ticked.length) {
      return null;
    }
    return ticked.reduce(function (shared, box) {
      var own = (box.getAttribute(attribute) || "").split(" ").filter(Boolean);
      return shared === null ? own : shared.filter(function (word) { return own.indexOf(word) >= 0; });
    }, null);
  }

  /* Offer only the options allowed (the empty "—" stays); one no longer offered gives way to the first offered. */
  function offer(select, allowed) {
    var options = Array.prototype.slice.call(select.options);
    options.forEach(function (option) {
      var ok = allowed === null || option.value === "" || allowed.indexOf(option.value) >= 0;
      option.disabled = !ok;
      option.hidden = !ok;
    });
    var chosen = select.options[select.selectedIndex];
    if (!chosen || chosen.disabled) {
      var first = options.filter(function (option) { return !option.disabled; })[0];
      select.value = first ? first.value : "";
    }
    return options.some(function (option) { return !option.disabled && option.value !== ""; });
  }

  function update() {
    var ticked = boxes.filter(function (box) { return box.checked; });
    var said = "";
    var anyAction = offer(action, common("data-actions", ticked));
    if (!anyAction) {
      said = status.getAttribute("data-no-action");
    }
    var assigning = anyAction && action.value === "assign";
    if (person) {
      personPart.hidden = !assigning;
      person.disabled = !assigning;
      if (assigning && !offer(person, common("data-people", ticked))) {
        said = status.getAttribute("data-no-person");
      }
    }
    button.disabled = said !== "";
    status.textContent = said;
  }

  boxes.forEach(function (box) {
    box.addEventListener("change", update);
  });
  action.addEventListener("change", update);
  update();
});
