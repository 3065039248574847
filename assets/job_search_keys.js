// Keyboard shortcuts of the job search page, run in the browser so nothing is sent per key.
// "/" focuses the keyword box; j / k and the arrow keys move focus between result cards
// (their title links, class jh-job-card-link), and Enter follows the focused link natively.
// While an autocomplete list is open (role="combobox" aria-expanded="true"), the arrow keys
// and Enter on a highlighted option are kept from the browser: the server moves the
// highlight and takes the option, so Enter must not also submit the form.
(function () {
  if (window.jobhubSearchKeys) return;
  window.jobhubSearchKeys = true;

  var CARD_LINK = "a.jh-job-card-link";

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function moveFocus(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll(CARD_LINK));
    if (links.length === 0) return false;
    var index = links.indexOf(document.activeElement);
    var next = index === -1 ? (step > 0 ? 0 : links.length - 1) : index + step;
    if (next < 0 || next >= links.length) return true;
    links[next].focus();
    links[next].scrollIntoView({ block: "nearest" });
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-search-page]")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && target.getAttribute && target.getAttribute("role") === "combobox") {
      var open = target.getAttribute("aria-expanded") === "true";
      var active = target.getAttribute("aria-activedescendant");
      if (open && (event.key === "ArrowDown" || event.key === "ArrowUp")) event.preventDefault();
      if (open && event.key === "Enter" && active) event.preventDefault();
      return;
    }
    if (typing(target)) return;
    if (event.key === "/") {
      var box = document.getElementById("search-keywords");
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
      return;
    }
    var onCard = document.activeElement && document.activeElement.matches(CARD_LINK);
    var down = event.key === "j" || (onCard && event.key === "ArrowDown");
    var up = event.key === "k" || (onCard && event.key === "ArrowUp");
    if ((down || up) && moveFocus(down ? 1 : -1)) event.preventDefault();
  });
})();
