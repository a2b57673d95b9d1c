package io.chartreuse.config;

import java.time.Duration;

/**
 * Every wait of the runner is bounded by one of these. {@code migrationLock}: PostgreSQL's
 * lock_timeout for migration statements when the application keeps running (see
 * io.chartreuse.live).
 */
public record Timeouts(
    Duration databaseWait, Duration lock, Duration stopPods, Duration migrationLock) {}
