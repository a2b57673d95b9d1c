package io.chartreuse.config;

import java.time.Duration;

/** Every wait of the runner is bounded by one of these. */
public record Timeouts(Duration databaseWait, Duration lock, Duration stopPods) {}
