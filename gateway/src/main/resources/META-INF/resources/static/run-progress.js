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

  // Event names as a reader says them; stages are numbered from 1 as on the page.
  var words = {
    "run.snapshot": "Current state",
    "run.started": "Started",
    "run.stage_completed": "Finished stage",
    "run.completed": "Completed",
    "run.failed": "Failed",
    "run.cancelled": "Cancelled"
  };

  function describe(type, data) {
    var text = words[type] || type;
    if (type === "run.snapshot" && data.status) {
      return text + ": " + data.status;
    }
    if (data.stage_index !== undefined) {
      text += " " + (data.stage_index + 1);
    }
    if (data.model_used) {
      text += " (" + data.model_used + ")";
    }
    if (data.error) {
      text += ": " + data.error;
    }
    return text;
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
    show(describe(type, data));
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
