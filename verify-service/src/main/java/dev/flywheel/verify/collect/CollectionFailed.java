package dev.flywheel.verify.collect;

import java.util.List;

/** Every tool an incident called for failed, so there is no state to judge by. */
public class CollectionFailed extends RuntimeException {

    public CollectionFailed(List<String> errors) {
        super("no tool could read the state: " + String.join("; ", errors));
    }
}
