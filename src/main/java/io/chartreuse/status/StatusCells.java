package io.chartreuse.status;

import io.chartreuse.terminal.Tone;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The status table's cells that say more than a value: what each means, and how much fits. */
final class StatusCells {
  private static final List<String> VERDICT_ORDER = List.of("breaking", "unknown", "compatible");
  static final Set<String> FAILED_RUNS = Set.of("failed", "timed-out", "usage-error", "drift");
  private static final int STRANDED_SHOWN = 1;

  private StatusCells() {}

  /** The newest run did not start: its Job's pod waits on something waiting does not fix. */
  static Optional<Cell> cannotStart(ReleaseStatus release) {
    return release.jobs().stream()
        .filter(job -> job.state().equals("cannot-start"))
        .findFirst()
        .map(job -> new Cell("cannot-start", Tone.PROBLEM));
  }

  static Cell hookCell(String phase) {
    return new Cell(
        phase,
        phase.equals("Failed") ? Tone.PROBLEM : phase.equals("Running") ? Tone.NOTICE : Tone.PLAIN);
  }

  static Cell helm(String status) {
    Tone tone =
        switch (status) {
          case "failed", "unreadable" -> Tone.PROBLEM;
          case "uninstalled" -> Tone.NOTICE;
          default -> status.startsWith("pending") ? Tone.NOTICE : Tone.PLAIN;
        };
    return new Cell(status, tone);
  }

  /** Names the first stranded Deployments, counts the rest: the table stays narrow. */
  static Cell stranded(List<String> deployments) {
    if (deployments.isEmpty()) {
      return Cell.plain("-");
    }
    String shown =
        String.join(",", deployments.subList(0, Math.min(STRANDED_SHOWN, deployments.size())));
    int more = deployments.size() - STRANDED_SHOWN;
    return new Cell(more > 0 ? shown + " +" + more : shown, Tone.ALARM);
  }

  /** The count, and how many of them stop the application ("3 (1 breaking)"). */
  static Cell pending(StatusDocument.DatabaseEntry database) {
    int count = database.pending().size();
    if (count == 0) {
      return Cell.plain("0");
    }
    long stopping =
        database.verdicts().stream().filter(v -> !v.verdict().equals("compatible")).count();
    long breaking =
        database.verdicts().stream().filter(v -> v.verdict().equals("breaking")).count();
    String note =
        breaking > 0
            ? " (" + breaking + " breaking)"
            : stopping > 0 ? " (" + stopping + " unknown)" : "";
    return new Cell(count + note, Tone.NOTICE);
  }

  /**
   * The pending migrations' verdicts counted, the ones that stop the application first:
   * breaking:1,compatible:2; "-" when none was classified.
   */
  static String verdicts(StatusDocument.DatabaseEntry database) {
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
  static Cell drift(StatusDocument.DatabaseEntry database) {
    Stream<String> history = database.drift().stream().map(d -> d.kind() + ":" + d.version());
    Stream<String> schema = database.schemaDrift().stream().map(d -> "schema:" + d.count());
    String all = Stream.concat(history, schema).collect(Collectors.joining(","));
    return all.isEmpty() ? Cell.plain("-") : new Cell(all, Tone.PROBLEM);
  }
}
