package dev.flywheel.run.adapter;

/**
 * Token counts where no provider reports them (the echo adapter, the input_token_limit check before a
 * call): the common approximation of four characters per token, so limits mean the same for every model.
 */
public final class TokenEstimate {

    private static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    public static int of(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
