// Live progress of an experiment page: follows the experiment's server-sent events (authenticated by the sign-in
// cookie) instead of polling. Each event carries the run counts, so the progress bar moves at once; the results
// (metrics, leaderboard, runs table) are re-rendered by the server at most once a second, and once more when no
// run is pending or running, then the stream is closed. Without script the page offers a reload link instead.
(function () {
  "use strict";
  var live = document.getElementById("experiment-live");
  if (!live || !live.getAttribute("data-events") || !window.EventSource || !window.htmx) {
    return;
  }
  var refreshUrl = live.getAttribute("data-refresh");
  var source = new EventSource(live.getAttribute("data-events"));
  var timer = null;
  var ended = false;
  var first = null;

  function number(value) {
    return Number(value).toLocaleString("en-US");
  }

  // The fragment is replaced on every refresh, so its elements are looked up each time.
  function showCounts(counts) {
    var active = (counts.pending || 0) + (counts.running || 0);
    var finished = (counts.completed || 0) + (counts.failed || 0) + (counts.cancelled || 0);
    var total = active + finished;
    var bar = document.getElementById("experiment-progress");
    var label = document.getElementById("progress-label");
    if (!bar || !label || total === 0) {
      return;
    }
    var percent = active > 0 ? Math.min(99, Math.floor(finished * 100 / total)) : 100;
    bar.max = total;
    bar.value = finished;
    bar.setAttribute("data-percent", String(percent));
    bar.textContent = percent + " %";
    label.textContent = number(finished) + " of " + number(total) + " runs finished"
        + (active > 0 ? " · " + number(active) + " pending or running, updating live" : "");
  }

  function refresh() {
    timer = null;
    htmx.ajax("GET", refreshUrl, { target: "#experiment-live", swap: "outerHTML" });
  }

  // Many runs may end within a second: one re-render covers them all.
  function scheduleRefresh() {
    if (timer === null) {
      timer = window.setTimeout(refresh, 1000);
    }
  }

  function onEvent(message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch (ignored) {
      return;
    }
    if (first === null) {
      first = message.lastEventId;
    }
    var counts = event.counts || (event.data && event.data.counts);
    if (!counts) {
      return;
    }
    showCounts(counts);
    if ((counts.pending || 0) + (counts.running || 0) === 0) {
      // until=idle ends the stream here; an EventSource would reconnect and receive the same idle snapshot.
      ended = true;
      source.close();
      if (timer !== null) {
        window.clearTimeout(timer);
      }
      refresh();
      return;
    }
    // The page was rendered just before the first snapshot; a later one (after a reconnect) may bring news.
    if (event.type !== "experiment.snapshot" || message.lastEventId !== first) {
      scheduleRefresh();
    }
  }

  // Every event is named after its type (SPEC §10), so onmessage (unnamed events only) would hear nothing.
  ["experiment.snapshot", "run.started", "run.completed", "run.failed", "run.cancelled"]
    .forEach(function (type) { source.addEventListener(type, onEvent); });
  source.onerror = function () {
    if (!ended && source.readyState === EventSource.CLOSED) {
      var label = document.getElementById("progress-label");
      if (label) {
        label.textContent += " · live updates stopped; reload the page to see the latest state";
      }
    }
  };
})();
