package io.chartreuse.engine.alembic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The revision graph read from the scripts, in Java, so that inspecting needs no Python. Heads, the
 * pending set and its order follow Alembic's RevisionMap: revisions in the order they were loaded,
 * {@code depends_on} counted as ancestry when upgrading but not when deciding which rows {@code
 * alembic_version} keeps.
 */
final class RevisionGraph {
  private final Map<String, Revision> revisions = new LinkedHashMap<>();
  private final Map<String, Integer> loadOrder = new LinkedHashMap<>();

  RevisionGraph(Collection<Revision> all) {
    all.forEach(revision -> revisions.putIfAbsent(revision.id(), revision));
    revisions.keySet().forEach(id -> loadOrder.put(id, loadOrder.size()));
  }

  boolean contains(String id) {
    return revisions.containsKey(id);
  }

  Optional<Revision> get(String id) {
    return Optional.ofNullable(revisions.get(id));
  }

  Collection<Revision> all() {
    return revisions.values();
  }

  /**
   * Revisions that no other revision follows, in load order (as {@code alembic heads} lists them).
   */
  List<String> heads() {
    Set<String> followed = new HashSet<>();
    revisions.values().forEach(r -> followed.addAll(r.downRevisions()));
    return revisions.keySet().stream().filter(id -> !followed.contains(id)).toList();
  }

  /**
   * Pairs of rows where one is an ancestor of the other on its branch: a state Alembic never
   * writes.
   */
  List<List<String>> rowsOnOneBranch(List<String> rows) {
    List<List<String>> overlaps = new ArrayList<>();
    for (String row : rows) {
      Set<String> ancestors = ancestors(List.of(row), Revision::downRevisions);
      ancestors.remove(row);
      rows.stream().filter(ancestors::contains).forEach(older -> overlaps.add(List.of(older, row)));
    }
    return overlaps;
  }

  /**
   * What {@code alembic upgrade heads} runs from {@code current}, in the order it runs it: the
   * ancestry of the heads (with dependencies) not in the ancestry of the current rows, ordered by
   * Alembic's topological sort (walk down from the heads in load order, yielding to another head
   * that still needs a revision), reversed.
   */
  List<Revision> pending(Collection<String> current) {
    Set<String> todo = ancestors(heads(), this::allDown);
    todo.removeAll(ancestors(current, this::allDown));
    List<String> walk = new ArrayList<>(heads().stream().filter(todo::contains).toList());
    List<Set<String>> ancestorsByHead = new ArrayList<>();
    walk.forEach(head -> ancestorsByHead.add(ancestors(List.of(head), this::allDown)));
    List<Revision> output = new ArrayList<>();
    int index = 0;
    while (!walk.isEmpty()) {
      String candidate = walk.get(index);
      int other = otherHeadNeeding(candidate, index, ancestorsByHead);
      if (other >= 0) {
        index = other;
        continue;
      }
      if (todo.remove(candidate)) {
        output.add(revisions.get(candidate));
      }
      List<String> next = new ArrayList<>();
      for (String down : normalisedDown(revisions.get(candidate))) {
        if (todo.contains(down) && !walk.contains(down)) {
          next.add(down);
        }
      }
      if (next.isEmpty()) {
        walk.remove(index);
        ancestorsByHead.remove(index);
        index = Math.max(index - 1, 0);
      } else if (next.size() == 1
          && revisions.get(candidate).dependsOn().isEmpty()
          && revisions.get(candidate).downRevisions().size() == 1) {
        // Plain movement down a line: the ancestry shrinks by the revision just emitted (as Alembic
        // does).
        walk.set(index, next.get(0));
        ancestorsByHead.get(index).remove(candidate);
      } else {
        walk.set(index, next.get(0));
        ancestorsByHead.set(index, ancestors(List.of(next.get(0)), this::allDown));
        for (String more : next.subList(1, next.size())) {
          walk.add(more);
          ancestorsByHead.add(ancestors(List.of(more), this::allDown));
        }
      }
    }
    Collections.reverse(output);
    return output;
  }

  private static int otherHeadNeeding(
      String candidate, int index, List<Set<String>> ancestorsByHead) {
    for (int i = 0; i < ancestorsByHead.size(); i++) {
      if (i != index && ancestorsByHead.get(i).contains(candidate)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Down revisions, then the dependencies that are not already ancestors through them (Alembic's
   * normalised order).
   */
  private List<String> normalisedDown(Revision revision) {
    if (revision.dependsOn().isEmpty()) {
      return revision.downRevisions();
    }
    Set<String> reached = ancestors(revision.downRevisions(), this::allDown);
    Set<String> result = new LinkedHashSet<>(revision.downRevisions());
    for (String dependency : revision.dependsOn()) {
      boolean implied =
          reached.contains(dependency)
              || revision.dependsOn().stream()
                  .filter(d -> !d.equals(dependency))
                  .anyMatch(d -> ancestors(List.of(d), this::allDown).contains(dependency));
      if (!implied) {
        result.add(dependency);
      }
    }
    return List.copyOf(result);
  }

  private List<String> allDown(Revision revision) {
    if (revision.dependsOn().isEmpty()) {
      return revision.downRevisions();
    }
    List<String> all = new ArrayList<>(revision.downRevisions());
    all.addAll(revision.dependsOn());
    return all;
  }

  /** {@code ids} and everything they descend from through {@code parents}. */
  Set<String> ancestors(Collection<String> ids, Function<Revision, List<String>> parents) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(ids);
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (seen.add(id) && revisions.containsKey(id)) {
        todo.addAll(parents.apply(revisions.get(id)));
      }
    }
    return seen;
  }

  /**
   * {@code ids} and their ancestors, following down revisions and dependencies (what an upgrade has
   * applied).
   */
  Set<String> applied(Collection<String> ids) {
    return ancestors(ids, this::allDown);
  }
}
