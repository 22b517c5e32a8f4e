package dev.flywheel.run;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every setting of run-service (SPEC §5, §9); env vars use the upper-case form, e.g. RUN_WORKER_CONCURRENCY. */
@ConfigMapping(prefix = "run")
public interface RunServiceConfig {

    /**
     * Calls in flight to a paid API per replica unless its provider sets its own: low enough for a new account's rate
     * limits (OpenAI's first tier allows about 500 requests a minute), high enough that a 500-run batch is not serial.
     */
    int PAID_API_CONCURRENCY = 4;

    /** Workers that claim and execute pending runs. */
    Worker worker();

    /** LLM providers reached over HTTP; base URLs and keys live only here, never in the database. */
    Providers providers();

    /** Prompt rendering with Jinja2 semantics (SPEC §10). */
    Templates templates();

    /** The response cache. */
    Cache cache();

    /** Bounds on what a request may ask for. */
    Limits limits();

    /** Scorer settings. */
    Scoring scoring();

    /** Live events: the feed from Redis and the server-sent event streams (SPEC §10). */
    Events events();

    interface Worker {
        /** Whether this replica claims and executes runs. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Most runs this replica executes at once. 32: a run mostly waits on its model without holding a thread, so 32
         * in flight cost little memory and a few database connections at a time; what a paid API may take is bounded
         * per provider, not here. 32 runs of a 50 ms model finish 500 runs in about 0.8 s.
         */
        @WithDefault("32")
        int concurrency();

        /**
         * Most calls in flight per provider on this replica for a provider without a setting of its own (echo, which
         * runs in-process, is never bounded).
         */
        @WithDefault("4")
        int providerConcurrency();

        /**
         * How often a worker looks for pending runs (the scheduler's finest step is one second). Read by the
         * worker's {@code @Scheduled} expression, which takes this default from here.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long a claim holds a run; the owner renews it at a third of this while the run executes. */
        @WithDefault("30s")
        Duration lease();

        /** Claims a run may get (its replica dying each time) before it is failed instead of claimed again. */
        @WithDefault("3")
        int maxAttempts();
    }

    interface Providers {
        /** An OpenAI-compatible chat-completions server (OpenAI, vLLM, Ollama, LM Studio, llama.cpp). */
        OpenAi openai();

        /** Anthropic's Messages API. */
        Anthropic anthropic();

        /** Time one provider call may take before it counts as a (retryable) timeout, unless the run says otherwise. */
        @WithDefault("60s")
        Duration requestTimeout();

        /** Retries after a 429, a 5xx or a timeout, unless the run says otherwise. */
        @WithDefault("2")
        int maxRetries();

        /** First backoff delay; it doubles on every retry and gets up to 50 % jitter. */
        @WithDefault("500ms")
        Duration backoffInitial();

        /** Longest delay between two attempts, Retry-After included. */
        @WithDefault("30s")
        Duration backoffMax();
    }

    interface OpenAi {
        /** Base URL up to and including the API version, e.g. http://localhost:11434/v1 for Ollama. */
        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        /** Bearer key; unset for servers without authentication. */
        Optional<String> apiKey();

        /**
         * Most calls in flight to this provider on this replica. Unset: 4 ({@link #PAID_API_CONCURRENCY}) for a
         * public host, which may be a paid API with rate limits; none but the worker's concurrency for a server on
         * this machine or a private network (loopback, private or link-local address).
         */
        Optional<Integer> concurrency();
    }

    interface Anthropic {
        /** Base URL of the Messages API (without /v1). */
        @WithDefault("https://api.anthropic.com")
        String baseUrl();

        /** Value of the x-api-key header. */
        Optional<String> apiKey();

        /** Value of the anthropic-version header. */
        @WithDefault("2023-06-01")
        String version();

        /** max_tokens sent when the run gives none (the Messages API requires it). */
        @WithDefault("1024")
        int defaultMaxTokens();

        /** Most calls in flight to this provider on this replica. */
        @WithDefault("4")
        int concurrency();
    }

    interface Templates {
        /** Longest rendered prompt, in characters; a render that would write more fails the run, naming this limit. */
        @WithDefault("100000")
        long maxOutputChars();

        /** Longest a template may take to render; a slower render fails the run, naming this limit. */
        @WithDefault("2s")
        Duration renderTimeout();

        /** Threads that render templates, off the event loop. */
        @WithDefault("2")
        int renderThreads();

        /**
         * Most loop iterations one render may make, all loops together; a range() longer than this fails at once.
         * Hitting it fails the run, naming this limit (nothing is silently cut).
         */
        @WithDefault("100000")
        long maxLoopIterations();

        /** Deepest nesting of macro calls (recursion) one render may reach. */
        @WithDefault("100")
        int maxCallDepth();

        /** Distinct templates whose parsed form is kept; each template is parsed once while it stays cached. */
        @WithDefault("1000")
        int cacheSize();
    }

    interface Cache {
        /** How long a cached response is served. */
        @WithDefault("14d")
        Duration ttl();

        /** How often expired entries are deleted; read by the purge's {@code @Scheduled} expression. */
        @WithDefault("1h")
        Duration purgeInterval();

        /**
         * Rows the hit and miss counters are spread over; each lookup adds to one picked at random. More stripes,
         * fewer lookups waiting on the same row lock; the stats read sums them all.
         * At least 1, checked at start ({@code ConfigCheck}).
         */
        @WithDefault("32")
        int counterStripes();
    }

    interface Limits {
        /** Most stages in one pipeline. */
        @WithDefault("20")
        int maxStages();

        /** Most runs one batch may create. */
        @WithDefault("1000")
        int maxBatchRuns();
    }

    interface Scoring {
        /** Model an llm_judge scorer asks when its spec names none. */
        @WithDefault("echo:any")
        String judgeModel();
    }

    interface Events {
        /** Pause before a lost subscription to run-service's live channel is renewed. */
        @WithDefault("1s")
        Duration resubscribeDelay();

        /** Longest an event stream stays silent: a comment line is sent after this long without events. */
        @WithDefault("15s")
        Duration heartbeat();
    }
}
