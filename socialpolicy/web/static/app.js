// Progressive enhancement for the socialpolicy page. Everything works without this
// file (the form posts to /check); with it, results appear without a page reload,
// calendar findings can be filtered, replies copied, and personal data revealed.
// Revealing asks this computer's own server again (/api/check?show_evidence=true)
// with the same form; nothing is sent anywhere else and nothing is stored.
(function () {
  "use strict";
  var lastForm = null;

  function modeFields(root) {
    var form = root.querySelector("#check-form");
    if (!form) { return; }
    function update() {
      var upload = form.querySelector("#mode-upload");
      var mode = upload && upload.checked ? "upload" : "paste";
      form.querySelectorAll("[data-mode]").forEach(function (group) {
        group.hidden = group.getAttribute("data-mode") !== mode;
      });
    }
    form.querySelectorAll("input[name=mode]").forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "Checking…"; }
      fetch("/check", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var main = page.querySelector("main");
          if (!main) { document.body.textContent = html; return; }
          lastForm = data;
          document.querySelector("main").innerHTML = main.innerHTML;
          document.title = page.title;
          enhance(document);
          var focus = document.querySelector(".nhsuk-error-summary") || document.querySelector("#results-heading");
          if (focus) { focus.focus(); }
        })
        .catch(function () { form.submit(); });
    });
  }

  function filters(root) {
    var box = root.querySelector(".sp-filters");
    if (!box) { return; }
    box.hidden = false;
    var rule = box.querySelector("#filter-rule");
    var severity = box.querySelector("#filter-severity");
    var count = box.querySelector(".sp-filter-count");
    function apply() {
      var shown = 0;
      root.querySelectorAll("#findings-table tbody tr").forEach(function (row) {
        var ok = (!rule.value || row.getAttribute("data-rule") === rule.value) &&
          (!severity.value || row.getAttribute("data-severity") === severity.value);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = "Showing " + shown + " problem" + (shown === 1 ? "" : "s") + ".";
    }
    rule.addEventListener("change", apply);
    severity.addEventListener("change", apply);
    box.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  function copyButtons(root) {
    root.querySelectorAll(".sp-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        var status = button.parentNode.querySelector(".sp-copied");
        source.select();
        var done = function () { if (status) { status.textContent = "Reply copied."; } };
        if (navigator.clipboard) {
          navigator.clipboard.writeText(source.value).then(done, function () { document.execCommand("copy"); done(); });
        } else { document.execCommand("copy"); done(); }
      });
    });
  }

  function reveal(root) {
    var box = root.querySelector(".sp-reveal");
    if (!box) { return; }
    box.hidden = false;
    var toggle = box.querySelector("#reveal");
    var status = box.querySelector(".sp-reveal-status");
    root.querySelectorAll(".sp-evidence").forEach(function (span) {
      span.setAttribute("data-masked-text", span.textContent);
    });
    toggle.addEventListener("change", function () {
      var spans = root.querySelectorAll(".sp-evidence");
      if (!toggle.checked) {
        spans.forEach(function (span) { span.textContent = span.getAttribute("data-masked-text"); });
        status.textContent = "Personal data is masked.";
        return;
      }
      var data = lastForm;
      if (!data) {
        var form = root.querySelector("#check-form");
        data = new FormData(form);
        var upload = form.querySelector("#mode-upload");
        var file = form.querySelector("#file");
        if (upload && upload.checked && !(file && file.files && file.files.length)) {
          status.textContent = "Choose the file again, tick “Show personal data in the results” and press Check.";
          toggle.checked = false;
          return;
        }
      }
      status.textContent = "Showing personal data…";
      fetch("/api/check?show_evidence=true", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (report) {
          if (!report.findings) { status.textContent = report.error || "Could not show personal data."; return; }
          spans.forEach(function (span) {
            var found = report.findings[Number(span.getAttribute("data-finding"))];
            if (found) { span.textContent = found.evidence; }
          });
          status.textContent = "Personal data is shown. Untick to mask it again.";
        })
        .catch(function () { status.textContent = "Could not show personal data."; toggle.checked = false; });
    });
  }

  function enhance(root) {
    modeFields(root);
    filters(root);
    copyButtons(root);
    reveal(root);
  }

  enhance(document);
}());
