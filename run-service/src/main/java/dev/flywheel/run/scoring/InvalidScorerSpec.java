package dev.flywheel.run.scoring;

/** A scorer spec option that is missing or wrong; {@code option} is its JSON name. */
public class InvalidScorerSpec extends RuntimeException {

    private final String option;

    public InvalidScorerSpec(String option, String message) {
        super(message);
        this.option = option;
    }

    public String option() {
        return option;
    }
}
