package dev.flywheel.cli.eval;

/** How far an experiment's runs are: counts by status. */
public record Progress(int total, int pending, int running, int completed, int failed, int cancelled) {

    public int ended() {
        return completed + failed + cancelled;
    }

    public boolean done(int expected) {
        return total >= expected && pending == 0 && running == 0;
    }
}
