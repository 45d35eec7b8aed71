package dev.winfleet.core.containerize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.winfleet.core.containerize.AppDetails.ConnectionString;
import dev.winfleet.core.containerize.AppDetails.Endpoint;
import dev.winfleet.core.containerize.AppDetails.LogDestination;
import dev.winfleet.core.containerize.AppDetails.Todo;
import dev.winfleet.core.version.OsVersion;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * containerize.json: the apps, their images and files, and what the user must still do, for tools.
 * {@code logs} lists where each app writes logs that standard output does not carry, so that a log
 * forwarder (LogMonitor) can be configured from it.
 */
final class PlanJson {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private PlanJson() {}

  static String write(Detection detection, List<AppPlan> plans, ContainerizeRequest request) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("target", request.target().hostBuild().buildString());
    List<Object> apps = new ArrayList<>();
    for (AppPlan plan : plans) {
      DetectedApp app = plan.app();
      AppDetails d = app.details();
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", plan.name());
      a.put("source", app.source());
      a.put("kind", app.kind().name().toLowerCase(java.util.Locale.ROOT));
      a.put("flavour", app.flavour());
      a.put("runtime", app.runtime().name().toLowerCase(java.util.Locale.ROOT));
      a.put("version", app.version());
      a.put("workload", ManifestWriter.isJob(plan) ? "Job" : "Deployment");
      plan.buildImage().ifPresent(b -> a.put("buildImage", b.reference()));
      a.put("runtimeImage", plan.runtimeImage().reference());
      a.put("appImage", plan.appImage());
      a.put("nodeBuilds", plan.placement().builds().stream().map(OsVersion::buildString).toList());
      if (plan.port() > 0) {
        a.put("port", plan.port());
      }
      List<Object> endpoints = new ArrayList<>();
      for (Endpoint e : d.endpoints()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", e.scheme());
        m.put("port", e.port());
        m.put("source", e.source());
        endpoints.add(m);
      }
      a.put("endpoints", endpoints);
      a.put("parts", d.parts());
      d.buildSolution().ifPresent(s -> a.put("buildSolution", s));
      List<Object> cs = new ArrayList<>();
      for (ConnectionString c : d.connectionStrings()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("source", c.source());
        m.put("env", c.envVar());
        m.put("secret", ManifestWriter.secretName(plan));
        m.put("secretKey", ManifestWriter.secretKey(c));
        m.put("problems", c.problems());
        cs.add(m);
      }
      a.put("connectionStrings", cs);
      List<Object> logs = new ArrayList<>();
      for (LogDestination l : d.logs()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", l.kind());
        m.put("where", l.where());
        m.put("source", l.source());
        logs.add(m);
      }
      a.put("logs", logs);
      List<Object> todo = new ArrayList<>();
      for (Todo t : StillToDo.of(plan)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", t.topic());
        m.put("finding", t.finding());
        m.put("action", t.action());
        todo.add(m);
      }
      a.put("todo", todo);
      a.put("evidence", app.evidence());
      apps.add(a);
    }
    root.put("apps", apps);
    root.put("passedOver", detection.skipped());
    root.put("notes", detection.notes());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
