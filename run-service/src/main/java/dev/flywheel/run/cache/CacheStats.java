package dev.flywheel.run.cache;

/** {@code GET /api/cache/stats}: entries still valid, lookups that hit and missed, and the stored response bytes. */
public record CacheStats(long totalEntries, long hits, long misses, double hitRate, long storageSizeBytes) {
}
