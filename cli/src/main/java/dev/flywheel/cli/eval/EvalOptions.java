package dev.flywheel.cli.eval;

/** What the command line changes in every case: cache use, repeats, and an agent in place of prompts × providers. */
public record EvalOptions(boolean noCache, int repeat, String agent) {

    public static EvalOptions defaults() {
        return new EvalOptions(false, 1, null);
    }
}
