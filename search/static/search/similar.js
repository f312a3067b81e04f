/* Live "similar answered questions" on the ask form. Our own few lines, no library: the form
   works the same without it (the "Check for similar answered questions" button). */
(function () {
  "use strict";
  var box = document.getElementById("similar-live");
  if (!box || !window.fetch) return;
  var form = box.closest("form");
  var title = form.querySelector("[name=title]");
  var body = form.querySelector("[name=body]");
  var timer = null;
  var last = "";
  var controller = null;

  function text() {
    return ((title ? title.value : "") + "\n" + (body ? body.value : "")).trim();
  }

  function render(results) {
    box.textContent = "";
    if (!results.length) { box.hidden = true; return; }
    var heading = document.createElement("h2");
    heading.textContent = box.dataset.heading;
    var list = document.createElement("ul");
    results.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = item.title;  // textContent: nothing from the server becomes markup
      li.appendChild(a);
      if (item.unit) {
        var unit = document.createElement("span");
        unit.className = "muted small";
        unit.textContent = " — " + item.unit;
        li.appendChild(unit);
      }
      list.appendChild(li);
    });
    box.appendChild(heading);
    box.appendChild(list);
    box.hidden = false;
  }

  function ask() {
    var current = text();
    if (current.length < 12 || current === last) return;
    last = current;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    // The draft goes in the body of a POST, never in the URL: URLs are written to access logs,
    // and a draft often holds the asker's ID number, phone or e-mail.
    fetch(box.dataset.endpoint, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ text: current.slice(0, 1000) }),
      credentials: "omit",  // public suggestions: no cookie needs to go with the draft
      signal: controller && controller.signal
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { /* a nicety: stay quiet on errors */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);  // debounce: ask once the citizen pauses
  }

  [title, body].forEach(function (field) { if (field) field.addEventListener("input", schedule); });
  schedule();
})();
