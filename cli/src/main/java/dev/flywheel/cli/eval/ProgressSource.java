package dev.flywheel.cli.eval;

/**
 * Where an eval learns how far its experiment is: the experiment event stream ({@link EventStreamProgress}), or
 * polling the run list ({@link RunListProgress}) when a server has no stream.
 */
public interface ProgressSource extends AutoCloseable {

    /** Blocks until there is news (or a poll interval passed) and answers the current counts. */
    Progress next() throws InterruptedException;

    /** Lets go of what the source holds open (a stream's connection). */
    @Override
    default void close() {
    }
}
