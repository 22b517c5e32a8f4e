package dev.flywheel.gateway.ui.runs;

import dev.flywheel.gateway.ui.UiPaths;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sort, filters and page of an experiment's runs table, as the page's query string carries them. They go to
 * {@code GET /api/runs} unchanged (run-service validates them and its 400 is shown above the table); here they
 * only build the links of the sortable headers and of the live refresh.
 */
@TemplateData
public record RunTableQuery(String status, String model, String minScore, String maxLatencyMs, String sort, String order,
        String cursor) {

    static final Set<String> SORTS = Set.of("created_at", "score", "latency");
    /** The default view: every run, newest first. */
    static final RunTableQuery NONE = new RunTableQuery(null, null, null, null, null, null, null);

    /** The query string for run-service, with this experiment and page size. */
    String apiQuery(String experimentId, int limit) {
        return UiPaths.query("experiment_id", experimentId, "status", status, "model", model, "min_score", minScore,
                "max_latency_ms", maxLatencyMs, "sort", sort, "order", order, "cursor", cursor, "limit",
                Integer.toString(limit));
    }

    /** Whether any filter narrows the list (an empty list then says so instead of "no runs yet"). */
    public boolean filtered() {
        return notBlank(status) || notBlank(model) || notBlank(minScore) || notBlank(maxLatencyMs);
    }

    /** The page's own query string without the cursor: what the live refresh and the sort links keep. */
    public String keep() {
        return UiPaths.query(pairs(sort, order, null));
    }

    /** The link of a column header: sorts by it, descending first, and flips the order when already sorted by it. */
    public String sortLink(String column) {
        String next = column.equals(currentSort()) && "desc".equals(currentOrder()) ? "asc" : "desc";
        return UiPaths.query(pairs(column, next, null));
    }

    /** The next page's link. */
    public String pageLink(String nextCursor) {
        return UiPaths.query(pairs(sort, order, nextCursor));
    }

    /** {@code aria-sort} of a column header: how the table is sorted by it, or none. */
    public String ariaSort(String column) {
        if (!column.equals(currentSort())) {
            return "none";
        }
        return "asc".equals(currentOrder()) ? "ascending" : "descending";
    }

    public String currentSort() {
        return notBlank(sort) && SORTS.contains(sort) ? sort : "created_at";
    }

    public String currentOrder() {
        return "asc".equals(order) ? "asc" : "desc";
    }

    private String[] pairs(String sortBy, String orderBy, String page) {
        List<String> pairs = new ArrayList<>(List.of("status", nullToEmpty(status), "model", nullToEmpty(model),
                "min_score", nullToEmpty(minScore), "max_latency_ms", nullToEmpty(maxLatencyMs),
                "sort", nullToEmpty(sortBy), "order", nullToEmpty(orderBy)));
        if (page != null) {
            pairs.addAll(List.of("cursor", page));
        }
        return pairs.toArray(String[]::new);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
