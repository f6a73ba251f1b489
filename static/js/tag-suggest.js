/* Suggest existing tags for the last comma-separated word typed in the tags field. */
(function () {
  function attach(input) {
    var url = input.dataset.suggestUrl;
    if (!url) { return; }
    var list = document.createElement('datalist');
    list.id = input.id + '-suggestions';
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');
    input.after(list);
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = input.value.split(',');
        var term = parts.pop().trim();
        var prefix = parts.map(function (p) { return p.trim(); }).filter(Boolean).join(', ');
        if (term.length < 2) { return; }
        var query = new URLSearchParams({
          app_label: 'articles', model_name: 'taggedarticle', field_name: 'tag', term: term
        });
        fetch(url + '?' + query, { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.results.slice(0, 10).forEach(function (item) {
              var option = document.createElement('option');
              option.value = (prefix ? prefix + ', ' : '') + item.text;
              list.appendChild(option);
            });
          });
      }, 200);
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[data-suggest-url]').forEach(attach);
  });
})();
