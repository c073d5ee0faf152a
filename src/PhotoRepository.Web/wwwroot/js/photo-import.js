// Photo Import Wizard: polls the batch's status handler and moves the progress bar (the background
// check, then the import); reloads for the preview or the report.
(function () {
    var bar = document.getElementById('import-progress');
    if (!bar) return;
    var text = document.getElementById('import-progress-text');
    var url = bar.getAttribute('data-status-url');
    function poll() {
        fetch(url, { credentials: 'same-origin', cache: 'no-store' })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (s) {
                if (!s) { setTimeout(poll, 3000); return; }
                bar.max = Math.max(1, s.total);
                bar.value = s.done;
                if (text) text.textContent = s.text;
                if (s.finished) { window.location.reload(); return; }
                setTimeout(poll, 1000);
            })
            .catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 500);
})();
