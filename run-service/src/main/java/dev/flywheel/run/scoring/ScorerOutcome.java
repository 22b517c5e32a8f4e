package dev.flywheel.run.scoring;

/** What one scorer produced: a value in [0, 1], or the error that stopped it. */
public record ScorerOutcome(String scorerName, Double value, String error) {

    public static ScorerOutcome scored(String name, double value) {
        return new ScorerOutcome(name, value, null);
    }

    public static ScorerOutcome failed(String name, String error) {
        return new ScorerOutcome(name, null, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
