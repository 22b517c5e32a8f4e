package dev.flywheel.run.adapter;

import java.util.Locale;

/** A {@code provider:model_name} reference such as {@code openai:gpt-4o-mini} or {@code echo:any}. */
public record ModelRef(String provider, String name) {

    /** Parses a model reference; a missing provider part means the built-in echo adapter. */
    public static ModelRef parse(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model is required, as provider:model_name");
        }
        int colon = model.indexOf(':');
        if (colon <= 0 || colon == model.length() - 1) {
            throw new IllegalArgumentException("'" + model + "' is not of the form provider:model_name");
        }
        return new ModelRef(model.substring(0, colon).trim().toLowerCase(Locale.ROOT), model.substring(colon + 1).trim());
    }

    @Override
    public String toString() {
        return provider + ":" + name;
    }
}
