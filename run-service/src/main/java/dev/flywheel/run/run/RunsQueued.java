package dev.flywheel.run.run;

/** New runs were stored as pending (a CDI event): the worker of this replica claims them without waiting to poll. */
public record RunsQueued(int count) {
}
