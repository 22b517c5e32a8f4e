package dev.flywheel.deploy.postgres;

import dev.flywheel.deploy.Repo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Postgres init script shared by docker-compose and the dev overlay, and what it promises: for each schema,
 * the environment variables that name its owning role and that role's password.
 */
public final class SchemaOwnerScript {

    /**
     * Relative to the repository root; compose mounts this folder as /docker-entrypoint-initdb.d, and the dev
     * overlay makes a ConfigMap of it (inside the overlay's folder, the only place kustomize reads files from).
     */
    public static final String PATH = "k8s/overlays/dev/postgres/initdb.d/10-flywheel-schemas.sh";

    private static final Pattern SCHEMA_OWNER =
            Pattern.compile("^schema_owner\\s+(\\w+)\\s+\"\\$(\\w+)\"\\s+\"\\$(\\w+)\"\\s*$", Pattern.MULTILINE);

    /** The variables one schema's role is created from. */
    public record RoleVariables(String userVariable, String passwordVariable) {
    }

    private SchemaOwnerScript() {
    }

    public static String text() {
        return Repo.read(PATH);
    }

    /** Schema name to the variables its owning role comes from, in script order. */
    public static Map<String, RoleVariables> roles() {
        Map<String, RoleVariables> roles = new LinkedHashMap<>();
        Matcher matcher = SCHEMA_OWNER.matcher(text());
        while (matcher.find()) {
            roles.put(matcher.group(1), new RoleVariables(matcher.group(2), matcher.group(3)));
        }
        return roles;
    }
}
