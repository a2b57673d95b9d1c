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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alembic for Python applications: the revision graph and {@code alembic_version} are read in Java
 * (inspect needs no Python); {@code upgrade head} runs as a subprocess. On PostgreSQL Alembic's default
 * env.py runs the whole upgrade in one transaction, which gives the same all-or-nothing behaviour.
 */
public final class AlembicEngine implements MigrationEngine {
  private static final String VERSION_TABLE = "alembic_version";
  private static final Pattern EXCEPTION = Pattern.compile("^[A-Za-z_][\\w.]*(Error|Exception|Failure)\\b.*:");
  private static final Pattern RUNNING = Pattern.compile("Running upgrade (\\S*) -> (\\S+)");

  private final ConnectionFactory connections;
  private final AlembicSettings settings;
  private final Log log;

  public AlembicEngine(ConnectionFactory connections, AlembicSettings settings, Log log) {
    this.connections = connections;
    this.settings = settings;
    this.log = log;
  }

  @Override
  public Inspection inspect() {
    RevisionGraph graph = RevisionScripts.read(settings.directory(), settings.configFile(), settings.section().orElse("alembic"));
    List<String> heads = graph.heads();
    List<String> current;
    boolean empty;
    try (Connection connection = connections.open(Duration.ofSeconds(10))) {
      current = currentRevisions(connection);
      empty = !SchemaTables.hasTablesBesides(connection, Optional.empty(), VERSION_TABLE);
    } catch (SQLException e) {
      throw ChartreuseException.failed("cannot read alembic_version on " + connections.url().display() + ": " + e.getMessage());
    }
    List<HistoryProblem> problems = new ArrayList<>();
    for (String revision : current) {
      if (!graph.contains(revision)) {
        problems.add(new HistoryProblem("unknown-revision", revision, "", "in alembic_version but not in the scripts"));
      }
    }
    if (heads.size() > 1) {
      problems.add(new HistoryProblem("several-heads", String.join(",", heads), "", "the scripts have several heads; merge them"));
    }
    if (current.size() > 1 && heads.size() == 1) {
      problems.add(new HistoryProblem(
          "several-current-revisions", String.join(",", current), "", "alembic_version holds several rows where one head is expected"));
    }
    List<PendingMigration> pending = new ArrayList<>();
    for (Revision revision : graph.pending(current, heads)) {
      pending.add(new PendingMigration(revision.id(), revision.description(), revision.file(), true));
    }
    return new Inspection(
        current.isEmpty() ? Optional.empty() : Optional.of(String.join(",", current)),
        heads.isEmpty() ? Optional.empty() : Optional.of(String.join(",", heads)),
        pending,
        problems,
        empty);
  }

  private static List<String> currentRevisions(Connection connection) throws SQLException {
    List<String> revisions = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      ResultSet exists = statement.executeQuery("SELECT to_regclass('" + VERSION_TABLE + "') IS NOT NULL");
      exists.next();
      if (!exists.getBoolean(1)) {
        return revisions;
      }
      try (ResultSet rows = statement.executeQuery("SELECT version_num FROM " + VERSION_TABLE + " ORDER BY version_num")) {
        while (rows.next()) {
          revisions.add(rows.getString(1));
        }
      }
    }
    return revisions;
  }

  @Override
  public MigrationResult migrate(Inspection before) {
    Instant start = Instant.now();
    AlembicProcess.Result result = new AlembicProcess(settings, log).run(connections.url().sqlalchemyUrl(), List.of("upgrade", "head"));
    List<String> ran = new ArrayList<>();
    for (String line : result.output()) {
      Matcher running = RUNNING.matcher(line);
      if (running.find()) {
        ran.add(running.group(2).replaceAll(",$", ""));
      }
    }
    if (result.exitCode() != 0) {
      String failing = ran.isEmpty() ? before.pending().get(0).version() : ran.get(ran.size() - 1);
      throw new MigrationFailedException(failing, lastMeaningfulLine(result.output()) + " (alembic exit " + result.exitCode() + ")", List.of());
    }
    return new MigrationResult(before.pending().stream().map(PendingMigration::version).toList(), List.of(), Duration.between(start, Instant.now()));
  }

  /** Python's final exception line ("sqlalchemy.exc.ProgrammingError: …"), else the last line with words. */
  private static String lastMeaningfulLine(List<String> output) {
    for (int i = output.size() - 1; i >= 0; i--) {
      if (EXCEPTION.matcher(output.get(i)).find()) {
        return output.get(i).strip();
      }
    }
    for (int i = output.size() - 1; i >= 0; i--) {
      String line = output.get(i).strip();
      if (line.matches(".*\\w.*") && !line.startsWith("[SQL:") && !line.startsWith("(Background on this error")) {
        return line;
      }
    }
    return "no output";
  }
}
