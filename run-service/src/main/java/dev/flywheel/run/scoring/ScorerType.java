package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of scorer, selected by the {@code type} of a scorer spec in the run config. Every bean of this
 * type is a scorer users can name; {@link #create} checks the spec and throws
 * {@link InvalidScorerSpec} naming the offending option, so bad specs are refused when the run is created.
 */
public interface ScorerType {

    String type();

    Scorer create(String name, JsonNode spec);
}
