/* The article form's helpers: character counters on the title and sapo, and the merge
 * screen's "keep mine / take theirs" for text fields (the field then holds the choice,
 * which the user may edit further). Texts come from the server (#article-desk JSON).
 */
(function () {
  "use strict";

  function desk() {
    var element = document.getElementById("article-desk");
    try { return element ? JSON.parse(element.textContent) : null; } catch (error) { return null; }
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) {
      return values[key] !== undefined ? String(values[key]) : match;
    });
  }

  function attachCounter(input, texts) {
    var range = input.getAttribute("data-counter").split("-").map(Number);
    // Under the field, aligned like the admin's help texts.
    var output = document.createElement("div");
    output.className = "help char-counter";
    output.setAttribute("aria-live", "polite");
    (input.closest(".flex-container") || input).insertAdjacentElement("afterend", output);
    function update() {
      // Characters as readers count them: composed Vietnamese letters, one each.
      var count = Array.from(input.value.normalize("NFC").trim()).length;
      var text = format(texts.text, { count: count, min: range[0], max: range[1] });
      var outside = count > 0 && (count < range[0] || count > range[1]);
      if (count > 0 && count < range[0]) { text += " · " + texts.short; }
      if (count > range[1]) { text += " · " + texts.long; }
      output.textContent = text;
      output.classList.toggle("char-counter--out", outside);
    }
    input.addEventListener("input", update);
    update();
  }

  function editorFor(name) {
    return name === "body" && window.CKEDITOR && window.CKEDITOR.instances.id_body;
  }

  function getField(name) {
    var editor = editorFor(name);
    if (editor) { return editor.getData(); }
    var element = document.getElementById("id_" + name);
    return element ? element.value : "";
  }

  function setField(name, value) {
    var editor = editorFor(name);
    if (editor) { editor.setData(value); return; }
    var element = document.getElementById("id_" + name);
    if (!element) { return; }
    element.value = value;
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function attachMerge() {
    var source = document.getElementById("merge-values");
    if (!source) { return; }
    var values;
    try { values = JSON.parse(source.textContent) || {}; } catch (error) { return; }
    // The radios of text fields only switch what the field holds; what is saved is the
    // field itself, so they belong to a form of their own and are not posted.
    var holder = document.createElement("form");
    holder.id = "merge-choices";
    holder.hidden = true;
    document.body.appendChild(holder);
    document.querySelectorAll(".merge-field[data-swappable]").forEach(function (box) {
      var name = box.getAttribute("data-field");
      var pair = values[name];
      if (!pair) { return; }
      // What each side holds, edits included, so switching back and forth loses nothing.
      var held = { mine: null, theirs: pair.theirs };
      var showing = "mine";
      box.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.setAttribute("form", holder.id);
        radio.addEventListener("change", function () {
          if (!radio.checked || radio.value === showing) { return; }
          held[showing] = getField(name);
          showing = radio.value;
          setField(name, held[showing] !== null ? held[showing] : pair.mine);
        });
      });
    });
  }

  function start() {
    var config = desk();
    if (config && config.counters) {
      document.querySelectorAll("[data-counter]").forEach(function (input) {
        attachCounter(input, config.counters);
      });
    }
    attachMerge();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
