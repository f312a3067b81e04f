// Choosing a reason template copies it into the reason box, where it can be edited.
// Without JavaScript the form still works: an empty box with a template uses the template.
// A file, not an inline script: the Content-Security-Policy allows no inline script.
(function () {
  var data = document.getElementById("reject-presets");
  if (!data) return;
  var presets = JSON.parse(data.textContent);
  document.querySelectorAll(".reject-form").forEach(function (form) {
    var select = form.querySelector("select[name=preset]");
    var text = form.querySelector("textarea[name=reason]");
    if (!select || !text) return;
    var last = "";
    select.addEventListener("change", function () {
      if (text.value.trim() === "" || text.value === last) {
        text.value = presets[select.value] || "";
        last = text.value;
      }
    });
  });
})();
