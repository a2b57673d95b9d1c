package io.chartreuse.engine;

import java.util.List;
import java.util.Optional;

/**
 * The state of one database against its migrations: the current and head revisions (empty when
 * none), what is pending, history problems (drift), and whether the database holds no table of its
 * own.
 */
public record Inspection(
    Optional<String> current,
    Optional<String> head,
    List<PendingMigration> pending,
    List<HistoryProblem> problems,
    boolean empty) {

  public Inspection {
    pending = List.copyOf(pending);
    problems = List.copyOf(problems);
  }

  public boolean upToDate() {
    return pending.isEmpty();
  }
}
