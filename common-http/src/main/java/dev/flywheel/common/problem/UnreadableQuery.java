package dev.flywheel.common.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Finds the typed query parameters whose value could not be converted. JAX-RS answers such a value with 404, as
 * if the path were unknown; SPEC §10 wants a 400 naming the parameter, so the problem mapper asks here which one
 * it was. Path parameters are left alone: a path that names nothing is rightly a 404.
 */
final class UnreadableQuery {

    private UnreadableQuery() {
    }

    /** The query parameters of the resource method whose value in the request its declared type cannot hold. */
    static List<String> of(Method method, HttpServerRequest request) {
        List<String> unreadable = new ArrayList<>();
        if (method == null) {
            return unreadable;
        }
        for (Parameter parameter : method.getParameters()) {
            Optional<String> name = queryName(parameter);
            if (name.isEmpty()) {
                continue;
            }
            String value = request.getParam(name.get());
            if (value != null && !converts(parameter.getType(), value)) {
                unreadable.add(name.get());
            }
        }
        return unreadable;
    }

    private static Optional<String> queryName(Parameter parameter) {
        QueryParam query = parameter.getAnnotation(QueryParam.class);
        if (query != null) {
            return Optional.of(query.value());
        }
        RestQuery rest = parameter.getAnnotation(RestQuery.class);
        if (rest != null) {
            return Optional.of(rest.value().isEmpty() ? parameter.getName() : rest.value());
        }
        return Optional.empty();
    }

    /** Converts as JAX-RS does for a single value: {@code valueOf(String)}, {@code fromString} or a constructor. */
    private static boolean converts(Class<?> type, String value) {
        Class<?> boxed = boxed(type);
        if (boxed == String.class || Collection.class.isAssignableFrom(boxed) || boxed == Optional.class
                || boxed == Boolean.class) {
            return true;
        }
        try {
            Method factory = factory(boxed);
            if (factory != null) {
                factory.invoke(null, value);
            } else {
                boxed.getConstructor(String.class).newInstance(value);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Method factory(Class<?> type) {
        for (String name : List.of("valueOf", "fromString", "parse")) {
            try {
                Method method = type.getMethod(name, String.class);
                if (Modifier.isStatic(method.getModifiers())) {
                    return method;
                }
            } catch (NoSuchMethodException e) {
                // try the next name
            }
        }
        return null;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "boolean" -> Boolean.class;
            default -> Character.class;
        };
    }
}
