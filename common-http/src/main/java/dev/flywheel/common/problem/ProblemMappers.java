package dev.flywheel.common.problem;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.flywheel.common.hygiene.AllowedMethods;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Field;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure a resource can meet into RFC 9457 problem details, so that resources never catch
 * and re-wrap. Jackson's and Hibernate Validator's exception types are named one by one because
 * Quarkus picks the mapper registered for the most specific class, and ships its own for some of them.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Instance<FailureTranslator> translators;
    private final AllowedMethods allowedMethods;

    public ProblemMappers(Instance<FailureTranslator> translators, AllowedMethods allowedMethods) {
        this.translators = translators;
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(ResourceNotFound e, HttpServerRequest request) {
        return respond(Problem.of(404, "Not Found", e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> conflict(StateConflict e, HttpServerRequest request) {
        return respond(Problem.of(409, "Conflict", e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> preconditionFailed(PreconditionFailed e, HttpServerRequest request) {
        return respond(Problem.of(412, "Precondition Failed", e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidInput(InvalidInput e, HttpServerRequest request) {
        return respond(Problem.of(400, "Bad Request", e.getMessage(), request.path()).withErrors(e.errors()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> upstream(UpstreamUnavailable e, HttpServerRequest request) {
        LOG.warnf("upstream %s unavailable on %s: %s", e.upstream(), request.path(), e.getMessage());
        return respond(Problem.of(503, "Service Unavailable", e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> violation(ResteasyReactiveViolationException e, HttpServerRequest request) {
        return violations(e, request);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        return violations(e, request);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, ValueInstantiationException.class })
    public RestResponse<Problem> malformedJson(JsonProcessingException e, HttpServerRequest request) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        String message = e.getOriginalMessage() == null ? "malformed JSON" : firstLine(e.getOriginalMessage());
        Problem problem = Problem.of(400, "Bad Request", "The request body is not valid JSON for this resource",
                request.path());
        return respond(problem.withErrors(List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e, HttpServerRequest request,
            ResourceInfo resource) {
        Response response = e.getResponse();
        int status = response.getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json, request);
        }
        if (e instanceof NotFoundException && cause != null && !(cause instanceof WebApplicationException)) {
            List<String> unreadable = UnreadableQuery.of(resource == null ? null : resource.getResourceMethod(),
                    request);
            if (!unreadable.isEmpty()) {
                List<Problem.FieldError> errors = unreadable.stream()
                        .map(name -> new Problem.FieldError(name, "is not a valid value for this parameter")).toList();
                return respond(Problem.of(400, "Bad Request", "Invalid query parameters: "
                        + String.join(", ", unreadable), request.path()).withErrors(errors));
            }
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status >= 500 ? title : e.getMessage();
        Problem problem = Problem.of(status, title, detail, request.path());
        // RFC 9110 §15.5.6: a 405 names the methods the resource does allow.
        String allow = status == 405 ? String.join(", ", allowedMethods.forPath(request.path())) : "";
        if (!allow.isEmpty()) {
            return RestResponse.ResponseBuilder.<Problem>create(405).entity(problem).type(Problem.MEDIA_TYPE)
                    .header("Allow", allow).build();
        }
        return respond(problem);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, HttpServerRequest request) {
        for (FailureTranslator translator : translators) {
            var problem = translator.translate(e, request.path());
            if (problem.isPresent()) {
                return respond(problem.get());
            }
        }
        LOG.errorf(e, "unexpected failure on %s %s", request.method(), request.path());
        return respond(Problem.of(500, "Internal Server Error", "An unexpected error occurred", request.path()));
    }

    private RestResponse<Problem> violations(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return respond(Problem.of(400, "Bad Request", "Invalid fields: " + fields, request.path()).withErrors(errors));
    }

    static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }

    /**
     * The JSON path of the violated property past the method and parameter nodes, with list indexes
     * ({@code runs[2].model}, {@code prompts[0]}) so that a client can find the element in what it sent. A
     * {@code @JsonUnwrapped} member adds no segment: its fields stand at the level of the object holding it.
     */
    static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder name = new StringBuilder();
        String parameter = "body";
        Class<?> bean = violation.getRootBeanClass();
        List<Class<?>> parameterTypes = List.of();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                parameterTypes = node.as(Path.MethodNode.class).getParameterTypes();
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = snakeCase(node.getName());
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                bean = index < parameterTypes.size() ? parameterTypes.get(index) : null;
                continue;
            }
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            // Hibernate Validator puts an element's index on the node that follows the list.
            if (node.isInIterable() && node.getIndex() != null && !name.isEmpty()) {
                name.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                Field field = field(bean, node.getName());
                bean = field == null ? null : field.getType();
                if (field != null && field.isAnnotationPresent(JsonUnwrapped.class)) {
                    continue;
                }
                name.append(name.isEmpty() ? "" : ".").append(snakeCase(node.getName()));
            }
        }
        return name.isEmpty() ? parameter : name.toString();
    }

    /** The field behind a property node, or null where the path has left what reflection can follow (lists). */
    private static Field field(Class<?> bean, String name) {
        for (Class<?> type = bean; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                return type.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared higher up, if anywhere
            }
        }
        return null;
    }

    static String snakeCase(String javaName) {
        if (javaName == null) {
            return "";
        }
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // Jackson quotes the type it failed to build, generic ones too (`java.util.ArrayList<dev.flywheel.…>`);
        // callers need the field, not our class names.
        return line.replaceAll("`[^`]*`", "value").replaceAll("\\(class [^)]*\\)", "").trim();
    }
}
