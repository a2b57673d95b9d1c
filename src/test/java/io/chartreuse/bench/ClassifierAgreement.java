package io.chartreuse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.compat.Classifier;
import io.chartreuse.compat.MigrationVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The classifier beside squawk (what users already run on migrations) on {@link ClassifierCorpus}:
 * one file per statement, squawk's JSON report and the classifier's verdict side by side. Squawk's
 * style rules (robustness, column types, timeouts) say nothing about running code or locks and are
 * left out. Not a test: {@code bench/classifier-vs-squawk} runs it. Arguments: the squawk
 * executable and an output directory.
 */
public final class ClassifierAgreement {
  static final Set<String> STYLE_RULES =
      Set.of(
          "prefer-robust-stmts",
          "prefer-bigint-over-int",
          "prefer-bigint-over-smallint",
          "prefer-big-int",
          "prefer-identity",
          "prefer-text-field",
          "prefer-timestamptz",
          "ban-char-field",
          "require-lock-timeout",
          "require-statement-timeout",
          "require-timeout-settings",
          "transaction-nesting",
          "ban-uncommitted-transaction");

  public static void main(String[] args) throws Exception {
    String squawk = args[0];
    Path out = Path.of(args[1]);
    Path corpus = out.resolve("classifier-corpus");
    Files.createDirectories(corpus);
    List<ClassifierCorpus.Entry> entries = ClassifierCorpus.entries();
    List<String> files = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Path file = corpus.resolve(String.format("%03d.sql", i));
      Files.writeString(file, entries.get(i).sql() + "\n");
      files.add(file.toString());
    }
    Map<String, Set<String>> rules = squawkRules(squawk, files);
    Map<String, Map<String, Integer>> table = new TreeMap<>();
    Map<String, Set<String>> perTemplate = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      ClassifierCorpus.Entry entry = entries.get(i);
      MigrationVerdict verdict = Classifier.sqlMigration("1", "x.sql", entry.sql());
      boolean risk = verdict.findings().stream().anyMatch(f -> f.lockRisk().isPresent());
      String ours = verdict.verdict() + (risk ? " + lock risk" : "");
      Set<String> fired = rules.getOrDefault(files.get(i), Set.of());
      String theirs = fired.isEmpty() ? "squawk silent" : "squawk warns";
      table.computeIfAbsent(ours, k -> new TreeMap<>()).merge(theirs, 1, Integer::sum);
      perTemplate
          .computeIfAbsent(entry.template().replace("\n", " "), k -> new TreeSet<>())
          .add(ours + " | " + (fired.isEmpty() ? "—" : String.join(", ", fired)));
    }
    StringBuilder md =
        new StringBuilder(
            "| chartreuse \\ squawk | squawk silent | squawk warns |\n|---|---:|---:|\n");
    table.forEach(
        (ours, counts) ->
            md.append("| ")
                .append(ours)
                .append(" | ")
                .append(counts.getOrDefault("squawk silent", 0))
                .append(" | ")
                .append(counts.getOrDefault("squawk warns", 0))
                .append(" |\n"));
    md.append(
        "\n| statement | chartreuse | squawk rules (style rules left out) |\n|---|---|---|\n");
    // One row per statement when its four ways of writing agree (both tools), else one row per
    // distinct answer.
    perTemplate.forEach(
        (template, cells) ->
            cells.forEach(
                cell ->
                    md.append("| `")
                        .append(template.replace("|", "\\|"))
                        .append("` | ")
                        .append(cell)
                        .append(" |\n")));
    md.append("\n")
        .append(entries.size())
        .append(" files, ")
        .append(ClassifierCorpus.TEMPLATES.size())
        .append(" statements × 4 ways of writing them\n");
    Files.writeString(out.resolve("classifier-vs-squawk.md"), md.toString());
    System.out.print(md);
  }

  /** Per file, the non-style squawk rules that fired. */
  private static Map<String, Set<String>> squawkRules(String squawk, List<String> files)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(squawk, "--reporter", "json"));
    command.addAll(files);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    Map<String, Set<String>> rules = new LinkedHashMap<>();
    for (JsonNode violation : new ObjectMapper().readTree(json)) {
      String rule = violation.path("rule_name").asText();
      if (!STYLE_RULES.contains(rule)) {
        rules.computeIfAbsent(violation.path("file").asText(), k -> new TreeSet<>()).add(rule);
      }
    }
    return rules;
  }
}
