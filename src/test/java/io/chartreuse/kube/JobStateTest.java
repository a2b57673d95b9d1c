package io.chartreuse.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

class JobStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aJobEndedByItsDeadlineIsFailedThoughNoPodFailed() throws Exception {
    JsonNode deadline =
        JSON.readTree(
            "{\"status\":{\"conditions\":[{\"type\":\"Failed\",\"status\":\"True\","
                + "\"reason\":\"DeadlineExceeded\"}]}}");
    assertEquals("failed", JobState.of(deadline));
    assertTrue(JobState.finished(JSON.treeToValue(deadline, Job.class)));
  }

  @Test
  void aJobRetryingWithinItsBackoffLimitStillRuns() throws Exception {
    JsonNode retrying = JSON.readTree("{\"status\":{\"active\":1,\"failed\":2}}");
    assertEquals("running", JobState.of(retrying));
    assertFalse(JobState.finished(JSON.treeToValue(retrying, Job.class)));
  }

  @Test
  void countsDecideWithoutConditions() throws Exception {
    assertEquals("not started", JobState.of(JSON.readTree("{}")));
    assertEquals("running", JobState.of(JSON.readTree("{\"status\":{}}")));
    assertEquals("succeeded", JobState.of(JSON.readTree("{\"status\":{\"succeeded\":1}}")));
    assertEquals("failed", JobState.of(JSON.readTree("{\"status\":{\"failed\":1}}")));
    assertEquals(
        "succeeded",
        JobState.of(
            JSON.readTree(
                "{\"status\":{\"failed\":1,\"conditions\":[{\"type\":\"Complete\",\"status\":\"True\"}]}}")));
  }
}
