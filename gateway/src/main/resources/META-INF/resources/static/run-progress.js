// Live progress of a run page: follows the run's server-sent events (authenticated by the sign-in cookie)
// and reloads the page once the run has ended, so the final stages and scores are rendered by the server.
(function () {
  "use strict";
  var panel = document.getElementById("run-progress");
  if (!panel || !window.EventSource) {
    return;
  }
  var list = panel.querySelector("ol");
  var finished = ["completed", "failed", "cancelled"];
  var source = new EventSource(panel.getAttribute("data-events"));

  function show(text) {
    var item = document.createElement("li");
    item.textContent = text;
    list.appendChild(item);
  }

  // Every event is named after its type (SPEC §10), so onmessage (unnamed events only) would hear nothing.
  function onEvent(message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch (ignored) {
      show(message.data);
      return;
    }
    var type = event.type || "event";
    var data = event.data || {};
    show(type + (data.stage_index !== undefined ? " · stage " + data.stage_index : "")
        + (data.status ? " · " + data.status : ""));
    var ended = /^run\.(completed|failed|cancelled)$/.test(type)
        || (data.status && finished.indexOf(data.status) >= 0);
    if (ended) {
      source.close();
      window.location.reload();
    }
  }
  ["run.snapshot", "run.started", "run.stage_completed", "run.completed", "run.failed", "run.cancelled"]
    .forEach(function (type) { source.addEventListener(type, onEvent); });
  source.onerror = function () {
    if (source.readyState === EventSource.CLOSED) {
      show("live updates stopped; reload the page to see the latest state");
    }
  };
})();
