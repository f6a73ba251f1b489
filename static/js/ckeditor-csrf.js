/* Send Django's CSRF token with every CKEditor upload (image dialog and paste/drop). */
(function () {
  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) { return input.value; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }
  if (window.CKEDITOR) {
    CKEDITOR.on('instanceCreated', function (event) {
      event.editor.on('fileUploadRequest', function (evt) {
        evt.data.fileLoader.xhr.setRequestHeader('X-CSRFToken', csrfToken());
      }, null, null, 6);  // after filetools opens the request (5), before it sends (999)
    });
  }
})();
