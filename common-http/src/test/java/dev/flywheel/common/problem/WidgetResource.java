package dev.flywheel.common.problem;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/** A resource that exists only in tests, to drive every failure the problem mapping must answer. */
@Path("/test/widgets")
public class WidgetResource {

    public record WidgetRequest(@NotBlank @Size(max = 20) String widgetName, @NotNull @Min(0) @Max(10) Integer sizeClass) {
    }

    /** A list of nested requests and of plain values, so that errors name elements by index. */
    public record WidgetList(@NotEmpty List<@NotNull @Valid WidgetRequest> widgets, List<@Size(max = 3) String> tags) {
    }

    @POST
    @Path("/lists")
    public Uni<WidgetList> createMany(@Valid @NotNull WidgetList list) {
        return Uni.createFrom().item(list);
    }

    @POST
    public Uni<WidgetRequest> create(@Valid @NotNull WidgetRequest request) {
        return Uni.createFrom().item(request);
    }

    @GET
    public Uni<String> list(@QueryParam("limit") @Max(500) Integer limit) {
        return Uni.createFrom().item("[]");
    }

    @GET
    @Path("/{outcome}")
    public Uni<String> fail(@PathParam("outcome") String outcome) {
        return switch (outcome) {
            case "missing" -> Uni.createFrom().failure(new ResourceNotFound("widget", "w-1"));
            case "conflict" -> Uni.createFrom().failure(new StateConflict("widget w-1 is locked"));
            case "invalid" -> Uni.createFrom().failure(new InvalidInput("widget_name", "must contain a letter"));
            case "upstream" -> Uni.createFrom().failure(
                    new UpstreamUnavailable("variant-service", "connection refused", null));
            case "boom" -> Uni.createFrom().failure(new IllegalStateException("secret internals"));
            default -> Uni.createFrom().item(outcome);
        };
    }
}
