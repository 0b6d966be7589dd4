// The Office's page: files dropped on the upload box, refusals shown in the message area,
// the upload limit checked before sending, and focus kept where the clerk works.
(function () {
  "use strict";
  function notice(text, kind) {
    var area = document.getElementById("notice");
    if (!area) return;
    area.innerHTML = "";
    var line = document.createElement("p");
    line.className = kind || "error";
    line.textContent = text;
    area.appendChild(line);
  }

  // A refusal never replaces the action panel: it goes to the message area (the server says so
  // with HX-Retarget; this also covers a response that does not).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status < 400) return;
    if (!xhr.getResponseHeader("HX-Retarget")) {
      event.detail.shouldSwap = false;
      notice(document.body.dataset.serverError.replace("{status}", xhr.status));
    }
  });
  document.addEventListener("htmx:responseError", function (event) {
    // whatever the answer, the clerk reads why (the swap above puts the server's own words there)
    var area = document.getElementById("notice");
    if (area && !area.textContent.trim() && !event.detail.xhr.getResponseHeader("HX-Retarget")) {
      notice(document.body.dataset.serverError.replace("{status}", event.detail.xhr.status));
    }
  });
  document.addEventListener("htmx:sendError", function () { notice(document.body.dataset.offline); });
  document.addEventListener("htmx:beforeRequest", function (event) {
    // a new request starts with a clean message area (a refusal of the previous file is not this one's)
    var area = document.getElementById("notice");
    if (area && event.detail.elt && event.detail.elt.tagName === "FORM") area.innerHTML = "";
  });

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("upload");
    if (form) {
      var input = form.querySelector("input[type=file]");
      var chosen = document.getElementById("chosen");
      input.addEventListener("change", function () {
        chosen.textContent = Array.prototype.map.call(input.files, function (f) { return f.name; }).join(", ");
      });
      // the one limit, checked here first: a file too large is not sent at all
      form.addEventListener("htmx:confirm", function (event) {
        var total = Array.prototype.reduce.call(input.files, function (sum, f) { return sum + f.size; }, 0);
        if (total > parseInt(form.dataset.limit, 10)) {
          event.preventDefault();
          notice(form.dataset.tooLarge);
          input.value = "";
          chosen.textContent = "";
        }
      });
      ["dragenter", "dragover"].forEach(function (name) {
        form.addEventListener(name, function (event) { event.preventDefault(); form.classList.add("dragging"); });
      });
      form.addEventListener("dragleave", function () { form.classList.remove("dragging"); });
      form.addEventListener("drop", function (event) {
        event.preventDefault();
        form.classList.remove("dragging");
        if (!event.dataTransfer || !event.dataTransfer.files.length) return;
        input.files = event.dataTransfer.files;
        form.requestSubmit();
      });
    }
    // After an action the page comes back here: focus what comes next (or the problem), never the top.
    var layout = document.getElementById("layout");
    if (!layout || !layout.dataset.after) return;
    var job = document.getElementById("job");
    var next = layout.dataset.suggested && document.querySelector("#action-" + layout.dataset.suggested +
      " button:not([disabled]), a#action-" + layout.dataset.suggested);
    var target = (job && job.dataset.state === "failed") ? job : (next || job);
    if (target) {
      target.focus();
      target.scrollIntoView({block: "center"});
    }
  });
})();
