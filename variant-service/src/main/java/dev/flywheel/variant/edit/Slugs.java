package dev.flywheel.variant.edit;

import java.util.Locale;
import java.util.regex.Pattern;

/** Slugs from names (SPEC §4): lowercase ASCII letters and digits in runs joined by single hyphens. */
public final class Slugs {

    /** Every valid slug matches this. */
    public static final Pattern VALID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-|-$");

    private Slugs() {
    }

    /**
     * The slug of a name; empty exactly when the name has no ASCII letter or digit. Separators are cut
     * before lowercasing so that no non-ASCII letter can lowercase into one (the Kelvin sign into "k"), and
     * Locale.ROOT keeps the result the same on every machine (a Turkish locale lowercases "I" to "ı").
     */
    public static String slugify(String name) {
        String joined = SEPARATORS.matcher(name).replaceAll("-");
        return EDGE_HYPHENS.matcher(joined).replaceAll("").toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String slug) {
        return VALID.matcher(slug).matches();
    }
}
