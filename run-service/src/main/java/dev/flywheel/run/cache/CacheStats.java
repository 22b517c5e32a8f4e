package dev.flywheel.run.cache;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/cache/stats}: entries still valid, lookups that hit and missed, and the stored response bytes. */
public record CacheStats(long totalEntries, long hits, long misses,
        @Schema(nullable = true, description = "Hits over lookups, 0 to 1; null while nothing has been looked up")
        Double hitRate,
        long storageSizeBytes) {
}
