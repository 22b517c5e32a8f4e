package dev.flywheel.gateway.ui.runs;

import org.jboss.resteasy.reactive.RestQuery;

/** The runs table's query parameters as the experiment page and its live refresh receive them. */
public class RunTableParams {

    @RestQuery
    String status;
    @RestQuery
    String model;
    @RestQuery("min_score")
    String minScore;
    @RestQuery("max_latency_ms")
    String maxLatencyMs;
    @RestQuery
    String sort;
    @RestQuery
    String order;
    @RestQuery
    String cursor;

    RunTableQuery query() {
        return new RunTableQuery(status, model, minScore, maxLatencyMs, sort, order, cursor);
    }
}
