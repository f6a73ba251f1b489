/* ImagePickerWidget: the thumbnail next to an image id follows the id, whether it was
 * typed or chosen in the lookup or add popup (Django's popups announce it with a jQuery
 * "change" event, which native listeners do not receive). */
(function () {
  "use strict";

  function init(picker) {
    var input = picker.querySelector("input.vForeignKeyRawIdAdminField, input[type=text]");
    var thumb = picker.querySelector(".image-picker__thumb");
    if (!input || !thumb) { return; }
    var wrapper = picker.closest(".related-widget-wrapper");
    // Django's label of the chosen object (title, linked to its change page).
    var label = picker.querySelector(".image-picker__input strong");
    var pending = null;

    // Django updates the pencil and eye links only next to a <select>.
    function updateLinks(value) {
      if (!wrapper) { return; }
      wrapper.querySelectorAll(".view-related, .change-related, .delete-related")
        .forEach(function (link) {
          if (value) {
            link.setAttribute("href", link.dataset.hrefTemplate.replace("__fk__", value));
            link.removeAttribute("aria-disabled");
          } else {
            link.removeAttribute("href");
            link.setAttribute("aria-disabled", "true");
          }
        });
    }

    function refresh() {
      var value = input.value.trim();
      updateLinks(/^\d+$/.test(value) ? value : "");
      if (!/^\d+$/.test(value)) {
        thumb.hidden = true;
        if (label) { label.hidden = true; }
        return;
      }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      var url = picker.dataset.previewUrl + "?id=" + encodeURIComponent(value);
      fetch(url, { credentials: "same-origin", signal: pending.signal })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          thumb.hidden = !data;
          if (label) { label.hidden = !data; }
          if (data) {
            thumb.src = data.thumbnail;
            thumb.alt = data.title;
            if (label) { label.textContent = data.title; }
          }
        })
        .catch(function () { /* aborted by a newer choice */ });
    }

    input.addEventListener("input", refresh);
    input.addEventListener("change", refresh);
    if (window.django && window.django.jQuery) {
      window.django.jQuery(input).on("change", refresh);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-image-picker]").forEach(init);
  });
})();
