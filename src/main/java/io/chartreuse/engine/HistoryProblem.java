package io.chartreuse.engine;

/**
 * History drift: an applied migration that no longer matches the files. {@code kind} is one of
 * checksum-mismatch, description-mismatch, applied-but-missing, failed, ignored, unknown-revision,
 * several-heads, several-current-revisions.
 */
public record HistoryProblem(String kind, String version, String description, String detail) {}
