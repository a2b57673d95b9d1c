package io.chartreuse.cli;

import io.chartreuse.check.Check;
import io.chartreuse.check.CheckOptions;
import io.chartreuse.check.CheckReport;
import io.chartreuse.check.CheckText;
import io.chartreuse.check.GithubOutput;
import io.chartreuse.config.AlembicSettings;
import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.DatabaseUrl;
import io.chartreuse.config.EngineKind;
import io.chartreuse.config.Env;
import io.chartreuse.config.FlywaySettings;
import io.chartreuse.config.Variables;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Log;
import io.chartreuse.report.StructuredOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chartreuse check}: parsing and wiring only; the check itself is {@link Check}. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "The CI gate without a cluster: pending migrations, history drift and live-schema drift of one database; read-only.")
final class CheckCommand implements Callable<Integer> {
  enum Format {
    table,
    json
  }

  enum Finding {
    pending,
    drift
  }

  private final CliContext context;

  @Option(
      names = "--url",
      required = true,
      description =
          "The database: jdbc:postgresql://… or postgresql://…; the password from CHARTREUSE_DATABASE_PASSWORD.")
  String url;

  @Option(names = "--user", description = "The database user, when not in the URL.")
  String user;

  @Option(
      names = "--migrations",
      required = true,
      description =
          "The migrations directory (Flyway SQL files, or an Alembic project with alembic.ini).")
  Path migrations;

  @Option(
      names = "--engine",
      description = "flyway or alembic (default: alembic when the directory holds alembic.ini).")
  EngineKind engine;

  @Option(
      names = "--shadow-url",
      description =
          "An empty scratch database: the applied migrations are replayed there and compared with the live schema.")
  String shadowUrl;

  @Option(
      names = {"-o", "--output"},
      description = "${COMPLETION-CANDIDATES} (default: table).")
  Format output = Format.table;

  @Option(
      names = "--fail-on",
      split = ",",
      description = "Findings that fail the check: ${COMPLETION-CANDIDATES} (default: both).")
  List<Finding> failOn = List.of(Finding.pending, Finding.drift);

  @Option(
      names = "--allow-pending",
      description = "Pending migrations do not fail the check (exit 0 instead of 3).")
  boolean allowPending;

  @Mixin LogOptions logOptions;

  CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Env env = context.env();
    env.get(Variables.DATABASE_PASSWORD).ifPresent(context.redactor()::register);
    context.redactor().register(url);
    Optional.ofNullable(shadowUrl).ifPresent(context.redactor()::register);
    Log log = logOptions.create(env, context.err(), context.redactor());
    DatabaseUrl database = credentials(DatabaseUrl.parse(url, "--url"));
    context.redactor().register(database.password().value());
    Optional<DatabaseUrl> shadow =
        Optional.ofNullable(shadowUrl)
            .map(raw -> DatabaseUrl.parse(raw, "--shadow-url"))
            .map(parsed -> parsed.user() != null ? parsed : credentials(parsed));
    shadow.ifPresent(parsed -> context.redactor().register(parsed.password().value()));
    CheckOptions options =
        new CheckOptions(
            target(database),
            shadow,
            failOn.contains(Finding.pending) && !allowPending,
            failOn.contains(Finding.drift));
    CheckReport report = new Check(options, log).run();
    print(
        output == Format.json
            ? StructuredOutput.json(report) + "\n"
            : new CheckText().render(report));
    if ("true".equals(env.get("GITHUB_ACTIONS").orElse(""))) {
      new GithubOutput()
          .annotations(report, options.failOnPending())
          .forEach(line -> print(line + "\n"));
    }
    env.text("GITHUB_STEP_SUMMARY")
        .ifPresent(path -> appendSummary(Path.of(path), new GithubOutput().summary(report)));
    return report.exitCode();
  }

  private DatabaseUrl credentials(DatabaseUrl parsed) {
    Env env = context.env();
    return parsed.withCredentials(
        Optional.ofNullable(user),
        env.get(Variables.DATABASE_PASSWORD).filter(p -> !p.isEmpty()),
        "--user");
  }

  private DatabaseTarget target(DatabaseUrl database) {
    if (!Files.isDirectory(migrations)) {
      throw ChartreuseException.usage(
          "--migrations "
              + migrations
              + " is not a directory; give the directory of the migration files");
    }
    EngineKind kind =
        engine != null
            ? engine
            : Files.isRegularFile(migrations.resolve(AlembicSettings.DEFAULT_CONFIG_FILE))
                ? EngineKind.ALEMBIC
                : EngineKind.FLYWAY;
    if (kind == EngineKind.FLYWAY) {
      FlywaySettings flyway =
          new FlywaySettings(
              List.of("filesystem:" + migrations.toAbsolutePath()), Optional.empty());
      return new DatabaseTarget(
          "default", database, kind, Optional.of(flyway), Optional.empty(), true);
    }
    AlembicSettings alembic =
        new AlembicSettings(
            migrations,
            AlembicSettings.DEFAULT_CONFIG_FILE,
            Optional.empty(),
            List.of(),
            context.env().text(Variables.PYTHON).orElse("python3"));
    return new DatabaseTarget(
        "default", database, kind, Optional.empty(), Optional.of(alembic), true);
  }

  private void print(String text) {
    context.out().print(context.redactor().redact(text));
    context.out().flush();
  }

  private void appendSummary(Path file, String markdown) {
    try {
      Files.writeString(
          file,
          context.redactor().redact(markdown),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw ChartreuseException.failed(
          "cannot write the step summary to $GITHUB_STEP_SUMMARY: " + e.getMessage());
    }
  }
}
