package dev.flywheel.cli;

/** The exit codes every command keeps (documented in the README's CLI section). */
public final class ExitCodes {

    /** Everything passed (or the command did what was asked). */
    public static final int OK = 0;
    /** An evaluation ran and assertions failed (or the pass rate is under --threshold). */
    public static final int FAILED = 1;
    /** The config or the command line is wrong; nothing was submitted. */
    public static final int BAD_CONFIG = 2;
    /** The server could not be reached or refused the request. */
    public static final int SERVER = 3;

    private ExitCodes() {
    }
}
