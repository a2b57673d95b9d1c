package io.chartreuse.engine.alembic;

import io.chartreuse.config.AlembicSettings;
import io.chartreuse.db.ConnectionFactory;
import io.chartreuse.db.SchemaTables;
import io.chartreuse.engine.HistoryProblem;
import io.chartreuse.engine.Inspection;
import io.chartreuse.engine.MigrationEngine;
import io.chartreuse.engine.MigrationFailedException;
import io.chartreuse.engine.MigrationResult;
import io.chartreuse.engine.PendingMigration;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Log;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Alembic for Python applications: the revision graph and {@code alembic_version} are read in Java
 * (inspect needs no Python); {@code upgrade heads} runs as a subprocess through Alembic's
 * documented API. What a run applied is read back from {@code alembic_version}, not taken from
 * Alembic's exit code.
 */
public final class AlembicEngine implements MigrationEngine {
  private final ConnectionFactory connections;
  private final DataSource session;
  private final AlembicSettings settings;
  private final Log log;
  private RevisionGraph graph;

  /**
   * {@code session}: the run's locked session, lent for reading (a new connection costs a TCP and
   * SCRAM handshake).
   */
  public AlembicEngine(
      ConnectionFactory connections, DataSource session, AlembicSettings settings, Log log) {
    this.connections = connections;
    this.session = session;
    this.settings = settings;
    this.log = log;
  }

  @Override
  public Inspection inspect() {
    AlembicArguments arguments = AlembicArguments.of(settings);
    graph = RevisionScripts.read(settings.directory(), settings.configFile(), arguments.section());
    List<String> rows;
    boolean empty;
    try (Connection connection = session.getConnection()) {
      rows = ordered(VersionTable.rows(connection));
      empty = !SchemaTables.hasTablesBesides(connection, Optional.empty(), VersionTable.NAME);
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot read alembic_version on " + connections.url().display() + ": " + e.getMessage());
    }
    List<HistoryProblem> problems = new ArrayList<>();
    for (String row : rows) {
      if (!graph.contains(row)) {
        problems.add(
            new HistoryProblem(
                "unknown-revision", row, "", "in alembic_version but not in the scripts"));
      }
    }
    for (List<String> pair : graph.rowsOnOneBranch(rows)) {
      problems.add(
          new HistoryProblem(
              "several-current-revisions",
              String.join(",", pair),
              "",
              "alembic_version holds " + pair.get(1) + " and its ancestor " + pair.get(0)));
    }
    List<PendingMigration> pending = new ArrayList<>();
    for (Revision revision : graph.pending(rows)) {
      pending.add(
          new PendingMigration(
              revision.id(),
              revision.description(),
              revision.file().getFileName().toString(),
              revision.transactional()));
    }
    List<String> heads = graph.heads();
    return new Inspection(
        rows.isEmpty() ? Optional.empty() : Optional.of(String.join(",", rows)),
        heads.isEmpty() ? Optional.empty() : Optional.of(String.join(",", heads)),
        pending,
        problems,
        empty);
  }

  /**
   * Rows in the scripts' load order (unknown ones last), so that a several-branch state reads the
   * same every time.
   */
  private List<String> ordered(List<String> rows) {
    List<String> known =
        new ArrayList<>(graph.all().stream().map(Revision::id).filter(rows::contains).toList());
    rows.stream().filter(row -> !graph.contains(row)).forEach(known::add);
    return known;
  }

  @Override
  public MigrationResult migrate(Inspection before) {
    Instant start = Instant.now();
    if (graph == null) {
      inspect();
    }
    AlembicArguments arguments = AlembicArguments.of(settings);
    AlembicProcess.Result result =
        new AlembicProcess(settings, log)
            .run(connections.url().sqlalchemyUrl(), arguments.upgrade("heads"));
    UpgradeOutput output = UpgradeOutput.read(result.output(), revisionsByFile());
    List<String> applied = appliedSince(before);
    List<String> nonTransactional =
        before.pending().stream()
            .filter(
                p ->
                    !p.transactional()
                        && (output.started().contains(p.version())
                            || applied.contains(p.version())))
            .map(PendingMigration::version)
            .toList();
    if (result.exitCode() != 0) {
      throw failure(output, result.exitCode(), applied);
    }
    return new MigrationResult(applied, nonTransactional, Duration.between(start, Instant.now()));
  }

  /**
   * {@code upgrade <revision>} for each row the other database's {@code alembic_version} holds
   * (several on a several-branch history), one Alembic process each.
   */
  @Override
  public void replayTo(Optional<String> current) {
    AlembicArguments arguments = AlembicArguments.of(settings);
    if (graph == null) {
      graph =
          RevisionScripts.read(settings.directory(), settings.configFile(), arguments.section());
    }
    for (String revision : current.map(rows -> List.of(rows.split(","))).orElse(List.of())) {
      AlembicProcess.Result result =
          new AlembicProcess(settings, log)
              .run(connections.url().sqlalchemyUrl(), arguments.upgrade(revision));
      if (result.exitCode() != 0) {
        throw ChartreuseException.failed(
            "alembic upgrade "
                + revision
                + " failed on "
                + connections.url().display()
                + ": "
                + UpgradeOutput.read(result.output(), revisionsByFile()).error());
      }
    }
  }

  private static MigrationFailedException failure(
      UpgradeOutput output, int exitCode, List<String> applied) {
    if (output.setupFailure().isPresent()) {
      return MigrationFailedException.beforeAnyMigration(
          "Alembic could not start, no revision ran: " + output.setupFailure().get());
    }
    String error = output.error() + " (alembic exit " + exitCode + ")";
    Optional<String> failed = output.failedRevision(applied);
    if (failed.isPresent()) {
      return new MigrationFailedException(failed.get(), error, applied);
    }
    String where =
        output.started().isEmpty()
            ? "before any revision ran (in env.py or its configuration)"
            : "outside its revisions (in env.py or its configuration) after starting "
                + String.join(", ", output.started());
    return MigrationFailedException.beforeAnyMigration(
        "Alembic failed " + where + ": " + error, applied);
  }

  /**
   * The pending revisions of {@code before} that alembic_version now records as reached, in run
   * order.
   */
  private List<String> appliedSince(Inspection before) {
    try (Connection connection = session.getConnection()) {
      Set<String> reached = graph.applied(VersionTable.rows(connection));
      return before.pending().stream()
          .map(PendingMigration::version)
          .filter(reached::contains)
          .toList();
    } catch (SQLException e) {
      throw ChartreuseException.failed(
          "cannot read alembic_version on "
              + connections.url().display()
              + " after the upgrade: "
              + e.getMessage());
    }
  }

  private Map<Path, String> revisionsByFile() {
    Map<Path, String> byFile = new HashMap<>();
    graph.all().forEach(revision -> byFile.put(revision.file(), revision.id()));
    return byFile;
  }
}
