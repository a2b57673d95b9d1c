package io.chartreuse.record;

import io.chartreuse.kube.KubeTarget;
import io.chartreuse.log.Log;
import io.chartreuse.log.Redactor;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Kubernetes Events on the runner's pod ({@code kubectl describe pod}, {@code kubectl get events}),
 * so an operator sees stop, migrate, start, restore and failure without reading logs, and on the
 * workloads it touches ({@link #on}). Best effort: a missing permission is logged once, never fails
 * a migration.
 */
public final class ClusterEvents {
  private final KubeTarget target;
  private final Optional<String> podName;
  private final Optional<String> podUid;
  private final Redactor redactor;
  private final Log log;
  private final Clock clock;
  private boolean broken;

  /**
   * {@code podName}, {@code podUid}: the runner's pod (the chart passes both by the downward API);
   * without the uid its Events show in {@code kubectl get events}, not in {@code kubectl describe
   * pod}.
   */
  public ClusterEvents(
      KubeTarget target,
      Optional<String> podName,
      Optional<String> podUid,
      Redactor redactor,
      Log log,
      Clock clock) {
    this.target = target;
    this.podName = podName;
    this.podUid = podUid;
    this.redactor = redactor;
    this.log = log;
    this.clock = clock;
  }

  public void normal(String reason, String message) {
    emit("Normal", reason, message);
  }

  public void warning(String reason, String message) {
    emit("Warning", reason, message);
  }

  /**
   * An Event on another object of the namespace (a Deployment, an HPA the runner touched), also
   * when the runner runs from a workstation: {@code kubectl describe} on that object says why.
   */
  public void on(
      String apiVersion, String kind, HasMetadata object, String reason, String message) {
    if (!broken) {
      create(
          apiVersion,
          kind,
          object.getMetadata().getName(),
          object.getMetadata().getUid(),
          "Normal",
          reason,
          message);
    }
  }

  private void emit(String type, String reason, String message) {
    if (podName.isEmpty() || broken) {
      return;
    }
    create("v1", "Pod", podName.get(), podUid.orElse(null), type, reason, message);
  }

  /** {@code uid}: what {@code kubectl describe} matches an object's Events by; null if unknown. */
  private void create(
      String apiVersion,
      String kind,
      String name,
      String uid,
      String type,
      String reason,
      String message) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(
            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(name + ".")
            .withNamespace(target.namespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(apiVersion)
            .withKind(kind)
            .withName(name)
            .withUid(uid)
            .withNamespace(target.namespace())
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(truncate(redactor.redact(message)))
            .withNewSource()
            .withComponent("chartreuse")
            .endSource()
            .withReportingComponent("chartreuse")
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      target.client().v1().events().inNamespace(target.namespace()).resource(event).create();
    } catch (RuntimeException e) {
      broken = true;
      log.warn(
          "cannot create Events ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); continuing without them");
    }
  }

  private static String truncate(String message) {
    return message.length() <= 1000 ? message : message.substring(0, 997) + "...";
  }
}
