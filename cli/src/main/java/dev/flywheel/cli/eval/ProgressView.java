package dev.flywheel.cli.eval;

import java.io.PrintWriter;

/** Live progress: a redrawn bar on a terminal, plain lines (at most one per 10 % or status change) otherwise. */
public final class ProgressView {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final int expected;
    private int lastDecile = -1;

    public ProgressView(PrintWriter out, boolean terminal, int expected) {
        this.out = out;
        this.terminal = terminal;
        this.expected = expected;
    }

    public void show(Progress progress) {
        int ended = progress.ended();
        if (terminal) {
            int filled = expected == 0 ? WIDTH : (int) ((long) WIDTH * ended / expected);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + ended + "/" + expected
                    + " (" + progress.running() + " running, " + progress.failed() + " failed)   ");
            out.flush();
            return;
        }
        int decile = expected == 0 ? 10 : (int) (10L * ended / expected);
        if (decile != lastDecile) {
            lastDecile = decile;
            out.println("progress: " + ended + "/" + expected + " runs ended (" + progress.failed() + " failed, "
                    + progress.running() + " running)");
            out.flush();
        }
    }

    public void end() {
        if (terminal) {
            out.println();
            out.flush();
        }
    }
}
