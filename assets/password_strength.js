// Password strength meter for every "new-password" field: runs in the browser only, so the
// password is never sent while typing. It is guidance; the server's policy decides.
// Reads <input autocomplete="new-password" data-strength-meter="ID"> and updates the
// <meter id="ID"> and the <p id="ID-text" aria-live="polite"> next to it.
(function () {
  if (window.jobhubPasswordStrength) return;

  var MIN_LENGTH = 12;
  var PATTERNS = [/^(.)\1+$/, /(0123|1234|2345|3456|4567|5678|6789|abcd|qwer|asdf|zxcv)/i, /password|passw0rd|letmein|welcome|iloveyou|admin|qwerty|monkey|dragon/i];
  var LABELS = ["Too short", "Weak", "Fair", "Good", "Strong"];

  function score(password) {
    var length = Array.from(password).length;
    if (length < MIN_LENGTH) return 0;
    var classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (re) { return re.test(password); }).length;
    var unique = new Set(Array.from(password.toLowerCase())).size;
    var points = 1;
    if (length >= 16) points += 1;
    if (length >= 20 || (length >= 14 && classes >= 3)) points += 1;
    if (unique >= 10 && classes >= 2) points += 1;
    if (unique < 6) points -= 2;
    PATTERNS.forEach(function (re) { if (re.test(password)) points -= 1; });
    return Math.max(1, Math.min(4, points));
  }

  function describe(password, value) {
    var length = Array.from(password).length;
    if (length === 0) return "";
    if (value === 0) {
      var missing = MIN_LENGTH - length;
      return "Too short: " + missing + " more character" + (missing === 1 ? "" : "s") + " needed.";
    }
    var hint = value < 3 ? " Longer is stronger: try a few unrelated words." : "";
    return "Strength: " + LABELS[value] + "." + hint;
  }

  function update(input) {
    var id = input.getAttribute("data-strength-meter");
    var meter = document.getElementById(id);
    var text = document.getElementById(id + "-text");
    if (!meter || !text) return;
    var value = score(input.value);
    meter.value = value;
    meter.hidden = input.value.length === 0;
    text.textContent = describe(input.value, value);
  }

  window.jobhubPasswordStrength = { score: score };
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.hasAttribute("data-strength-meter")) update(target);
  });
})();
