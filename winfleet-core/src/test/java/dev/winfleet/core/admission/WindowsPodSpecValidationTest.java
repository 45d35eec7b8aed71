package dev.winfleet.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per rule of Kubernetes' {@code validateWindows}
 * (pkg/apis/core/validation/validation.go): a valid Windows pod spec with one field changed.
 */
class WindowsPodSpecValidationTest {

  private static Map<String, Object> spec() {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "app");
    container.put("image", "mcr.microsoft.com/windows/servercore:ltsc2022");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("containers", new java.util.ArrayList<>(List.of(container)));
    return spec;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Map<String, Object> spec, String kind) {
    List<Object> list = (List<Object>) spec.computeIfAbsent(kind, k -> new java.util.ArrayList<>());
    if (list.isEmpty()) {
      list.add(new LinkedHashMap<>(Map.of("name", "c", "image", "x")));
    }
    return (Map<String, Object>) list.get(0);
  }

  @Test
  void aPlainWindowsPodHasNoForbiddenField() {
    Map<String, Object> spec = spec();
    spec.put("securityContext", Map.of("runAsNonRoot", true, "windowsOptions", Map.of()));
    container(spec, "containers")
        .put("securityContext", Map.of("windowsOptions", Map.of("runAsUserName", "ContainerUser")));
    spec.put("hostPID", false);
    spec.put("hostIPC", false);
    spec.put("securityContext", new LinkedHashMap<>(Map.of("sysctls", List.of())));
    assertThat(WindowsPodSpecValidation.forbiddenFields(spec)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "appArmorProfile",
    "seLinuxOptions",
    "seccompProfile",
    "fsGroup",
    "fsGroupChangePolicy",
    "runAsUser",
    "runAsGroup",
    "supplementalGroups",
    "supplementalGroupsPolicy",
    "seLinuxChangePolicy"
  })
  void podSecurityContextFieldsAreForbidden(String field) {
    Map<String, Object> spec = spec();
    spec.put("securityContext", Map.of(field, 0));
    assertThat(WindowsPodSpecValidation.forbiddenFields(spec))
        .containsExactly("securityContext." + field);
  }

  @Test
  void sysctlsAreForbiddenWhenNotEmpty() {
    Map<String, Object> spec = spec();
    spec.put("securityContext", Map.of("sysctls", List.of(Map.of("name", "a", "value", "1"))));
    assertThat(WindowsPodSpecValidation.forbiddenFields(spec))
        .containsExactly("securityContext.sysctls");
  }

  @ParameterizedTest
  @CsvSource({"hostUsers,false", "shareProcessNamespace,false", "hostPID,true", "hostIPC,true"})
  void podFieldsAreForbidden(String field, boolean value) {
    Map<String, Object> spec = spec();
    spec.put(field, value);
    assertThat(WindowsPodSpecValidation.forbiddenFields(spec)).containsExactly(field);
  }

  @ParameterizedTest
  @CsvSource({
    "containers,appArmorProfile", "containers,seLinuxOptions", "containers,seccompProfile",
    "containers,capabilities", "containers,readOnlyRootFilesystem", "containers,privileged",
    "containers,allowPrivilegeEscalation", "containers,procMount", "containers,runAsUser",
    "containers,runAsGroup", "initContainers,privileged", "ephemeralContainers,runAsUser"
  })
  void containerSecurityContextFieldsAreForbiddenEvenWhenFalse(String kind, String field) {
    Map<String, Object> spec = spec();
    container(spec, kind).put("securityContext", Map.of(field, false));
    assertThat(WindowsPodSpecValidation.forbiddenFields(spec))
        .containsExactly(kind + "[0].securityContext." + field);
  }

  @Test
  void nullMeansUnset() {
    Map<String, Object> spec = spec();
    Map<String, Object> sc = new LinkedHashMap<>();
    sc.put("runAsUser", null);
    spec.put("securityContext", sc);
    assertThat(WindowsPodSpecValidation.forbiddenFields(spec)).isEmpty();
  }

  @Test
  void theWarningNamesTheFieldsAndTheFix() {
    String w =
        WindowsPodSpecValidation.osNameWithheld(
            List.of("securityContext.runAsUser", "containers[0].securityContext.privileged"));
    assertThat(w)
        .contains("did not set spec.os.name: windows")
        .contains("securityContext.runAsUser, containers[0].securityContext.privileged")
        .contains("remove them");
  }
}
