package dev.flywheel.variant.variant;

import java.util.Locale;
import java.util.regex.Pattern;

/** Slugs from names (SPEC §4): lowercase ASCII letters and digits in runs joined by single hyphens. */
public final class Slugs {

    /** Every valid slug matches this. */
    public static final Pattern VALID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-|-$");

    private Slugs() {
    }

    /**
     * The slug of a name; empty when the name has no ASCII letter or digit. Locale.ROOT keeps the result
     * the same on every machine (a Turkish default locale would turn "I" into a dotless ı and drop it).
     */
    public static String slugify(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EDGE_HYPHENS.matcher(SEPARATORS.matcher(lower).replaceAll("-")).replaceAll("");
    }

    public static boolean isValid(String slug) {
        return VALID.matcher(slug).matches();
    }
}
