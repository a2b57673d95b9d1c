package io.chartreuse.engine;

/**
 * A migration not yet applied. {@code transactional} is false for files PostgreSQL must run outside
 * a transaction.
 */
public record PendingMigration(
    String version, String description, String script, boolean transactional) {}
