package io.chartreuse.engine.alembic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The revision graph read from the scripts, in Java, so that inspecting needs no Python. */
final class RevisionGraph {
  private final Map<String, Revision> revisions = new LinkedHashMap<>();

  RevisionGraph(Collection<Revision> all) {
    all.forEach(revision -> revisions.put(revision.id(), revision));
  }

  boolean contains(String id) {
    return revisions.containsKey(id);
  }

  Revision get(String id) {
    return revisions.get(id);
  }

  /** Revisions that no other revision follows. */
  List<String> heads() {
    Set<String> followed = new HashSet<>();
    revisions.values().forEach(r -> followed.addAll(r.downRevisions()));
    return revisions.keySet().stream().filter(id -> !followed.contains(id)).sorted().toList();
  }

  /** {@code ids} and everything they descend from. */
  Set<String> ancestryOf(Collection<String> ids) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(ids);
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (seen.add(id) && revisions.containsKey(id)) {
        todo.addAll(revisions.get(id).downRevisions());
      }
    }
    return seen;
  }

  /** Revisions between {@code current} (applied) and {@code heads}, bases first: what upgrade head would run. */
  List<Revision> pending(Collection<String> current, Collection<String> heads) {
    Set<String> applied = ancestryOf(current);
    List<Revision> order = new ArrayList<>();
    Set<String> placed = new HashSet<>(applied);
    Set<String> needed = ancestryOf(heads);
    needed.removeAll(applied);
    // Kahn-style: place a revision once all the revisions it follows are placed.
    boolean progress = true;
    while (progress && order.size() < needed.size()) {
      progress = false;
      for (String id : revisions.keySet().stream().sorted().toList()) {
        if (needed.contains(id) && !placed.contains(id) && placed.containsAll(revisions.get(id).downRevisions())) {
          order.add(revisions.get(id));
          placed.add(id);
          progress = true;
        }
      }
    }
    return order;
  }
}
