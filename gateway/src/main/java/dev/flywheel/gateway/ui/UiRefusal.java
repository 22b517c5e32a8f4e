package dev.flywheel.gateway.ui;

/** A UI request the gateway itself turns down (a form without its CSRF token); shown as an error page. */
public class UiRefusal extends RuntimeException {

    private final int status;

    public UiRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
