/* Live updates for server-rendered pages (docs/architecture.md#real-time).
 *
 * A page opts in with one element:
 *   <div data-live-socket="/ws/staff/" data-live-region="#inbox-results"></div>
 * When the socket says a question changed, the page fetches itself again and swaps in the
 * fresh copy of the region, so what is shown always comes from the ordinary, access-checked
 * view. While someone is typing inside the region nothing is swapped; a notice offers a reload.
 * A page whose region is costly to compute (the supervisors' dashboard) sets
 * data-live-min-interval="<ms>": it then refreshes at most that often, however busy the province.
 * Without JavaScript the page simply works as a normal page.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-live-socket]");
  if (!root || !("WebSocket" in window)) return;

  var region = document.querySelector(root.getAttribute("data-live-region"));
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  var notice = document.querySelector("[data-live-notice]");
  var pending = null;
  var delay = 1000;
  var minInterval = parseInt(root.getAttribute("data-live-min-interval") || "0", 10) || 0;
  var lastRefresh = 0;

  function isEditing() {
    if (!region) return false;
    var fields = region.querySelectorAll("textarea, input[type=text], input[type=email], select");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.readOnly || field.disabled) continue;
      if (field === document.activeElement) return true;
      if ((field.tagName === "TEXTAREA" || field.type === "text") && field.value.trim() !== "") return true;
    }
    return false;
  }

  function refresh() {
    pending = null;
    lastRefresh = Date.now();
    if (!region) return;
    if (isEditing()) {
      if (notice) notice.hidden = false;
      return;
    }
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Live-Refresh": "1" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html")
          .querySelector(root.getAttribute("data-live-region"));
        if (!fresh) return;
        region.innerHTML = fresh.innerHTML;
        region.setAttribute("data-live-updated", String(Date.now()));
        status.textContent = root.getAttribute("data-live-announce") || "Updated";
      });
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + root.getAttribute("data-live-socket"));
    socket.onopen = function () {
      delay = 1000;
      root.setAttribute("data-live-connected", "true");
    };
    socket.onmessage = function () {
      // Several changes in a burst (routing then auto-assignment…) make one refresh.
      if (pending !== null) return;
      var wait = Math.max(150, lastRefresh + minInterval - Date.now());
      pending = window.setTimeout(refresh, wait);
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
