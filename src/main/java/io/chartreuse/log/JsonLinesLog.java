package io.chartreuse.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line ({@code --log-format json}), for log collectors. */
public final class JsonLinesLog extends LineLog {
  private final ObjectMapper mapper = new ObjectMapper();

  public JsonLinesLog(PrintStream out, Redactor redactor, Clock clock, boolean debug) {
    super(out, redactor, clock, debug);
  }

  @Override
  protected String format(Instant time, Level level, String message, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", time.toString());
    line.put("level", level.name().toLowerCase(java.util.Locale.ROOT));
    line.put("message", message);
    fields.forEach(line::putIfAbsent);
    try {
      return mapper.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      return "{\"level\":\"error\",\"message\":\"unserializable log line\"}";
    }
  }
}
