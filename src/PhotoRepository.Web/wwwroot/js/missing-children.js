// Print buttons on the flyer and the monthly list (CSP forbids inline script).
// A button inside a form (the monthly list) posts first, so the print is recorded; the page then
// comes back with data-print-now and opens the print dialog.
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('button.js-print').forEach(function (button) {
        if (button.form) return;
        button.addEventListener('click', function () { window.print(); });
    });
    if (document.body.querySelector('[data-print-now]')) window.print();
});
