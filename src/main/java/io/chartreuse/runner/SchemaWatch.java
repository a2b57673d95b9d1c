package io.chartreuse.runner;

import io.chartreuse.config.SchemaDriftSettings;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Log;
import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.SnapshotOptions;
import io.chartreuse.schema.catalog.CatalogReader;
import io.chartreuse.schema.diff.BreakingChanges;
import io.chartreuse.schema.diff.Difference;
import io.chartreuse.schema.diff.SchemaDiff;
import io.chartreuse.schema.store.SnapshotStore;
import io.chartreuse.schema.store.StoredSnapshot;
import io.chartreuse.version.RunnerVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One database's live schema through a run: snapshotted before migrating and compared with the
 * snapshot stored after the last successful run (live drift), compared again after a failure (did
 * the schema move?), and stored once the run has reached head.
 */
final class SchemaWatch {
  /** Findings logged one per line; the rest are counted (the full list is in the report). */
  private static final int LOGGED = 20;

  private final String database;
  private final CatalogReader reader;
  private final SnapshotStore store = new SnapshotStore();
  private final Log log;
  private SchemaSnapshot before;
  private Optional<StoredSnapshot> stored = Optional.empty();
  private SchemaDiff drift = new SchemaDiff(List.of());

  SchemaWatch(String database, SchemaDriftSettings settings, Log log) {
    this.database = database;
    this.reader =
        new CatalogReader(new SnapshotOptions(settings.schemas(), SnapshotOptions.TOOL_TABLES));
    this.log = log;
  }

  /**
   * Snapshots the live schema and compares it with the stored snapshot, if there is one for the
   * database's current version: a snapshot of another version (the database was migrated without
   * chartreuse since) says nothing about drift. With {@code nonTransactionalPending}, index
   * differences are not counted: a run killed during a pending {@code CREATE/DROP INDEX
   * CONCURRENTLY} leaves exactly those, and the migration's own recovery
   * (engine.flyway.InterruptedIndexes) decides whether each is done, rebuilt, or a conflict that
   * stops the run saying what to do.
   */
  void inspect(
      Connection session, Optional<String> currentVersion, boolean nonTransactionalPending) {
    try {
      before = reader.read(session);
      stored = store.latest(session);
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          database + ": cannot read the schema from the catalogs: " + e.getMessage());
    } catch (IllegalStateException e) {
      log.warn(database + ": " + e.getMessage() + "; live drift not checked");
      stored = Optional.empty();
      return;
    }
    if (stored.isEmpty()) {
      log.info(
          database
              + ": no stored schema snapshot yet (first run, or migrated before chartreuse): live drift not"
              + " checked; one is stored when the run reaches head");
      return;
    }
    if (!stored.get().migrationVersion().equals(currentVersion)) {
      log.info(
          database
              + ": the stored schema snapshot belongs to version "
              + stored.get().migrationVersion().orElse("<none>")
              + " but the database is at "
              + currentVersion.orElse("<none>")
              + " (migrated without chartreuse since):"
              + " live drift not checked; a new snapshot is stored when the run reaches head");
      stored = Optional.empty();
      return;
    }
    drift = SchemaDiff.between(stored.get().snapshot(), before);
    if (nonTransactionalPending) {
      drift = leaveIndexesToRecovery(drift);
    }
    if (drift.isEmpty()) {
      log.info(
          database
              + ": live schema matches the snapshot stored after version "
              + stored.get().migrationVersion().orElse("<none>"));
      return;
    }
    List<String> lines = drift.lines();
    log.error(
        database
            + ": live schema drift: "
            + lines.size()
            + " difference(s) from the snapshot stored "
            + stored.get().takenAt()
            + " after version "
            + stored.get().migrationVersion().orElse("<none>"));
    lines.stream().limit(LOGGED).forEach(line -> log.error("  " + line));
    if (lines.size() > LOGGED) {
      log.error("  ... and " + (lines.size() - LOGGED) + " more (see the report)");
    }
  }

  private SchemaDiff leaveIndexesToRecovery(SchemaDiff found) {
    List<Difference> indexes =
        found.differences().stream().filter(d -> d.kind().equals("index")).toList();
    indexes.forEach(
        d ->
            log.warn(
                database
                    + ": "
                    + d.describe()
                    + " (not counted as drift: a pending migration runs outside a transaction and may"
                    + " have been interrupted here; its index recovery checks it)"));
    return new SchemaDiff(
        found.differences().stream().filter(d -> !d.kind().equals("index")).toList());
  }

  SchemaDiff drift() {
    return drift;
  }

  boolean hasStoredSnapshot() {
    return stored.isPresent();
  }

  /**
   * Whether the schema differs from the one snapshotted before migrating. When it cannot be read,
   * it is counted as changed: the failure policy then keeps the Deployments stopped, the safe side.
   */
  boolean changedSinceInspection(Connection session) {
    if (before == null) {
      return true;
    }
    try {
      SchemaDiff moved = SchemaDiff.between(before, reader.read(session));
      moved.lines().stream()
          .limit(LOGGED)
          .forEach(line -> log.warn(database + ": changed before the failure: " + line));
      return !moved.isEmpty();
    } catch (SQLException e) {
      log.warn(
          database
              + ": cannot read the schema after the failure ("
              + e.getMessage()
              + "); counting it as changed");
      return true;
    }
  }

  /**
   * The changes from the schema snapshotted before migrating to {@code after} that break code
   * written for the former (schema.diff.BreakingChanges); none when there was no snapshot before.
   */
  List<BreakingChanges.Change> breakingSinceInspection(SchemaSnapshot after) {
    return before == null ? List.of() : BreakingChanges.between(before, after);
  }

  /** Stores the live schema as the one this version of the migrations gives, and returns it. */
  SchemaSnapshot store(Connection session, Optional<String> version) {
    try {
      SchemaSnapshot snapshot = reader.read(session);
      StoredSnapshot saved = store.save(session, snapshot, version, RunnerVersion.current());
      log.info(
          database
              + ": schema snapshot stored ("
              + snapshot.tables().size()
              + " tables, "
              + saved.compressedBytes()
              + " bytes compressed, sha256 "
              + saved.sha256().substring(0, 12)
              + ")");
      return snapshot;
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          database
              + ": migrated, but the schema snapshot could not be stored in "
              + SnapshotStore.TABLE
              + ": "
              + e.getMessage());
    }
  }

  /**
   * Stores a snapshot when none exists yet or when drift was allowed (the drifted schema becomes
   * the reference).
   */
  void storeIfNeeded(Connection session, Optional<String> version) {
    if (stored.isEmpty() || !drift.isEmpty()) {
      store(session, version);
    }
  }
}
