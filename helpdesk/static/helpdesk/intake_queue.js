/* The intake queue (workspace/intake.html, helpdesk/workspace/queue_views.py).
 *
 * 1. "Handle" opens the route / reject / merge forms of one question under its row, fetched
 *    from the question's actions page with ?partial=1. Without JavaScript the same link opens
 *    that page, which works on its own and returns to the queue with its filters.
 * 2. Live: the page listens on the staff socket, as the unit inboxes do (live.js), and when a
 *    question arrives in, or leaves, the queue it fetches itself again — the same address, so
 *    the same filters and page — and swaps in the fresh list. While the officer has a question
 *    open, the list is not swapped under them: rows that left go (the open one stays, struck out,
 *    and says why), and a notice offers the new ones ("New questions for this view: 2. Show").
 * A file, not an inline script: the Content-Security-Policy allows no inline script.
 */
(function () {
  "use strict";
  var region = document.querySelector("[data-queue-region]");
  if (!region) return;
  var root = document.querySelector("[data-live-socket]");
  var notice = document.querySelector("[data-queue-notice]");
  var noticeText = notice && notice.querySelector("[data-queue-notice-text]");
  var leaving = (region.getAttribute("data-leaving") || "").split(" ");
  var presetsData = document.getElementById("reject-presets");
  var presets = presetsData ? JSON.parse(presetsData.textContent) : {};

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function rowOf(code) {
    return region.querySelector('tr.queue-row[data-code="' + code + '"]');
  }

  function panelOf(row) {
    var next = row.nextElementSibling;
    return next && next.classList.contains("queue-panel") ? next : null;
  }

  // --- 1. One question's actions, opened under its row --------------------------------------

  function open(link) {
    var row = link.closest("tr");
    var panel = panelOf(row);
    if (panel) {
      var show = panel.hidden;
      panel.hidden = !show;
      row.classList.toggle("is-open", show);
      link.setAttribute("aria-expanded", String(show));
      if (show) focusHeading(panel);
      return;
    }
    panel = document.createElement("tr");
    panel.className = "queue-panel";
    panel.id = "panel-" + link.getAttribute("data-queue-open");
    var cell = document.createElement("td");
    cell.colSpan = row.children.length;
    cell.textContent = region.getAttribute("data-loading") || "…";
    panel.appendChild(cell);
    row.parentNode.insertBefore(panel, row.nextSibling);
    row.classList.add("is-open");
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", panel.id);
    var url = link.href + (link.href.indexOf("?") === -1 ? "?" : "&") + "partial=1";
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) throw new Error("not loaded");
        cell.innerHTML = html;
        focusHeading(panel);
      })
      .catch(function () {
        // The page itself still works: say so and link to it.
        cell.textContent = (region.getAttribute("data-failed") || "") + " ";
        var fallback = document.createElement("a");
        fallback.href = link.href;
        fallback.textContent = link.textContent;
        cell.appendChild(fallback);
      });
  }

  function focusHeading(panel) {
    var heading = panel.querySelector("h2");
    if (heading) heading.focus();
  }

  region.addEventListener("click", function (event) {
    var link = event.target.closest("[data-queue-open]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    open(link);
  });

  // A reason template fills the reason box, as reject_presets.js does on pages loaded whole.
  region.addEventListener("change", function (event) {
    var select = event.target;
    if (select.name !== "preset" || !select.closest(".reject-form")) return;
    var text = select.closest("form").querySelector("textarea[name=reason]");
    if (!text) return;
    var last = text.getAttribute("data-preset-text") || "";
    if (text.value.trim() === "" || text.value === last) {
      text.value = presets[select.value] || "";
      text.setAttribute("data-preset-text", text.value);
    }
  });

  // --- 2. Live -------------------------------------------------------------------------------

  function codesIn(element) {
    var codes = {};
    element.querySelectorAll("tr.queue-row[data-code]").forEach(function (row) {
      codes[row.getAttribute("data-code")] = row;
    });
    return codes;
  }

  function busy() {
    // Someone working on a question: an open panel, or typing in the list.
    if (region.querySelector("tr.queue-panel:not([hidden])")) return true;
    var active = document.activeElement;
    return !!(active && region.contains(active) && active.matches("input, textarea, select"));
  }

  function markGone(row) {
    row.classList.add("is-gone");
    var panel = panelOf(row);
    if (!panel || panel.querySelector(".queue-gone")) return;
    var message = document.createElement("p");
    message.className = "queue-gone";
    message.setAttribute("role", "alert");
    message.textContent = region.getAttribute("data-gone") || "";
    panel.firstElementChild.insertBefore(message, panel.firstElementChild.firstChild);
    panel.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = true;
    });
  }

  function swap(freshRegion, before) {
    region.innerHTML = freshRegion.innerHTML;
    var added = 0;
    Object.keys(codesIn(region)).forEach(function (code) {
      if (!before[code]) {
        rowOf(code).classList.add("is-new");
        added += 1;
      }
    });
    if (notice) notice.hidden = true;
    region.setAttribute("data-live-updated", String(Date.now()));
    var announce = root.getAttribute("data-live-announce") || "";
    status.textContent = added && noticeText
      ? noticeText.getAttribute("data-template").replace("{n}", added)
      : announce;
  }

  var pending = null;
  var forced = false;

  function refresh() {
    pending = null;
    var force = forced;
    forced = false;
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Live-Refresh": "1" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-queue-region]");
        if (!fresh) return;
        var before = codesIn(region);
        if (force || !busy()) {
          swap(fresh, before);
          return;
        }
        var after = codesIn(fresh);
        // Departures are shown in place: an open row is struck out, the others go.
        Object.keys(before).forEach(function (code) {
          if (after[code]) return;
          var row = before[code];
          var panel = panelOf(row);
          if (panel && !panel.hidden) markGone(row);
          else if (!row.classList.contains("is-gone")) {
            if (panel) panel.remove();
            row.remove();
          }
        });
        var count = region.querySelector("p[role=status]");
        var freshCount = fresh.querySelector("p[role=status]");
        if (count && freshCount) count.textContent = freshCount.textContent;
        // Arrivals wait behind the notice, so nothing moves under the officer's pointer.
        var added = Object.keys(after).filter(function (code) { return !before[code]; }).length;
        if (!notice || !added) return;
        noticeText.textContent = noticeText.getAttribute("data-template").replace("{n}", added);
        notice.hidden = false;
        status.textContent = noticeText.textContent;
      });
  }

  function schedule() {
    if (pending === null) pending = window.setTimeout(refresh, 150);
  }

  if (notice) {
    notice.querySelector("[data-queue-show]").addEventListener("click", function () {
      forced = true;
      schedule();
    });
  }

  if (!root || !("WebSocket" in window)) return;
  var delay = 1000;

  function concerns(message) {
    // The province's socket carries every change; only arrivals and departures move the queue.
    if (message.status === "received") return true;
    if (leaving.indexOf(message.action) !== -1) return true;
    return !!(message.code && rowOf(message.code));
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-live-socket"));
    socket.onopen = function () {
      delay = 1000;
      root.setAttribute("data-live-connected", "true");
    };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      if (!concerns(message)) return;
      var row = message.code && rowOf(message.code);
      var panel = row && panelOf(row);
      // The question open here was just routed, rejected or merged by someone else.
      if (panel && !panel.hidden && message.status !== "received") markGone(row);
      schedule();
    };
    socket.onclose = function (event) {
      root.setAttribute("data-live-connected", "false");
      if (event.code === 4403) return;  // not allowed: do not insist
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }

  connect();
})();
