/* "Who is editing": the article form beats to the server every few seconds (and says
 * goodbye when the page is left); the form shows the others who have it open, the list
 * refreshes its "✎ … đang sửa" notes. Any failure leaves the page as it is.
 */
(function () {
  "use strict";

  function json(id) {
    var element = document.getElementById(id);
    try { return element ? JSON.parse(element.textContent) : null; } catch (error) { return null; }
  }

  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) { return input.value; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function tabId() {
    var bytes = new Uint8Array(9);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function post(tab) {
    var body = new FormData();
    body.append("tab", tab);
    body.append("csrfmiddlewaretoken", csrfToken());
    return body;
  }

  function showEditors(notice, editors) {
    notice.replaceChildren();
    editors.forEach(function (person) {
      var line = document.createElement("p");
      line.textContent = person.text;
      notice.appendChild(line);
    });
    notice.hidden = editors.length === 0;
  }

  function form(config) {
    var notice = document.getElementById("presence-notice");
    var tab = tabId();
    function beat() {
      fetch(config.beat, {
        method: "POST", body: post(tab), credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && notice) { showEditors(notice, data.editors || []); } })
        .catch(function () { /* offline or refused: try again at the next beat */ });
    }
    beat();
    setInterval(beat, (config.every || 15) * 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { beat(); }
    });
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) { navigator.sendBeacon(config.leave, post(tab)); }
    });
  }

  function list(config) {
    function refresh() {
      var cells = document.querySelectorAll("[data-presence-for]");
      if (!cells.length) { return; }
      var ids = Array.from(cells, function (c) { return c.getAttribute("data-presence-for"); });
      fetch(config.list + "?ids=" + ids.join(","), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          cells.forEach(function (cell) {
            var people = data.articles[cell.getAttribute("data-presence-for")] || [];
            cell.replaceChildren();
            people.forEach(function (person) {
              var line = document.createElement("span");
              line.className = "presence-cell__person";
              line.textContent = "✎ " + person.text;
              cell.appendChild(line);
            });
          });
        })
        .catch(function () { /* keep what is shown */ });
    }
    setInterval(refresh, (config.every || 15) * 1000);
  }

  function start() {
    var desk = json("article-desk");
    if (desk && desk.presence) { form(desk.presence); }
    var onList = json("article-presence");
    if (onList) { list(onList); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
