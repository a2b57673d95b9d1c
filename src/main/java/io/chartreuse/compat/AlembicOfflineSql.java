package io.chartreuse.compat;

import io.chartreuse.config.AlembicSettings;
import io.chartreuse.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL Alembic's offline mode ({@code upgrade from:head --sql}) renders for a pending range, cut
 * per revision at its {@code -- Running upgrade a -> b} comments. Runs through the engine's
 * bootstrap, so the URL travels in the child's environment, never on its command line; nothing is
 * executed on the database.
 */
public final class AlembicOfflineSql {
  private static final String BOOTSTRAP = "/io/chartreuse/engine/alembic/run_alembic.py";
  private static final Pattern RUNNING =
      Pattern.compile("^-- Running upgrade (.*?) -> ([^,\\s]+).*$");
  private static final Duration LIMIT = Duration.ofSeconds(120);

  /** Per revision id, its SQL; or why nothing could be rendered. */
  public record Rendered(Map<String, String> sqlByRevision, String failure) {
    static Rendered failed(String why) {
      return new Rendered(Map.of(), why);
    }
  }

  private final AlembicSettings settings;

  public AlembicOfflineSql(AlembicSettings settings) {
    this.settings = settings;
  }

  /** {@code from}: the current revision, empty for a database Alembic has never migrated. */
  public Rendered render(Secret sqlalchemyUrl, java.util.Optional<String> from) {
    List<String> arguments =
        new ArrayList<>(List.of(settings.python(), "-c", bootstrap(), "-c", settings.configFile()));
    settings.section().ifPresent(section -> arguments.addAll(List.of("-n", section)));
    arguments.addAll(settings.additionalArguments());
    arguments.addAll(List.of("upgrade", "--sql", from.map(f -> f + ":head").orElse("head")));
    try {
      Path errors = Files.createTempFile("chartreuse-alembic-offline", ".log");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(arguments)
                .directory(settings.directory().toFile())
                .redirectError(errors.toFile());
        builder.environment().put("CHARTREUSE_SQLALCHEMY_URL", sqlalchemyUrl.value());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return Rendered.failed(
              "alembic upgrade --sql did not finish within " + LIMIT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
          return Rendered.failed(
              "alembic upgrade --sql failed (exit "
                  + process.exitValue()
                  + "): "
                  + lastLine(errors));
        }
        return new Rendered(perRevision(new String(output, StandardCharsets.UTF_8)), "");
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      return Rendered.failed(
          "cannot run " + settings.python() + " for alembic upgrade --sql: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Rendered.failed("interrupted while rendering alembic upgrade --sql");
    }
  }

  static Map<String, String> perRevision(String sql) {
    Map<String, StringBuilder> chunks = new LinkedHashMap<>();
    StringBuilder current = null;
    for (String line : sql.split("\n", -1)) {
      Matcher running = RUNNING.matcher(line);
      if (running.matches()) {
        current = chunks.computeIfAbsent(running.group(2), k -> new StringBuilder());
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    Map<String, String> result = new LinkedHashMap<>();
    chunks.forEach((revision, text) -> result.put(revision, text.toString()));
    return result;
  }

  private static String lastLine(Path errors) throws IOException {
    List<String> lines =
        Files.readAllLines(errors, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
  }

  private static String bootstrap() {
    try (InputStream in = AlembicOfflineSql.class.getResourceAsStream(BOOTSTRAP)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(BOOTSTRAP + " is missing from the jar", e);
    }
  }
}
