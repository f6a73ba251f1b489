/* Every CKEditor upload (paste, drop, the image dialog) carries Django's CSRF token, and
 * the upload messages are in Vietnamese.
 *
 * This file may run before or after ckeditor.js and before or after the editors are
 * created (Django orders form media as it likes): it hooks CKEditor as soon as it exists,
 * each editor already created and each one created later, exactly once.
 */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) { return input.value; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // Translations rendered by the server (BodyEditorWidget), through gettext.
  function messages(editor) {
    var element = editor.element && editor.element.$;
    var raw = element && element.getAttribute("data-upload-messages");
    try { return raw ? JSON.parse(raw) : {}; } catch (error) { return {}; }
  }

  function attach(editor) {
    if (editor.newsroomHooked) { return; }
    editor.newsroomHooked = true;
    // Read at each upload: the token rotates at login (another tab). Set once, here:
    // a second setRequestHeader (e.g. through fileTools_requestHeaders) would append
    // to the value and Django would refuse the doubled token.
    editor.on("fileUploadRequest", function (evt) {
      evt.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", csrfToken());
    }, null, null, 6);  // after filetools opens the request (5), before it sends (999)
    editor.on("pluginsLoaded", function () { translate(editor); });
    editor.on("instanceReady", function () { translate(editor); });
    if (editor.lang && editor.lang.uploadwidget) { translate(editor); }
  }

  function translate(editor) {
    var texts = messages(editor);
    var lang = editor.lang;
    ["uploadwidget", "filetools"].forEach(function (plugin) {
      var wanted = texts[plugin] || {};
      if (!lang[plugin]) { lang[plugin] = {}; }
      Object.keys(wanted).forEach(function (key) { lang[plugin][key] = wanted[key]; });
    });
  }

  function hook() {
    if (!window.CKEDITOR) { return false; }
    if (window.CKEDITOR.newsroomHooked) { return true; }
    window.CKEDITOR.newsroomHooked = true;
    window.CKEDITOR.on("instanceCreated", function (event) { attach(event.editor); });
    Object.keys(window.CKEDITOR.instances).forEach(function (name) {
      attach(window.CKEDITOR.instances[name]);
    });
    return true;
  }

  if (!hook()) {
    // ckeditor.js has not run yet: it will have by DOMContentLoaded (scripts in the
    // document run in order before it), and django-ckeditor creates the editors then
    // or later; poll briefly for a script loaded asynchronously.
    var tries = 0;
    var poll = function () {
      if (!hook() && tries++ < 100) { setTimeout(poll, 50); }
    };
    document.addEventListener("DOMContentLoaded", poll);
  }
})();
