package io.chartreuse.check;

import io.chartreuse.compat.PendingVerdicts;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.SessionDataSource;
import io.chartreuse.engine.Inspection;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import io.chartreuse.runner.EngineFactory;
import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.SnapshotOptions;
import io.chartreuse.schema.catalog.CatalogReader;
import io.chartreuse.schema.diff.SchemaDiff;
import io.chartreuse.schema.store.SnapshotStore;
import io.chartreuse.schema.store.StoredSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code chartreuse check}: the CI gate without a cluster. Read-only: it inspects the history,
 * snapshots the live schema and compares it with the stored snapshot (or with a replay into a
 * shadow database); it takes no lock and writes nothing to the checked database.
 */
public final class Check {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final CheckOptions options;
  private final Log log;
  private final CatalogReader reader = new CatalogReader(SnapshotOptions.allSchemas());

  public Check(CheckOptions options, Log log) {
    this.options = options;
    this.log = log;
  }

  public CheckReport run() {
    ConnectionFactory connections =
        new ConnectionFactory(options.target().url(), "chartreuse check");
    try (Connection connection = connect(connections)) {
      connection.setReadOnly(true);
      Inspection inspection =
          EngineFactory.create(
                  options.target(), connections, new SessionDataSource(connection), log)
              .inspect();
      SchemaSnapshot live = reader.read(connection);
      List<CheckReport.PendingVerdict> verdicts =
          PendingVerdicts.of(options.target(), inspection).stream()
              .map(CheckReport.PendingVerdict::of)
              .toList();
      String reference;
      List<io.chartreuse.schema.diff.Difference> drift;
      if (options.shadow().isPresent()) {
        ShadowReplay shadow = new ShadowReplay(options.shadow().get(), reader, log);
        SchemaSnapshot replayed =
            shadow.replay(options.target(), inspection.current(), CONNECT_TIMEOUT);
        reference = "the applied migrations replayed into " + options.shadow().get().display();
        drift = SchemaDiff.between(replayed, live).differences();
        if (!inspection.pending().isEmpty()) {
          verdicts =
              ShadowVerdicts.check(
                  verdicts,
                  shadow.applyPending(
                      options.target(), replayed, inspection.pending(), CONNECT_TIMEOUT));
        }
      } else {
        Optional<StoredSnapshot> latest = new SnapshotStore().latest(connection);
        Optional<StoredSnapshot> stored =
            latest.filter(s -> s.migrationVersion().equals(inspection.current()));
        reference =
            stored
                .map(
                    s ->
                        "the snapshot stored "
                            + s.takenAt()
                            + " after version "
                            + s.migrationVersion().orElse("<none>"))
                .orElse(
                    latest.isPresent()
                        ? "nothing: the stored snapshot belongs to version "
                            + latest.get().migrationVersion().orElse("<none>")
                            + ", not the current one (give --shadow-url to compare with a replay)"
                        : "nothing: no stored snapshot (give --shadow-url to compare with a replay)");
        drift =
            stored.map(s -> SchemaDiff.between(s.snapshot(), live).differences()).orElse(List.of());
      }
      boolean driftFound = !inspection.problems().isEmpty() || !drift.isEmpty();
      ExitCode exit = CheckReport.exitFor(!inspection.upToDate(), driftFound, options);
      return new CheckReport(
          connections.url().display(),
          options.target().engine().toString(),
          inspection.current(),
          inspection.head(),
          inspection.pending(),
          verdicts,
          inspection.problems(),
          reference,
          drift,
          exit.code());
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot read " + connections.url().display() + ": " + e.getMessage());
    } catch (IllegalStateException e) {
      throw ChartreuseException.failed(e.getMessage());
    }
  }

  /**
   * Wrong credentials are a usage error (fix the flags); anything else is an unreachable database.
   */
  private static Connection connect(ConnectionFactory connections) {
    try {
      return connections.open(CONNECT_TIMEOUT);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      if (state.startsWith("28")) {
        throw ChartreuseException.usage(
            "authentication failed on "
                + connections.url().display()
                + ": check --user and CHARTREUSE_DATABASE_PASSWORD");
      }
      throw new ChartreuseException(
          ExitCode.TIMEOUT,
          "cannot reach "
              + connections.url().display()
              + " within "
              + CONNECT_TIMEOUT.toSeconds()
              + " s: "
              + e.getMessage());
    }
  }
}
