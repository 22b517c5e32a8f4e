package dev.flywheel.cli.eval;

/**
 * Where an eval learns how far its experiment is. Polling the run list does it today; the experiment event
 * stream (GET /api/experiments/{id}/events, SPEC §10) can replace it behind this interface.
 */
public interface ProgressSource {

    /** Blocks until there is news (or a poll interval passed) and answers the current counts. */
    Progress next() throws InterruptedException;
}
