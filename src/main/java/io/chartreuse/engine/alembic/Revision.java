package io.chartreuse.engine.alembic;

import java.nio.file.Path;
import java.util.List;

/**
 * One Alembic revision script: its id, the revisions it follows (none for a base, several for a
 * merge), those it depends on ({@code depends_on}), its message as Alembic reads it, its file, and
 * whether it runs in the migration's transaction (false when it uses {@code autocommit_block()}).
 */
record Revision(
    String id,
    List<String> downRevisions,
    List<String> dependsOn,
    String description,
    Path file,
    boolean transactional) {
  Revision {
    downRevisions = List.copyOf(downRevisions);
    dependsOn = List.copyOf(dependsOn);
  }
}
