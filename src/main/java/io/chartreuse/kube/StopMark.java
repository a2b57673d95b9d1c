package io.chartreuse.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The annotations a runner sets on every Deployment it stops: written by the runner's workloads,
 * read by {@code restore}, {@code status} and the upgrade preflight. It lives here, below both,
 * because it is the contract between them.
 */
public final class StopMark {
  /** Its value is the release whose runner stopped the Deployment. */
  public static final String ANNOTATION = "wiremind.io/stopped-by";

  /**
   * The replicas the Deployment had when it was marked, written with the mark: what {@code restore}
   * brings back when no ExpectedDeploymentScale names the Deployment.
   */
  public static final String REPLICAS = "wiremind.io/stopped-replicas";

  private StopMark() {}

  /** The release that stopped this object, if it carries the mark. */
  public static Optional<String> release(HasMetadata object) {
    return Optional.ofNullable(annotations(object).get(ANNOTATION));
  }

  public static boolean isStoppedBy(HasMetadata object, String release) {
    return release(object).filter(release::equals).isPresent();
  }

  /** The replicas recorded in the mark; empty without one, or when it is not a count. */
  public static OptionalInt replicas(HasMetadata object) {
    String value = annotations(object).get(REPLICAS);
    if (value == null || !value.trim().matches("\\d{1,9}")) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(value.trim()));
  }

  private static Map<String, String> annotations(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
