package io.chartreuse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * How a Job stands: succeeded, failed, running or "not started". By its conditions first, so that a
 * Job ended by its deadline (whose pod may never have run, so no pod counts as failed) is failed;
 * then a Job with an active pod runs, possibly after failed attempts within its backoff limit. On
 * the Job as JSON, so that raw lists ({@code status}) and Fabric8's objects agree.
 */
public final class JobState {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JobState() {}

  public static String of(Job job) {
    return of((JsonNode) JSON.valueToTree(job));
  }

  /** {@code job}: a Job as the API serves it. */
  public static String of(JsonNode job) {
    JsonNode status = job.path("status");
    if (status.isMissingNode() || status.isNull()) {
      return "not started";
    }
    for (JsonNode condition : status.path("conditions")) {
      if ("True".equals(condition.path("status").asText())) {
        switch (condition.path("type").asText()) {
          case "Complete":
            return "succeeded";
          case "Failed":
            return "failed";
          default:
            break;
        }
      }
    }
    if (status.path("active").asInt(0) > 0) {
      return "running";
    }
    if (status.path("succeeded").asInt(0) > 0) {
      return "succeeded";
    }
    return status.path("failed").asInt(0) > 0 ? "failed" : "running";
  }

  /** The Job has ended, one way or the other. */
  public static boolean finished(Job job) {
    String state = of(job);
    return state.equals("succeeded") || state.equals("failed");
  }
}
