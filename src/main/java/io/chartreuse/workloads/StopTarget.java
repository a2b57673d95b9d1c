package io.chartreuse.workloads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * One Deployment a run stops: its name, the replicas to bring back (an ExpectedDeploymentScale's
 * expectedScale, or the replicas it had, recorded in its stop mark), and its stop priority.
 */
public record StopTarget(String deploymentName, int replicas, int priority) {
  /** Priority groups, highest priority first (the stop order); each group in name order. */
  static List<List<StopTarget>> byPriorityDescending(Collection<StopTarget> targets) {
    TreeMap<Integer, List<StopTarget>> groups = new TreeMap<>(Comparator.reverseOrder());
    for (StopTarget target : targets) {
      groups.computeIfAbsent(target.priority(), p -> new ArrayList<>()).add(target);
    }
    groups.values().forEach(group -> group.sort(Comparator.comparing(StopTarget::deploymentName)));
    return new ArrayList<>(groups.values());
  }
}
