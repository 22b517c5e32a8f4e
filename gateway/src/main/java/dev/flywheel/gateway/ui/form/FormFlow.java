package dev.flywheel.gateway.ui.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.UiResponses;
import dev.flywheel.gateway.ui.UiSession;
import dev.flywheel.gateway.ui.client.ServiceAnswer;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one way a UI form post is handled: the CSRF token checked, the form read into the service's JSON, the service
 * called, and then either where the browser goes next or the page shown again with every error beside its field
 * and what the user typed kept, in one round ({@link FormInput} sends a number it cannot read as a stand-in the
 * service refuses, so the service's own rules are checked in the same request). Posts without fields (activate,
 * delete) take the same path through {@link #act}.
 */
@ApplicationScoped
public class FormFlow {

    private final UiSession session;

    public FormFlow(UiSession session) {
        this.session = session;
    }

    /**
     * Where a refused form goes: the page that holds it, rendered with the form as typed and its errors.
     *
     * @param fields the form's field names, so each error lands beside its input
     * @param rename the API's field names to the form's, applied first
     */
    public record Refusal(List<String> fields, UnaryOperator<String> rename, Function<FormView, Uni<TemplateInstance>> page) {

        public static Refusal to(List<String> fields, Function<FormView, TemplateInstance> page) {
            return new Refusal(fields, UnaryOperator.identity(), view -> Uni.createFrom().item(page.apply(view)));
        }
    }

    /**
     * @param read     the form as the service's JSON; problems it finds are recorded on the {@link FormInput}
     * @param call     the service call with that JSON
     * @param accepted the response once the service accepted (typically a redirect that says what was done)
     */
    public Uni<Response> submit(MultivaluedMap<String, String> submitted, Function<FormInput, JsonNode> read,
            Function<JsonNode, Uni<ServiceAnswer>> call, Refusal refusal, Function<ServiceAnswer, Response> accepted) {
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        FormInput input = new FormInput(submitted);
        JsonNode body = read.apply(input);
        if (!input.sendable()) {
            return refusal.page().apply(FormView.rejected(input)).map(UiResponses::invalidForm);
        }
        return call.apply(body).flatMap(answer -> answer.refusedForm()
                ? refusal.page().apply(FormView.refused(input, answer, refusal.fields(), refusal.rename()))
                        .map(page -> UiResponses.invalidForm(answer.status(), page))
                : Uni.createFrom().item(() -> accepted.apply(answer)));
    }

    /**
     * A post without fields: the CSRF token checked, the service called; a conflict (409, or 412 when the thing
     * changed meanwhile) is shown on the page {@code refused} renders from the service's explanation, anything else
     * the service refuses becomes an error page.
     */
    public Uni<Response> act(MultivaluedMap<String, String> submitted, Supplier<Uni<ServiceAnswer>> call,
            Function<ServiceAnswer, Response> accepted, Function<String, Uni<TemplateInstance>> refused) {
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        return call.get().flatMap(answer -> answer.status() == 409 || answer.status() == 412
                ? refused.apply(answer.detail()).map(page -> UiResponses.invalidForm(answer.status(), page))
                : Uni.createFrom().item(() -> accepted.apply(answer)));
    }

    /** A post without fields whose refusal is an error page: the CSRF token checked, the service called. */
    public Uni<Response> act(MultivaluedMap<String, String> submitted, Supplier<Uni<ServiceAnswer>> call,
            Function<ServiceAnswer, Response> accepted) {
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        return call.get().map(accepted);
    }
}
