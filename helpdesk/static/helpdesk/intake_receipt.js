// The receipt's print button (the page prints without it too, from the browser's menu).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
