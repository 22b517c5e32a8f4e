package dev.flywheel.deploy;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one set of JVM flags and JVM environment every service runs with (deploy/jvm.flags, deploy/local/infra.sh). */
public final class JvmFlags {

    private static final Pattern JVM_ENV = Pattern.compile("(?m)^FLYWHEEL_JVM_ENV=\"([^\"]*)\"$");

    private JvmFlags() {
    }

    /** The flags of deploy/jvm.flags, without comments and blank lines. */
    public static List<String> shared() {
        return flags("deploy/jvm.flags");
    }

    /** The flags of {@code module}'s own src/main/jvm.flags, added to the shared ones; none when it has no such file. */
    public static List<String> module(String module) {
        String path = module + "/src/main/jvm.flags";
        return Files.exists(Repo.file(path)) ? flags(path) : List.of();
    }

    private static List<String> flags(String path) {
        return Arrays.stream(Repo.read(path).split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** The KEY=value pairs infra.sh puts in the environment of the services' JVMs. */
    public static Map<String, String> environment() {
        Matcher line = JVM_ENV.matcher(Repo.read("deploy/local/infra.sh"));
        if (!line.find()) {
            throw new IllegalStateException("deploy/local/infra.sh sets no FLYWHEEL_JVM_ENV");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : line.group(1).strip().split("\\s+")) {
            int equals = pair.indexOf('=');
            environment.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return environment;
    }
}
