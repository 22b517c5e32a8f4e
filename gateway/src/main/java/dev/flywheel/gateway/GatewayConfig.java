package dev.flywheel.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the gateway: where the services are, how they are reached, and who may call. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * API keys as {@code <sha256-hex-of-key>:<scope>+<scope>} entries (scopes {@code read}, {@code write}); only hashes
     * are ever configured. With none, the gateway refuses to start in the prod profile.
     */
    Optional<List<String>> apiKeys();

    /**
     * Base URLs of the services behind the gateway. Each may list several replicas, comma-separated
     * ({@code FLYWHEEL_RUN_URL=http://10.0.0.5:8083,http://10.0.0.6:8083}): requests go round-robin over the ready ones.
     */
    Upstreams upstreams();

    /** Connection handling towards the services. */
    Client client();

    /** The web UI. */
    Ui ui();

    /** Per-key rate limiting of {@code /api} and UI requests (SPEC §8). */
    RateLimit rateLimit();

    /** Cross-origin calls to {@code /api} from browser scripts of other sites. */
    Cors cors();

    interface Upstreams {
        /** variant-service base URL, or several comma-separated. */
        @WithDefault("${FLYWHEEL_VARIANT_URL:http://127.0.0.1:8082}")
        List<String> variant();

        /** run-service base URL, or several comma-separated. */
        @WithDefault("${FLYWHEEL_RUN_URL:http://127.0.0.1:8083}")
        List<String> run();

        /** verify-service base URL, or several comma-separated. */
        @WithDefault("${FLYWHEEL_VERIFY_URL:http://127.0.0.1:8084}")
        List<String> verify();

        /** selftest-service base URL, or several comma-separated. */
        @WithDefault("${FLYWHEEL_SELFTEST_URL:http://127.0.0.1:8081}")
        List<String> selftest();
    }

    interface Client {
        /** Time allowed to open a connection to a service. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** A proxied exchange with no bytes moving for this long is cut (SSE streams send heartbeats). */
        @WithDefault("60s")
        Duration idleTimeout();

        /** Keep-alive connections pooled per service and event loop (each loop proxies over its own). */
        @WithDefault("128")
        int maxPoolSize();

        /**
         * How long a replica whose connection failed is skipped before it is tried again (services given several
         * URLs); the request itself moves on to the next replica at once.
         */
        @WithDefault("5s")
        Duration replicaBackOff();

        /**
         * How often each replica of a service given several URLs is asked for its readiness; one that is not
         * ready gets no requests until it is.
         */
        @WithDefault("5s")
        Duration replicaCheckInterval();

        /** Time allowed for each readiness probe behind {@code /api/status}. */
        @WithDefault("2s")
        Duration statusTimeout();
    }

    interface Ui {
        /** Name of the HttpOnly cookie that keeps a signed-in user's API key. */
        @WithDefault("flywheel_key")
        String cookieName();

        /** How long the sign-in cookie lives in the browser. */
        @WithDefault("8h")
        Duration sessionMaxAge();

        /** Time allowed for each call the UI makes to a service on the user's behalf. */
        @WithDefault("10s")
        Duration serviceTimeout();
    }

    interface Cors {
        /**
         * Origins ({@code https://host[:port]}) whose scripts may call {@code /api} with an API key. None (the default)
         * turns CORS off: no {@code Access-Control-*} header is ever sent, so browsers refuse cross-origin calls.
         */
        Optional<List<String>> origins();

        /** How long a browser may reuse a preflight answer. */
        @WithDefault("10m")
        Duration preflightMaxAge();
    }

    interface RateLimit {
        /** Whether requests are rate limited per API key; health and static assets never are. */
        @WithDefault("true")
        boolean enabled();

        /** Tokens added to a key's bucket per second: the sustained requests per second a key may make. */
        @WithDefault("50")
        double rate();

        /** Size of a key's bucket: how many requests a key may make at once after a quiet spell. */
        @WithDefault("100")
        int burst();

        /** Longest wait for Redis before a request goes through unlimited (the limiter fails open). */
        @WithDefault("250ms")
        Duration redisTimeout();

        /**
         * How much of a key's rate a replica takes from Redis in one call (rate x this, at least one token): longer
         * means fewer Redis calls, and more tokens a replica may hold unspent.
         */
        @WithDefault("100ms")
        Duration batchWindow();

        /** After Redis failed or was too slow, how long requests go through unlimited before Redis is asked again. */
        @WithDefault("1s")
        Duration failOpenFor();

        /** Prefix of the Redis keys holding the buckets; the rest of the key is the API key's SHA-256. */
        @WithDefault("flywheel:ratelimit:")
        String keyPrefix();
    }
}
