/* Autosave of the article form to the browser (localStorage), every few seconds while
 * something changed, and when the page is left. Reopening the form after a crash or a
 * closed tab offers the copy back ("Khôi phục bản chưa lưu lúc 08:43?"); the server
 * names the copies a save has made obsolete (config.autosave.saved) and they are dropped.
 *
 * The copy is keyed by user and article ("new" for the add form) and holds the text
 * fields, the section, the cover and the version the form was based on, so that a copy
 * restored over a newer version is merged when saved, not written over it.
 */
(function () {
  "use strict";

  var FIELDS = [
    "title", "sapo", "body", "cover_image", "cover_caption", "section", "tags",
    "published_at_0", "published_at_1", "is_featured", "review_note",
    "slug", "seo_title", "seo_description", "base_version"
  ];

  function desk() {
    var element = document.getElementById("article-desk");
    try { return element ? JSON.parse(element.textContent) : null; } catch (error) { return null; }
  }

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function editor() {
    return window.CKEDITOR && window.CKEDITOR.instances.id_body;
  }

  function read(form) {
    var data = {};
    FIELDS.forEach(function (name) {
      if (name === "body" && editor()) { data.body = editor().getData(); return; }
      var element = form.elements[name];
      if (!element || !element.tagName) { return; }
      if (element.type === "checkbox") {
        data[name] = element.checked;
      } else if (element.tagName === "SELECT") {
        var option = element.options[element.selectedIndex];
        data[name] = { value: element.value, text: option ? option.text : "" };
      } else {
        data[name] = element.value;
      }
    });
    return data;
  }

  function write(form, data) {
    Object.keys(data).forEach(function (name) {
      var value = data[name];
      if (name === "body" && editor()) { editor().setData(value); return; }
      var element = form.elements[name];
      if (!element || !element.tagName) { return; }
      if (element.type === "checkbox") {
        element.checked = Boolean(value);
      } else if (element.tagName === "SELECT") {
        if (!value || value.value === undefined) { return; }
        var known = Array.prototype.some.call(element.options, function (o) {
          return o.value === value.value;
        });
        if (!known && value.value !== "") {
          element.appendChild(new Option(value.text, value.value, true, true));
        }
        element.value = value.value;
      } else {
        element.value = value;
      }
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
      // Select2 (the section's autocomplete) listens through jQuery.
      if (element.tagName === "SELECT" && window.django && window.django.jQuery) {
        window.django.jQuery(element).trigger("change");
      }
    });
  }

  function clock(time) {
    var date = new Date(time);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = pad(date.getHours()) + ":" + pad(date.getMinutes());
    if (date.toDateString() !== new Date().toDateString()) {
      text += " " + pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + date.getFullYear();
    }
    return text;
  }

  function start(config, form, store) {
    var settings = config.autosave;
    var key = settings.key;
    var baseline = JSON.stringify(read(form));
    var pending = false;  // a copy is offered and not yet answered: keep it as it is

    function stored() {
      try { return JSON.parse(store.getItem(key) || "null"); } catch (error) { return null; }
    }

    function save() {
      if (pending) { return; }
      var data = read(form);
      var text = JSON.stringify(data);
      if (text === baseline) { return; }
      var previous = stored();
      if (previous && JSON.stringify(previous.data) === text) { return; }
      try {
        store.setItem(key, JSON.stringify({ savedAt: Date.now(), data: data }));
      } catch (error) { /* storage full or refused: nothing else to do */ }
    }

    var copy = stored();
    var prompt = document.getElementById("autosave-prompt");
    if (config.posted) {
      // The form came back from the server (an error, the merge screen): what it holds
      // is the newest state of the user's work.
      baseline = "";
      save();
      baseline = JSON.stringify(read(form));
    } else if (copy && copy.data && JSON.stringify(copy.data) !== baseline && prompt) {
      pending = true;
      prompt.querySelector(".autosave-prompt__text").textContent =
        settings.prompt.replace("%(time)s", clock(copy.savedAt));
      prompt.hidden = false;
      prompt.addEventListener("click", function (event) {
        var choice = event.target.getAttribute("data-autosave");
        if (!choice) { return; }
        pending = false;
        if (choice === "restore") {
          write(form, copy.data);
          prompt.querySelector(".autosave-prompt__text").textContent = settings.restored;
          prompt.querySelectorAll("button").forEach(function (b) { b.hidden = true; });
        } else {
          try { store.removeItem(key); } catch (error) { /* ignore */ }
          prompt.hidden = true;
        }
      });
    } else if (copy && JSON.stringify(copy.data) === baseline) {
      try { store.removeItem(key); } catch (error) { /* ignore */ }
    }

    setInterval(save, (settings.every || 5) * 1000);
    form.addEventListener("submit", save);
    window.addEventListener("pagehide", save);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(); }
    });
  }

  function init() {
    var config = desk();
    var store = storage();
    if (!config || !config.autosave || !store) { return; }
    (config.autosave.saved || []).forEach(function (key) {
      try { store.removeItem(key); } catch (error) { /* ignore */ }
    });
    var form = document.getElementById("article_form");
    if (!config.autosave.enabled || !form) { return; }
    var body = editor();
    if (form.elements.body && window.CKEDITOR && !(body && body.status === "ready")) {
      // Compare and restore once CKEditor holds the body (its HTML, as it formats it).
      var ready = function (event) {
        if (event.editor.name === "id_body") {
          window.CKEDITOR.removeListener("instanceReady", ready);
          start(config, form, store);
        }
      };
      window.CKEDITOR.on("instanceReady", ready);
    } else {
      start(config, form, store);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
