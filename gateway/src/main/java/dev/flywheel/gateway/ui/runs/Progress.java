package dev.flywheel.gateway.ui.runs;

import io.quarkus.qute.TemplateData;

/**
 * How far an experiment's runs are: {@code ended} of {@code total} have completed, failed or been cancelled.
 * Pending and running runs are counted up to a limit; past it the count is a lower bound ({@code atLeast}).
 */
@TemplateData
public record Progress(long total, long ended, long active, boolean atLeast) {

    static Progress of(long total, int pending, int running, int limit) {
        long active = Math.min(total, (long) pending + running);
        return new Progress(total, Math.max(0, total - active), active, pending >= limit || running >= limit);
    }

    /** Whether runs are still pending or running, so the page keeps refreshing itself. */
    public boolean live() {
        return active > 0;
    }

    /** Whole percent of runs ended, 100 only when all have. */
    public int percent() {
        if (total == 0) {
            return 0;
        }
        return active > 0 ? (int) Math.min(99, ended * 100 / total) : 100;
    }
}
