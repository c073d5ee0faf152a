// Site-wide behaviour, loaded from a static file (the CSP allows no inline script).
(function () {
  "use strict";

  // On a narrow screen, tables reflow to one block per row; each cell shows its column header
  // before its value (read from the table's own header row, so the markup stays plain).
  function labelCells(table) {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (headers.length === 0) return;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (headers[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", headers[i]);
      });
    });
  }

  // A form marked data-confirm asks first, in a <dialog> (keyboard and screen-reader friendly).
  // Without script the form posts as before.
  var dialog = null;
  function confirmDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "confirm";
    dialog.setAttribute("aria-labelledby", "confirm-title");
    dialog.innerHTML = '<form method="dialog"><h2 id="confirm-title">Are you sure?</h2><p id="confirm-text"></p>' +
      '<div class="actions"><button value="yes" class="danger" id="confirm-yes"></button>' +
      '<button value="no" id="confirm-no" autofocus>Cancel</button></div></form>';
    document.body.appendChild(dialog);
    return dialog;
  }
  function askFirst(form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.confirmed === "yes") return;
      event.preventDefault();
      var d = confirmDialog();
      d.querySelector("#confirm-text").textContent = form.dataset.confirm;
      d.querySelector("#confirm-yes").textContent = form.dataset.confirmYes || "Yes";
      d.returnValue = "";
      d.onclose = function () {
        if (d.returnValue !== "yes") return;
        form.dataset.confirmed = "yes";
        form.requestSubmit ? form.requestSubmit() : form.submit();
      };
      d.showModal();
    });
  }

  // Two minutes before the session ends, say so and offer to stay signed in; at the end, go to the
  // sign-in page, which says the session expired. The server writes the end time into the page.
  function watchSession() {
    var ends = Date.parse(document.body.dataset.sessionEnds || "");
    // The sign-in pages are where an ended session leads: never watch from there.
    if (isNaN(ends) || location.pathname.indexOf("/Account/") === 0) return;
    var warning = document.getElementById("session-warning");
    var warnTimer, endTimer;
    function schedule() {
      clearTimeout(warnTimer); clearTimeout(endTimer);
      var left = ends - Date.now();
      warnTimer = setTimeout(function () {
        warning.querySelector("#session-ends-at").textContent =
          new Date(ends).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
        warning.hidden = false;
        warning.querySelector("button").focus();
      }, Math.max(0, left - 120000));
      endTimer = setTimeout(function () {
        // Another tab may have kept the session going: ask before leaving the page.
        askServer().then(function (later) {
          if (later) { warning.hidden = true; schedule(); return; }
          location.assign("/Account/Login?expired=1&ReturnUrl=" + encodeURIComponent(location.pathname + location.search));
        });
      }, Math.max(0, left));
    }
    // Resolves true when the server says the session now ends later than the page thought.
    function askServer() {
      return fetch("/session", { credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          var next = s && Date.parse(s.endsAt);
          if (!next || next <= Date.now() + 5000) return false;
          ends = next;
          return true;
        })
        .catch(function () { return false; });
    }
    warning.querySelector("button").addEventListener("click", function () {
      askServer().then(function (later) {
        if (later) { warning.hidden = true; schedule(); }
        else location.assign("/Account/Login?expired=1&ReturnUrl=" + encodeURIComponent(location.pathname + location.search));
      });
    });
    schedule();
  }

  function start() {
    document.querySelectorAll("table.list").forEach(labelCells);
    document.querySelectorAll("form[data-confirm]").forEach(askFirst);
    document.querySelectorAll("button[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    watchSession();
    // A page that comes back with errors puts the reader on the summary, which links to each field.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    // A search that answered puts the reader on its results (below the form: off screen on a phone).
    else if (document.querySelector("[data-focus-on-load]")) document.querySelector("[data-focus-on-load]").focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
