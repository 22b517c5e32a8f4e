package dev.flywheel.deploy;

import dev.flywheel.deploy.services.ServiceCatalog;
import dev.flywheel.deploy.services.ServiceFacts;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The self-test's tool_use probe asks verify-service's http_health to read a selftest-service URL;
 * verify-service fetches only allowed hosts (SPEC §10), by default loopback, *.svc names and the hosts
 * of its FLYWHEEL_*_URL peers. Read from one deployment's container environments, this says which
 * host the probe names and which peer hosts verify-service allows.
 */
public final class ToolUseProbeTarget {

    /** The selftest-service setting of the URL the probe hands to http_health (LoopQaConfig.ToolUse). */
    public static final String HEALTH_URL = "LOOP_QA_TOOL_USE_HEALTH_URL";
    /** Setting this in verify-service replaces the default allow-list, peers included. */
    public static final String ALLOWED_HOSTS = "VERIFY_HTTP_HEALTH_ALLOWED_HOSTS";

    private ToolUseProbeTarget() {
    }

    /** The host of the probe's URL, from selftest-service's environment. */
    public static String probedHost(Function<String, Optional<String>> selftest) {
        String url = selftest.apply(HEALTH_URL).orElseGet(() -> selftest.apply(ServiceCatalog.describe("selftest-service")
                .urlVariable()).orElse("http://127.0.0.1:8081") + "/q/health/ready");
        return URI.create(url).getHost();
    }

    /** The hosts of every FLYWHEEL_*_URL peer set in verify-service's environment (each may list several URLs). */
    public static Set<String> peerHosts(Function<String, Optional<String>> verify) {
        return ServiceCatalog.all().stream().map(ServiceFacts::urlVariable)
                .flatMap(variable -> verify.apply(variable).stream())
                .flatMap(urls -> Arrays.stream(urls.split(",")))
                .map(url -> URI.create(url.trim()).getHost())
                .collect(Collectors.toSet());
    }
}
