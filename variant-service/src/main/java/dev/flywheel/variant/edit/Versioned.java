package dev.flywheel.variant.edit;

/** A view with a strong entity tag that changes with every edit, for {@code ETag} and {@code If-Match}. */
public interface Versioned {

    String etag();
}
