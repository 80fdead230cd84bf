/// `/assets/serve.js`: the pages' one script. The pages read fine without it; it only shows a clicked
/// bar's details and, on the page of a running run, follows `/events/RUN_ID` and refreshes the header,
/// the timeline and the steps (at most once a second) until the run ends.
enum Script {
    static let text = """
        "use strict";
        (function () {
          function showBar(bar) {
            var out = document.getElementById("bar-detail");
            var title = bar.querySelector("title");
            if (!out || !title) return;
            document.querySelectorAll(".bar.selected").forEach(function (b) { b.classList.remove("selected"); });
            bar.classList.add("selected");
            out.textContent = title.textContent;
          }
          document.addEventListener("click", function (event) {
            var bar = event.target.closest && event.target.closest(".bar");
            if (bar) showBar(bar);
          });
          var body = document.body;
          if (body.dataset.page !== "run" || body.dataset.runStatus !== "running" || !window.EventSource) return;
          var id = body.dataset.runId;
          var pending = null;
          var source = new EventSource("/events/" + encodeURIComponent(id));
          function refresh(last) {
            pending = null;
            fetch(location.pathname, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
              var page = new DOMParser().parseFromString(html, "text/html");
              ["timeline", "steps-table", "run-header"].forEach(function (name) {
                var fresh = page.getElementById(name), current = document.getElementById(name);
                if (fresh && current) current.replaceWith(document.importNode(fresh, true));
              });
              var status = page.body.dataset.runStatus;
              if (status) body.dataset.runStatus = status;
              if (status && status !== "running") {
                source.close();
                var live = document.getElementById("live");
                if (live) live.textContent = "ended";
              }
            });
          }
          function schedule(last) {
            if (last) { if (pending) clearTimeout(pending); refresh(true); return; }
            if (!pending) pending = setTimeout(refresh, 1000);
          }
          ["step_started", "item_started", "item_finished", "attempt_failed", "step_finished", "output"].forEach(function (name) {
            source.addEventListener(name, function () { schedule(false); });
          });
          source.addEventListener("run_finished", function () { schedule(true); });
          source.onerror = function () { schedule(true); };
        })();
        """
}
