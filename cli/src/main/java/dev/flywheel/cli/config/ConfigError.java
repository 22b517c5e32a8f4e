package dev.flywheel.cli.config;

import java.nio.file.Path;

/** A config the CLI refuses before anything is submitted, located by file, line and field (exit code 2). */
public class ConfigError extends RuntimeException {

    private final transient Path file;
    private final int line;
    private final String field;

    public ConfigError(Path file, int line, String field, String message) {
        super(locate(file, line, field) + message);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    private static String locate(Path file, int line, String field) {
        StringBuilder where = new StringBuilder();
        if (file != null) {
            where.append(file).append(line > 0 ? ":" + line : "").append(": ");
        }
        if (field != null && !field.isEmpty()) {
            where.append(field).append(": ");
        }
        return where.toString();
    }
}
