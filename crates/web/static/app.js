// jamsos: progressive enhancement only; every page works without this file.
// Shows the simulator fields that matter for the chosen event.
(function () {
  var form = document.getElementById("sim");
  if (!form) return;
  function sync() {
    var ev = (form.querySelector("input[name=event]:checked") || {}).value || "jkm";
    form.querySelectorAll("[data-for]").forEach(function (el) {
      el.hidden = el.getAttribute("data-for").split(" ").indexOf(ev) < 0;
    });
  }
  form.addEventListener("change", sync);
  sync();
})();
