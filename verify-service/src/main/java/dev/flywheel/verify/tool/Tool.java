package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only tool of the registry (SPEC §6). Parameters arrive as JSON and are bound to the record
 * {@link #parametersType()}, validated with Bean Validation before {@link #run} is called.
 *
 * @param <P> the tool's parameters record
 */
public interface Tool<P> {

    /** The name clients call the tool by, e.g. {@code kubectl_get}. */
    String name();

    /** One line saying what the tool reads. */
    String description();

    /** The system the tool reads from, named in errors when it is not configured. */
    String backend();

    Class<P> parametersType();

    /** Whether the tool's backend is configured; an unconfigured tool is listed but never suggested or run. */
    boolean configured();

    /** The parameters to call this tool with when an incident with this alert and these labels calls for it. */
    Optional<P> suggest(String alertname, Map<String, String> labels);

    /** Reads and emits the tool's output document; fails when the backend cannot answer. */
    Uni<JsonNode> run(P parameters);
}
