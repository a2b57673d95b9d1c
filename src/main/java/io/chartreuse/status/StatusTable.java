package io.chartreuse.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code chartreuse status} as a table: one row per database of each release (a release without a
 * record: one row).
 */
public final class StatusTable {
  private static final String[] HEADER = {
    "NAMESPACE",
    "RELEASE",
    "REV",
    "HELM",
    "CHART",
    "DATABASE",
    "ENGINE",
    "CURRENT",
    "HEAD",
    "PENDING",
    "VERDICTS",
    "DRIFT",
    "LAST RUN",
    "STRANDED"
  };

  private static final List<String> VERDICT_ORDER = List.of("breaking", "unknown", "compatible");

  public String render(List<ReleaseStatus> releases) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ReleaseStatus release : releases) {
      String stranded =
          release.strandedDeployments().isEmpty()
              ? "-"
              : String.join(",", release.strandedDeployments());
      boolean any = false;
      for (ReleaseStatus.Instance instance : release.instances()) {
        if (instance.problem().isPresent()) {
          rows.add(row(release, instance.statusConfigMap(), "unreadable record", stranded));
          any = true;
        }
        if (instance.record().isEmpty()) {
          continue;
        }
        StatusDocument record = instance.record().get();
        // Several chartreuse subcharts in one release: name the instance (its record minus
        // "-status").
        String prefix =
            release.instances().size() > 1
                ? instance.statusConfigMap().replaceFirst("-status$", "") + "/"
                : "";
        String lastRun =
            cannotStart(release)
                .orElse(
                    record.lastRun().outcome()
                        + " "
                        + record.lastRun().finishedAt().orElse(record.lastRun().startedAt()));
        for (StatusDocument.DatabaseEntry database : record.databases()) {
          rows.add(
              new String[] {
                release.namespace(),
                release.release(),
                String.valueOf(release.revision()),
                release.helmStatus(),
                release.chart(),
                prefix + database.name(),
                database.engine(),
                database.current().orElse("-"),
                database.head().orElse("-"),
                String.valueOf(database.pending().size()),
                verdicts(database),
                drift(database),
                lastRun,
                stranded
              });
          any = true;
        }
      }
      if (!any) {
        String hook =
            release.problem().isPresent()
                ? "-"
                : cannotStart(release)
                    .orElse(
                        release.migrationHooks().isEmpty()
                            ? "never"
                            : release.migrationHooks().get(0).phase());
        rows.add(row(release, "-", hook, stranded));
      }
    }
    return format(rows);
  }

  /** The newest run did not start: its Job's pod waits on something waiting does not fix. */
  private static Optional<String> cannotStart(ReleaseStatus release) {
    return release.jobs().stream()
        .filter(job -> job.state().equals("cannot-start"))
        .findFirst()
        .map(job -> "cannot-start (Job " + job.name() + ")");
  }

  /**
   * A row without a database: a release never migrated, unreadable, or with an unreadable record.
   */
  private static String[] row(
      ReleaseStatus release, String database, String lastRun, String stranded) {
    return new String[] {
      release.namespace(),
      release.release(),
      release.revision() < 0 ? "?" : String.valueOf(release.revision()),
      release.helmStatus(),
      release.chart(),
      database,
      "-",
      "-",
      "-",
      "-",
      "-",
      "-",
      lastRun,
      stranded
    };
  }

  private static String format(List<String[]> rows) {
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(
            i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /**
   * The pending migrations' verdicts counted, the ones that stop the application first:
   * breaking:1,compatible:2; "-" when none was classified.
   */
  private static String verdicts(StatusDocument.DatabaseEntry database) {
    Map<String, Long> counts =
        database.verdicts().stream()
            .collect(
                Collectors.groupingBy(
                    StatusDocument.VerdictEntry::verdict, TreeMap::new, Collectors.counting()));
    String all =
        VERDICT_ORDER.stream()
            .filter(counts::containsKey)
            .map(verdict -> verdict + ":" + counts.get(verdict))
            .collect(Collectors.joining(","));
    return all.isEmpty() ? "-" : all;
  }

  /** History drift as kind:version, live-schema drift as schema:count; "-" when neither. */
  private static String drift(StatusDocument.DatabaseEntry database) {
    java.util.stream.Stream<String> history =
        database.drift().stream().map(d -> d.kind() + ":" + d.version());
    java.util.stream.Stream<String> schema =
        database.schemaDrift().stream().map(d -> "schema:" + d.count());
    String all = java.util.stream.Stream.concat(history, schema).collect(Collectors.joining(","));
    return all.isEmpty() ? "-" : all;
  }
}
