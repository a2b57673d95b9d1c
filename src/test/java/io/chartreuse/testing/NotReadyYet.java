package io.chartreuse.testing;

/**
 * Thrown while a container cannot be created yet (a missing ConfigMap/Secret): the fake kubelet
 * retries.
 */
final class NotReadyYet extends Exception {
  private final String reason;

  NotReadyYet(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The waiting reason a kubelet reports, e.g. {@code ContainerCreating}. */
  String reason() {
    return reason;
  }
}
