package dev.flywheel.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A `java` for AppCDS training tests: it answers every GET on $QUARKUS_HTTP_PORT with 200 like a started service,
 * records its arguments, the requested paths and its pid in its working directory, and when stopped with SIGTERM
 * writes the archive named by -XX:ArchiveClassesAtExit, as the JVM does at exit.
 */
public final class StandInJava {

    private static final String TRAINABLE = """
            #!/usr/bin/env bash
            archive=
            for arg in "$@"; do case $arg in -XX:ArchiveClassesAtExit=*) archive=${arg#*=};; esac; done
            printf '%s\\n' "$*" "flyway=$QUARKUS_FLYWAY_MIGRATE_AT_START" > "$PWD/training-args"
            echo $$ > "$PWD/training-pid"
            python3 -c 'import http.server as h, os
            class A(h.BaseHTTPRequestHandler):
                def do_GET(self):
                    open(os.environ["PWD"] + "/training-paths", "a").write(self.path + "\\n")
                    self.send_response(200); self.end_headers()
                def log_message(self, *a): pass
            h.HTTPServer(("127.0.0.1", int(os.environ["QUARKUS_HTTP_PORT"])), A).serve_forever()' &
            server=$!
            trap 'kill $server; [ -n "$archive" ] && echo trained > "$archive"; exit 143' TERM
            wait $server
            """;

    private static final String FAILING = "#!/usr/bin/env bash\necho 'no database' >&2\nexit 1\n";

    private StandInJava() {
    }

    /** Installs the stand-in that trains as bin/java. */
    public static void trainable(Path bin) throws IOException {
        install(bin, TRAINABLE);
    }

    /** Installs a java that exits at once, as a service that cannot start does. */
    public static void failing(Path bin) throws IOException {
        install(bin, FAILING);
    }

    /** Stops a stand-in that was left running (its pid is in dir), so that a failed test leaves no process behind. */
    public static void stopIfRunning(Path dir) throws IOException {
        Path pid = dir.resolve("training-pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    private static void install(Path bin, String script) throws IOException {
        Path java = bin.resolve("java");
        Files.writeString(java, script);
        assertThat(java.toFile().setExecutable(true)).isTrue();
    }
}
