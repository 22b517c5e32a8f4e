package dev.flywheel.verify.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.problem.InvalidInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;

/** Binds a JSON parameters object to a tool's parameters record and validates it; bad input is a 400. */
@ApplicationScoped
public class ToolParameters {

    private final ObjectMapper mapper;
    private final Validator validator;

    public ToolParameters(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <T> T bind(ObjectNode parameters, Class<T> type) {
        T bound;
        try {
            bound = mapper.treeToValue(parameters, type);
        } catch (JsonProcessingException e) {
            throw new InvalidInput(field(e), "has the wrong type or shape");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(bound);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return bound;
    }

    private static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        return "body";
    }
}
