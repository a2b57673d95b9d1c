package io.chartreuse.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The original's accept/reject table for (chart version, runner version). */
class VersionGateTest {
  @ParameterizedTest
  @CsvSource(
      value = {
        "NULL,1.2.3,false",
        "'',1.2.9,false",
        "1.2.4,1.2.4,true",
        "1.2.9,1.2.7,true",
        "1.2.1,1.2.9,true",
        "1.32.1,1.32.21-dev,true",
        "1.32.1,1.32.21-dev.12,true",
        "12.32.1,12.32.33.dev.yes.we.can,true",
        "2.0.0,'',false",
        "2.0.0,2.2.3,false",
        "2.2.0,1.8.5,false",
        "2.0,2.0.3.344,true",
        "2.0.,2.0.3.344,true",
        "2.0.,2.0,true",
        "2,2.0,false",
        "2,2.0.0,false"
      },
      nullValues = "NULL")
  void matchesTheOriginal(String chart, String runner, boolean compatible) {
    assertEquals(compatible, VersionGate.compatible(chart, runner));
  }
}
