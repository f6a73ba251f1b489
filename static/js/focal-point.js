/* Focal point picker of the image form: a click on the photo writes focal_x/focal_y.
 * The dashed frames show the 16:9 and link-preview crops, computed like
 * media/renditions.py crop_box(), so the editor sees what the server will cut. */
(function () {
  "use strict";

  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
  }

  // The largest box of ratio inside width x height, centred on (x, y) where it fits.
  function cropBox(width, height, ratio, x, y) {
    var w = width, h = height;
    if (width / height > ratio) { w = height * ratio; } else { h = width / ratio; }
    var left = clamp(x * width - w / 2, 0, width - w);
    var top = clamp(y * height - h / 2, 0, height - h);
    return { left: left / width, top: top / height, width: w / width, height: h / height };
  }

  // Overlays are placed in pixels over the image as laid out, whatever the admin's CSS
  // does to its size.
  function place(element, image, left, top, width, height) {
    element.style.left = image.offsetLeft + left * image.offsetWidth + "px";
    element.style.top = image.offsetTop + top * image.offsetHeight + "px";
    if (width !== undefined) {
      element.style.width = width * image.offsetWidth + "px";
      element.style.height = height * image.offsetHeight + "px";
    }
  }

  function init(picker) {
    var form = picker.closest("form");
    var inputX = form && form.querySelector('input[name="focal_x"]');
    var inputY = form && form.querySelector('input[name="focal_y"]');
    var image = picker.querySelector("img");
    var point = picker.querySelector(".focal-picker__point");
    var frames = picker.querySelectorAll(".focal-picker__frame");
    var fileInput = form && form.querySelector('input[type="file"][name="file"]');
    if (!inputX || !inputY || !image) { return; }

    function draw() {
      var x = parseFloat(inputX.value), y = parseFloat(inputY.value);
      var ready = !image.hidden && image.naturalWidth > 0 && x >= 0 && x <= 1 && y >= 0 && y <= 1;
      point.hidden = !ready;
      frames.forEach(function (frame) { frame.hidden = !ready; });
      if (!ready) { return; }
      place(point, image, x, y);
      frames.forEach(function (frame) {
        var box = cropBox(image.naturalWidth, image.naturalHeight,
                          parseFloat(frame.dataset.ratio), x, y);
        place(frame, image, box.left, box.top, box.width, box.height);
      });
    }

    image.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      inputX.value = clamp((event.clientX - rect.left) / rect.width, 0, 1).toFixed(3);
      inputY.value = clamp((event.clientY - rect.top) / rect.height, 0, 1).toFixed(3);
      draw();
    });
    inputX.addEventListener("input", draw);
    inputY.addEventListener("input", draw);
    image.addEventListener("load", draw);
    if (window.ResizeObserver) { new ResizeObserver(draw).observe(image); }

    // A newly chosen file is shown at once (nothing is uploaded until the form is saved).
    if (fileInput) {
      fileInput.addEventListener("change", function () {
        var file = fileInput.files && fileInput.files[0];
        if (!file || !/^image\//.test(file.type)) { return; }
        if (image.dataset.objectUrl) { URL.revokeObjectURL(image.dataset.objectUrl); }
        image.dataset.objectUrl = URL.createObjectURL(file);
        image.src = image.dataset.objectUrl;
        image.hidden = false;
      });
    }
    draw();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-picker]").forEach(init);
  });
})();
