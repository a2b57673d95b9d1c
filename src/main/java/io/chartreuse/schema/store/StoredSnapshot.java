package io.chartreuse.schema.store;

import io.chartreuse.schema.SchemaSnapshot;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot as stored after a run: when, at which migration version, by which chartreuse, and its
 * JSON's SHA-256.
 */
public record StoredSnapshot(
    Instant takenAt,
    Optional<String> migrationVersion,
    String chartreuseVersion,
    String sha256,
    int compressedBytes,
    SchemaSnapshot snapshot) {}
