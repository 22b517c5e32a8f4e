package dev.flywheel.run.template;

/** The limits of one render, checked where a template could make something big. */
interface TemplateLimitsCheck {

    /** Fails when a value of {@code chars} characters could not fit in the output. */
    void checkSize(long chars);

    /** Fails when {@code iterations} more loop iterations (or range items) would pass the loop limit. */
    void checkLoop(long iterations);
}
