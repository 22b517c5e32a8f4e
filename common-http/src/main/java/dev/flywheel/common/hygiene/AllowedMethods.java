package dev.flywheel.common.hygiene;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods each path of this service really serves, for a truthful {@code Allow} (SPEC §10): Quarkus REST
 * answers OPTIONS with every method of the whole resource class (so it advertises methods a path then refuses with
 * 405) and its 405 carries no {@code Allow} at all. The index is built once from the resource classes' own
 * {@code @Path} and method annotations.
 */
@Singleton
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    private volatile List<Template> templates;

    private record Template(Pattern path, String method) {
    }

    /**
     * Whether the request is an OPTIONS this class has answered with the path's {@code Allow} ({@link EdgeChecks}).
     */
    boolean answered(RoutingContext rc) {
        // A CORS preflight is the CORS policy's to answer (the gateway's), not this one's.
        if (!rc.request().method().name().equals("OPTIONS")
                || rc.request().getHeader("Access-Control-Request-Method") != null) {
            return false;
        }
        Set<String> allowed = forPath(rc.normalizedPath());
        if (allowed.isEmpty()) {
            return false;
        }
        rc.response().putHeader("Allow", String.join(", ", allowed)).setStatusCode(200).end();
        return true;
    }

    /**
     * What {@code Allow} says for a path: its methods, HEAD where GET is served, and OPTIONS; empty when no
     * resource serves the path.
     */
    public Set<String> forPath(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Template template : templates()) {
            if (template.path().matcher(path).matches()) {
                allowed.add(template.method());
            }
        }
        if (allowed.isEmpty()) {
            return allowed;
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return allowed;
    }

    private List<Template> templates() {
        if (templates == null) {
            templates = scan();
        }
        return templates;
    }

    private static List<Template> scan() {
        List<Template> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean instanceof InjectableBean<?> injectable ? injectable.getImplementationClass()
                    : bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null || type.isInterface()) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                found.add(new Template(regex(join(root.value(), sub == null ? "" : sub.value())), verb));
            }
        }
        return List.copyOf(found);
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String joined = "/" + root + "/" + sub;
        joined = joined.replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** A JAX-RS path template as a regular expression: {@code {name}} is one segment, {@code {name: re}} is re. */
    static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(last, parameter.start())));
            regex.append(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1).strip() + ")");
            last = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex + "/?");
    }
}
