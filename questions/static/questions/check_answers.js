// "Check your answers" before a question is sent (docs/decisions/0028). Without this script
// the ask form's button sends the question at once; with it, the button (and Enter in a text
// field) asks the server to validate the form and draw the summary of the answers, which is
// shown inside the same form in place of the fields. Its "Send" button then posts that form,
// attachments still in their input: nothing is held on the server before the question is sent.
// An invalid form gets no summary: the form is posted as it would be without the script, and
// the server's page shows the fields with their errors.
(function () {
  "use strict";
  var panel = document.getElementById("check-answers");
  if (!panel || !window.fetch || !window.FormData || !window.Blob) return;
  var form = panel.closest("form");
  var main = form.querySelector("[data-continue]");
  var steps = document.querySelectorAll("[data-ask-step]");
  var pageTitle = document.title;
  var titleSuffix = pageTitle.indexOf(" · ") >= 0 ? pageTitle.slice(pageTitle.indexOf(" · ")) : "";
  // The server checks a file by its size and its first bytes (questions/uploads.py); only those
  // go with the check, so a phone uploads each attachment once, when the question is sent.
  var HEAD_BYTES = 512;
  var lastClicked = null;
  var busy = false;
  var focusAfterBack = null;

  if (main && main.dataset.continue) main.textContent = main.dataset.continue;

  // Browsers without SubmitEvent.submitter: remember the button that was clicked.
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[type=submit], input[type=submit]");
    if (button) lastClicked = button;
  });

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter || lastClicked;
    lastClicked = null;
    if (submitter && (submitter.name === "check_similar" || submitter.hasAttribute("data-send"))) {
      return; // the similar-questions check, or "Send" on the summary: an ordinary post
    }
    event.preventDefault();
    if (!busy) check();
  });

  function check() {
    busy = true;
    if (main) main.setAttribute("aria-disabled", "true");
    var data = new FormData(form);
    data.delete("attachments");
    var input = form.querySelector("input[type=file][name=attachments]");
    Array.prototype.forEach.call(input && input.files ? input.files : [], function (file) {
      data.append("attachments", file.slice(0, HEAD_BYTES), file.name);
      data.append("attachment_size", String(file.size));
    });
    data.append("check_answers", "1");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "text/html" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error("refused: " + response.status);
        return response.text();
      })
      .then(show, sendAsWithoutScript);
  }

  function done() {
    busy = false;
    if (main) main.removeAttribute("aria-disabled");
  }

  function sendAsWithoutScript() {
    // form.submit() fires no submit event: the server gets the plain post, and either shows
    // the fields with their errors or, if it finds the form valid after all, stores it.
    done();
    form.submit();
  }

  function show(html) {
    done();
    panel.innerHTML = html; // the server's own template; what the citizen typed is escaped there
    Array.prototype.forEach.call(steps, function (step) { step.hidden = true; });
    panel.hidden = false;
    Array.prototype.forEach.call(panel.querySelectorAll("a[data-change]"), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        change(link.dataset.change);
      });
    });
    var heading = panel.querySelector("h1");
    if (heading) {
      document.title = heading.textContent + titleSuffix;
      heading.focus();
    }
    window.scrollTo(0, 0);
    // The browser's Back button returns to the fields, as it would from a page of its own.
    history.pushState({ askStep: "check" }, "");
  }

  function change(id) {
    focusAfterBack = id;
    if (history.state && history.state.askStep === "check") {
      history.back(); // popstate below shows the fields
    } else {
      showFields();
    }
  }

  window.addEventListener("popstate", function () {
    if (!panel.hidden) showFields();
  });

  function showFields() {
    panel.hidden = true;
    panel.textContent = "";
    Array.prototype.forEach.call(steps, function (step) { step.hidden = false; });
    document.title = pageTitle;
    var field = focusAfterBack && document.getElementById(focusAfterBack);
    focusAfterBack = null;
    if (field) {
      field.focus();
      field.scrollIntoView({ block: "center" });
    } else {
      window.scrollTo(0, 0);
    }
  }
})();
