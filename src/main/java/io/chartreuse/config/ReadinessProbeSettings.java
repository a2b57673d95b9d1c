package io.chartreuse.config;

import java.time.Duration;

/**
 * The original's Patroni wait, generalised: before migrating, prove that the owner role can create a
 * table that the writer role can insert into and the reader role can read (default privileges set).
 */
public record ReadinessProbeSettings(
    boolean enabled, String ownerRole, String writerRole, String readerRole, Duration timeout) {}
