package io.chartreuse.bench;

import io.chartreuse.compat.Classifier;
import io.chartreuse.compat.Finding;
import io.chartreuse.compat.MigrationVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The classifier over a real migration history (every {@code up.sql} or {@code V*.sql} under a
 * directory): verdicts per migration, what the statements judged were, and how long it took. A
 * history that breaks the split or the lexer shows here as an exception or as statements of
 * unexpected kinds. Not a test: {@code bench/classifier-on-history <directory>} runs it.
 */
public final class ClassifierOnHistory {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    List<Path> scripts;
    try (Stream<Path> files = Files.walk(root)) {
      scripts =
          files
              .filter(
                  p ->
                      p.getFileName().toString().equals("up.sql")
                          || p.getFileName().toString().matches("V.*\\.sql"))
              .sorted()
              .toList();
    }
    Map<String, Integer> verdicts = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int statements = 0;
    long started = System.nanoTime();
    for (Path script : scripts) {
      String name = root.relativize(script).toString();
      MigrationVerdict verdict = Classifier.sqlMigration(name, name, Files.readString(script));
      verdicts.merge(
          verdict.verdict()
              + (verdict.findings().stream().anyMatch(f -> f.lockRisk().isPresent())
                  ? " + lock risk"
                  : ""),
          1,
          Integer::sum);
      for (Finding finding : verdict.findings()) {
        statements++;
        kinds.merge(
            finding.verdict()
                + " | "
                + finding.what().replaceAll("^((?:[A-Z]+ ){1,3}).*", "$1").strip(),
            1,
            Integer::sum);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%d migrations, %d findings, %.2f s (%.1f ms per migration, first-call warm-up included)%n%n",
            scripts.size(), statements, seconds, seconds * 1000 / Math.max(1, scripts.size())));
    out.append("| migration verdict | migrations |\n|---|---:|\n");
    verdicts.forEach((v, n) -> out.append("| ").append(v).append(" | ").append(n).append(" |\n"));
    out.append("\n| finding | statement kind | count |\n|---|---|---:|\n");
    kinds.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(
            e ->
                out.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(e.getValue())
                    .append(" |\n"));
    System.out.print(out);
    if (args.length > 1) {
      Files.writeString(
          Path.of(args[1]),
          scripts.stream()
                  .map(
                      script -> {
                        try {
                          String name = root.relativize(script).toString();
                          return Classifier.sqlMigration(name, name, Files.readString(script))
                              .reasons()
                              .stream()
                              .collect(Collectors.joining("\n"));
                        } catch (java.io.IOException e) {
                          throw new java.io.UncheckedIOException(e);
                        }
                      })
                  .filter(s -> !s.isEmpty())
                  .collect(Collectors.joining("\n"))
              + "\n");
    }
  }
}
