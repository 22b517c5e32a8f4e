package dev.flywheel.gateway.ui.client;

/**
 * A service call the UI cannot use: an error status, or (status 502) a service that could not be reached or did
 * not answer in time. The UI shows it as an error page naming the service, with the same status.
 */
public class ServiceFailure extends RuntimeException {

    private final String service;
    private final int status;

    public ServiceFailure(String service, int status, String detail) {
        super(detail);
        this.service = service;
        this.status = status;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }
}
