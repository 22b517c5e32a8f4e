package dev.flywheel.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the files under test live: the repository checkout around this module. */
public final class Repo {

    private static final Path ROOT = Path.of(System.getProperty("flywheel.repo.root", "..")).toAbsolutePath().normalize();

    private Repo() {
    }

    public static Path root() {
        return ROOT;
    }

    public static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + relative, e);
        }
    }
}
