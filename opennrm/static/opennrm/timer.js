// Call timer on the new-contact form: time since the form opened (the start is server time).
(function () {
  var el = document.querySelector("[data-timer-start]");
  if (!el || !el.dataset.timerStart) { return; }
  var start = Date.parse(el.dataset.timerStart);
  if (isNaN(start)) { return; }
  var offset = Date.now() - start;  // ignore the clock difference at load
  var opened = Date.now();
  function tick() {
    var seconds = Math.max(0, Math.floor((Date.now() - opened + Math.min(offset, 5000)) / 1000));
    var m = Math.floor(seconds / 60), s = seconds % 60;
    el.textContent = (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }
  tick();
  setInterval(tick, 1000);
})();
