package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of {@code winfleet demo} in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromedriver}, driven by Selenium; nothing is downloaded). Screenshots are kept under
 * {@code target/screenshots/}.
 */
class DashboardBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static RunningDemo demo;
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
    assertTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium,"
            + " /usr/bin/chromedriver): run .ci/install-deps");
    demo = RunningDemo.start(DemoCommand.HOST, 0, Clock.systemUTC());
    DemoAdmissions.replay(demo);
    profile = Files.createTempDirectory("winfleet-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--ignore-certificate-errors",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    options.setAcceptInsecureCerts(true);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver is named explicitly, so Selenium Manager never runs (and downloads nothing).
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (demo != null) {
      demo.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @BeforeEach
  void open() {
    driver.get(demo.dashboardUrl());
    waitFor(() -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));
  }

  @AfterEach
  void noConsoleErrors() {
    List<LogEntry> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(severe).as("console errors").isEmpty();
  }

  @Test
  void thePageLoadsAndShowsTheFleet() {
    assertThat(driver.getTitle()).isEqualTo("winfleet dashboard");
    assertThat(driver.findElement(By.id("summary")).getText())
        .contains("9 nodes: 6 Windows, 3 Linux")
        .contains("10.0.17763, 10.0.20348, 10.0.26100");
    assertThat(driver.findElement(By.id("as-of")).getText()).startsWith("Data as of 20");
    List<WebElement> captions = driver.findElements(By.cssSelector("#fleet-groups caption"));
    assertThat(captions)
        .extracting(WebElement::getText)
        .anyMatch(c -> c.startsWith("Windows Server 2019 (10.0.17763) · kubelet v1.34.2"))
        .anyMatch(c -> c.startsWith("Windows Server 2025 (10.0.26100) · kubelet v1.35.0"));
    assertThat(driver.findElement(By.id("panel-fleet")).getText())
        .contains("win2022-1", "os=windows:NoSchedule", "31.9 GiB");
    screenshot("fleet");
  }

  /*
   * The demo's fleet (fleet.yaml): three Linux nodes, two Windows Server 2019, three 2022 and one
   * 2025 node, none cordoned. The chart's table says so, and so do the numbers Chart.js drew.
   */
  @Test
  void theFleetChartShowsTheFleetsNumbers() {
    assertThat(chartTable("chart-fleet"))
        .containsExactly(
            "Linux=3",
            "Windows Server 2019 (10.0.17763)=2",
            "Windows Server 2022 (10.0.20348)=3",
            "Windows Server 2025 (10.0.26100)=1");
    assertThat(chartDrawn("chart-fleet"))
        .isEqualTo(
            "Linux=3|Windows Server 2019 (10.0.17763)=2|Windows Server 2022 (10.0.20348)=3"
                + "|Windows Server 2025 (10.0.26100)=1");
  }

  /** The findings charts count what /api/workloads reports, rule by rule and namespace by one. */
  @Test
  void theFindingChartsCountTheRulesEnginesFindings() {
    driver.findElement(By.id("tab-workloads")).click();
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> expected =
        (java.util.Map<String, Object>)
            ((JavascriptExecutor) driver)
                .executeAsyncScript(
                    "const done = arguments[0];"
                        + "fetch('/api/workloads').then(r => r.json()).then(d => {"
                        + " const rules = {}, ns = {}, sev = {error: 0, warning: 0, info: 0};"
                        + " for (const w of d.workloads) for (const f of w.findings) {"
                        + "  rules[f.rule] = (rules[f.rule] || 0) + 1;"
                        + "  ns[w.namespace] = (ns[w.namespace] || 0) + 1; sev[f.severity]++; }"
                        + " done({rules: rules, ns: ns, sev: sev, errors: d.counts.error}); })");
    assertThat(asMap(chartTable("chart-rules"))).isEqualTo(stringValues(expected.get("rules")));
    assertThat(asMap(chartTable("chart-namespaces"))).isEqualTo(stringValues(expected.get("ns")));
    assertThat(asMap(chartTable("chart-severity"))).isEqualTo(stringValues(expected.get("sev")));
    assertThat(asMap(chartTable("chart-severity")).get("error"))
        .isEqualTo(String.valueOf(expected.get("errors")));
    assertThat(chartDrawn("chart-severity")).startsWith("error=" + expected.get("errors") + "|");
    screenshot("findings-charts");
  }

  @Test
  void theMatrixIsAHeatmapSortedByFitWithItsLegendAndReasons() {
    driver.findElement(By.id("tab-matrix")).click();
    List<String> columns =
        driver.findElements(By.cssSelector("#matrix-table thead th")).stream()
            .map(e -> e.getText().replaceAll("\\s+", " "))
            .toList();
    assertThat(String.join("|", columns))
        .contains("Linux", "Windows Server 2019 10.0.17763", "Windows Server 2022 10.0.20348")
        .contains("Windows Server 2025 10.0.26100");
    WebElement row =
        driver.findElement(
            By.cssSelector(
                "#matrix-table tr[data-image='mcr.microsoft.com/windows/servercore:1809-amd64']"));
    List<WebElement> cells = row.findElements(By.tagName("td"));
    assertThat(cells)
        .extracting(c -> c.getAttribute("data-mode"))
        .containsExactly("none", "process", "hyperv-only", "hyperv-only");
    assertThat(cells)
        .extracting(c -> c.getAttribute("textContent").replaceAll("\\s+", " ").trim())
        .containsExactly("✖ none", "✔ process", "◐ Hyper-V only", "◐ Hyper-V only");
    // Sorted: images that run on the fewest builds first.
    List<Integer> runs =
        driver.findElements(By.cssSelector("#matrix-table tbody tr")).stream()
            .map(r -> Integer.parseInt(r.getAttribute("data-runs")))
            .toList();
    assertThat(runs).isSorted();
    // The legend counts the cells of each mode.
    long none = driver.findElements(By.cssSelector("#matrix-table td[data-mode='none']")).size();
    assertThat(
            driver
                .findElement(By.cssSelector("#matrix-legend li[data-mode='none']"))
                .getAttribute("data-count"))
        .isEqualTo(String.valueOf(none));
    cells.get(2).findElement(By.tagName("button")).click();
    assertThat(driver.findElement(By.id("matrix-cell")).getText())
        .contains("servercore:1809-amd64", "Windows Server 2022", "Hyper-V isolation:");
    screenshot("matrix");
  }

  @Test
  void searchFiltersAndSortChangeTheWorkloadRows() {
    driver.findElement(By.id("tab-workloads")).click();
    int all = rows().size();
    assertThat(all).isEqualTo(12);

    new Select(driver.findElement(By.id("filter-severity"))).selectByValue("error");
    waitFor(() -> rows().size() < all);
    assertThat(rows()).extracting(r -> r.getAttribute("data-severity")).containsOnly("error");

    new Select(driver.findElement(By.id("filter-severity"))).selectByValue("");
    new Select(driver.findElement(By.id("filter-rule"))).selectByValue("deprecated-os-label");
    waitFor(() -> rows().size() == 2);
    assertThat(rows())
        .extracting(r -> r.getAttribute("data-workload"))
        .containsExactlyInAnyOrder("default/Pod/iis", "default/DaemonSet/my-daemonset");

    new Select(driver.findElement(By.id("filter-rule"))).selectByValue("");
    new Select(driver.findElement(By.id("filter-namespace"))).selectByValue("legacy");
    waitFor(
        () -> rows().stream().allMatch(r -> r.getAttribute("data-workload").startsWith("legacy/")));
    assertThat(driver.findElement(By.id("findings-count")).getText())
        .startsWith("2 workloads of 12");

    // Runs on build: the 2019 build's workloads are the ones the placement engine puts there.
    new Select(driver.findElement(By.id("filter-namespace"))).selectByValue("");
    new Select(driver.findElement(By.id("filter-build"))).selectByValue("10.0.17763");
    waitFor(() -> rows().size() < all);
    assertThat(rows())
        .extracting(r -> r.getAttribute("data-workload"))
        .containsExactlyInAnyOrder(
            "legacy/Deployment/report-service",
            "platform/DaemonSet/windows-exporter",
            "web/Deployment/catalog");

    // Search reaches images and messages; the findings fold out under their workload.
    driver.findElement(By.id("filter-reset")).click();
    waitFor(() -> rows().size() == all);
    driver.findElement(By.id("filter-q")).sendKeys("servercore:1809");
    waitFor(() -> driver.getCurrentUrl().endsWith("q=servercore%3A1809") && rows().size() == 1);
    WebElement winServer = rows().get(0);
    assertThat(winServer.getAttribute("data-workload")).isEqualTo("default/Deployment/win-server");
    WebElement toggle = winServer.findElement(By.cssSelector("button.toggle"));
    toggle.click();
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
    assertThat(driver.findElement(By.id(toggle.getAttribute("aria-controls"))).getText())
        .contains("windows-toleration-missing", "Fix:");
    assertThat(driver.getCurrentUrl()).endsWith("#workloads?q=servercore%3A1809");

    // Sorting by name, then reversed, with aria-sort on the header.
    driver.findElement(By.id("filter-reset")).click();
    waitFor(() -> rows().size() == all);
    driver.findElement(By.cssSelector("th[data-sort='name'] button")).click();
    List<String> names =
        rows().stream().map(r -> r.findElement(By.cssSelector("button.toggle")).getText()).toList();
    assertThat(names).isSortedAccordingTo(String::compareTo);
    driver.findElement(By.cssSelector("th[data-sort='name'] button")).click();
    assertThat(driver.findElement(By.cssSelector("th[data-sort='name']")).getAttribute("aria-sort"))
        .isEqualTo("descending");
    assertThat(rows().get(0).findElement(By.cssSelector("button.toggle")).getText())
        .isEqualTo(names.get(names.size() - 1));
    screenshot("workloads");
  }

  @Test
  void deepLinksRestoreTheViewAndItsFilters() {
    open("#workloads?namespace=legacy&severity=error&sort=name");
    assertThat(driver.findElement(By.id("tab-workloads")).getAttribute("aria-selected"))
        .isEqualTo("true");
    assertThat(driver.findElement(By.id("panel-workloads")).isDisplayed()).isTrue();
    assertThat(
            new Select(driver.findElement(By.id("filter-namespace")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("legacy");
    assertThat(
            new Select(driver.findElement(By.id("filter-severity")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("error");
    assertThat(rows())
        .extracting(r -> r.getAttribute("data-workload"))
        .containsExactly("legacy/Deployment/billing", "legacy/Deployment/report-service");

    open("#matrix?sort=name&q=iis");
    assertThat(driver.findElement(By.id("panel-matrix")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("matrix-sort")).getAttribute("value")).isEqualTo("name");
    assertThat(driver.findElements(By.cssSelector("#matrix-table tbody tr")))
        .extracting(r -> r.getAttribute("data-image"))
        .isNotEmpty()
        .allMatch(i -> i.contains("iis"))
        .isSorted();

    open("#simulate?nodes=win2019-1,win2019-2&to=ltsc2022");
    waitFor(() -> !driver.findElements(By.id("waves")).isEmpty());
    assertThat(
            driver
                .findElement(By.cssSelector("#simulate-nodes input[value='win2019-1']"))
                .isSelected())
        .isTrue();
    assertThat(driver.findElement(By.id("simulate-status")).getText())
        .contains("Upgrading win2019-1, win2019-2 to Windows Server 2022");
  }

  @Test
  void theExportsHoldWhatIsShown() throws Exception {
    Path downloads = Files.createTempDirectory("winfleet-downloads-");
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        java.util.Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    open("#workloads?namespace=legacy");
    driver.findElement(By.id("export-csv")).click();
    Path csv = downloads.resolve("winfleet-workloads.csv");
    waitFor(() -> Files.exists(csv));
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0))
        .isEqualTo(
            "namespace,kind,name,file,line,runsOnBuilds,severity,rule,container,message,fix,findingFile,findingLine");
    assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("legacy,Deployment,"));
    assertThat(lines)
        .anyMatch(l -> l.contains("report-service") && l.contains("windows-run-as-user"));
    driver.findElement(By.id("export-json")).click();
    Path json = downloads.resolve("winfleet-workloads.json");
    waitFor(() -> Files.exists(json) && json.toFile().length() > 0);
    com.fasterxml.jackson.databind.JsonNode tree =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
    assertThat(tree.get("filters").get("namespace").asText()).isEqualTo("legacy");
    assertThat(tree.get("workloads").findValuesAsText("id"))
        .containsExactlyInAnyOrder("legacy/Deployment/billing", "legacy/Deployment/report-service");
  }

  @Test
  void theUpgradeSimulationShowsThePlannersAnswerAndTheWaves() {
    simulate("ltsc2022", "win2019-1", "win2019-2");
    // Seed 002's win-server tolerates no Windows taint: no node runs it today, so the upgrade is
    // not what breaks it.
    WebElement winServer = simulated("default/Deployment/win-server");
    assertThat(winServer.getAttribute("data-status")).isEqualTo("already-broken");
    assertThat(winServer.getText())
        .contains("⊘ already broken", "no node runs it even before the upgrade");
    // The catalog's 2019 image has no node left: rebuild on the ltsc2022 tag.
    WebElement catalog = simulated("web/Deployment/catalog");
    assertThat(catalog.getAttribute("data-status")).isEqualTo("rebuild");
    assertThat(catalog.getText())
        .contains("▲ rebuild", "10.0.17763", "aspnet:4.8-windowsservercore-ltsc2022");
    // The rules engine's findings on the upgraded fleet open with the keyboard-operable details.
    catalog.findElement(By.tagName("summary")).click();
    assertThat(catalog.getText()).contains("no-compatible-node");
    // Worst first.
    assertThat(
            driver
                .findElements(By.cssSelector("#simulate-table tbody tr"))
                .get(0)
                .getAttribute("data-status"))
        .isEqualTo("rebuild");
    assertThat(driver.findElement(By.id("simulate-status")).getText())
        .contains("Upgrading win2019-1, win2019-2 to Windows Server 2022 (10.0.20348)")
        .contains("0 breaks, 1 rebuild, 0 reschedule, 4 already broken, 7 ok; 2 waves.");
    assertThat(
            driver.findElements(By.cssSelector("#simulate-legend li")).stream()
                .map(l -> l.getAttribute("data-status") + "=" + l.getAttribute("data-count"))
                .toList())
        .containsExactly("breaks=0", "rebuild=1", "reschedule=0", "already-broken=4", "ok=7");
    // The catalog's budget lets one pod go at a time: one node per wave, rebuild first.
    List<WebElement> waves = driver.findElements(By.cssSelector("#waves li.wave"));
    assertThat(waves).hasSize(2);
    assertThat(waves.get(0).getText())
        .contains("Wave 1", "✔ safe", "win2019-1", "rebuild first: Deployment/catalog");
    assertThat(waves.get(1).getText()).contains("Wave 2", "✔ safe", "win2019-2");
    assertThat(waves).noneMatch(w -> "true".equals(w.getAttribute("data-blocked")));
    scrollTo(driver.findElement(By.id("simulate-status")));
    screenshot("simulation");
    scrollTo(driver.findElement(By.id("waves")));
    screenshot("simulation-waves");
  }

  @Test
  void aBudgetThatAllowsNoDisruptionShowsBlockedWaves() {
    simulate("ltsc2025", "win2022-1", "win2022-2", "win2022-3");
    WebElement orders = simulated("web/Deployment/orders-api");
    assertThat(orders.getAttribute("data-status")).isEqualTo("reschedule");
    assertThat(orders.getText())
        .contains(
            "↻ reschedule", "node.kubernetes.io/windows-build", "10.0.26100", "now 10.0.20348");
    List<WebElement> waves = driver.findElements(By.cssSelector("#waves li.wave"));
    assertThat(waves).hasSize(3);
    assertThat(waves).allMatch(w -> "true".equals(w.getAttribute("data-blocked")));
    assertThat(waves.get(0).getText()).contains("✖ blocked");
    assertThat(waves.get(0).findElement(By.className("blocker")).getText())
        .startsWith("Blocked: web/PodDisruptionBudget/orders-api");
    assertThat(driver.findElement(By.id("simulate-status")).getText())
        .contains("3 waves (3 blocked)");
    scrollTo(driver.findElement(By.id("waves")));
    screenshot("simulation-blocked");
  }

  @Test
  void aNodeOnANewerBuildIsRefusedWithTheFix() {
    simulateExpectingError("ltsc2022", "win2025-1");
    assertThat(driver.findElement(By.id("error")).getText())
        .contains("nodes: node win2025-1 runs Windows Server 2025")
        .contains("choose Windows nodes that run an older build than Windows Server 2022");
    // Chromium logs the 400 itself as a console error; that one is expected, nothing else.
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("/api/simulate?", "status of 400"));
  }

  @Test
  void withoutLayerSizesThePrepullViewSaysSoAndDrawsNothing() {
    open("#prepull");
    waitFor(() -> !driver.findElement(By.id("prepull-status")).getText().isEmpty());
    assertThat(driver.findElement(By.id("prepull-status")).getText())
        .startsWith("No image with known layer sizes (13 images lack them)")
        .contains("winfleet inspect --json --layers");
    assertThat(driver.findElement(By.id("chart-prepull")).isDisplayed()).isFalse();
    assertThat(driver.findElements(By.cssSelector("#prepull-unknown li"))).hasSize(13);
    assertThat(driver.findElements(By.cssSelector("#prepull-images input"))).isEmpty();
  }

  /**
   * With layer sizes (test data, see src/test/resources/dashboard/README.md), the chart draws the
   * planner's waves exactly as /api/prepull answers them, against the registry's and a node's
   * limit. The planner's numbers themselves are worked out by hand in DashboardApiTest.
   */
  @Test
  void thePrepullChartDrawsThePlannersWavesAgainstTheLimits() throws IOException {
    List<dev.winfleet.core.planning.ImageLayers> layers =
        ImageLayersSources.readFile(Path.of("src/test/resources/dashboard/prepull-layers.json"));
    // A port of its own: servers that listen on port 0 in one Vert.x share one port, and the
    // first demo's requests would be shared with this one (its verdicts among them).
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (RunningDemo withLayers =
        RunningDemo.start(DemoCommand.HOST, port, Clock.systemUTC(), layers)) {
      driver.get(
          withLayers.dashboardUrl() + "#prepull?nodeBandwidth=1Gbit/s&registryBandwidth=2Gbit/s");
      waitFor(() -> !driver.findElements(By.cssSelector("#prepull-waves tbody tr")).isEmpty());
      @SuppressWarnings("unchecked")
      java.util.Map<String, Object> api =
          (java.util.Map<String, Object>)
              ((JavascriptExecutor) driver)
                  .executeAsyncScript(
                      "const done = arguments[0];"
                          + "fetch('/api/prepull?nodeBandwidth=1Gbit/s&registryBandwidth=2Gbit/s')"
                          + ".then(r => r.json()).then(d => done({"
                          + " waves: d.waves.map(w => w.wave + ':' + w.startSeconds + '-'"
                          + "  + w.endSeconds + '@' + w.registryBytesPerSecond).join('|'),"
                          + " images: d.images.length}))");
      assertThat(api.get("images")).isEqualTo(2L);
      String table =
          driver.findElements(By.cssSelector("#prepull-waves tbody tr")).stream()
              .map(
                  r ->
                      r.getAttribute("data-wave")
                          + ":"
                          + r.getAttribute("data-start")
                          + "-"
                          + r.getAttribute("data-end")
                          + "@"
                          + r.getAttribute("data-rate"))
              .collect(java.util.stream.Collectors.joining("|"));
      assertThat(normalise(table)).isEqualTo(normalise((String) api.get("waves")));
      // Chart.js holds the same waves (a block each, in Gbit/s: bytes/s * 8 / 1e9), what all
      // nodes at once would ask, and the two limits: 2 and 1 Gbit/s.
      @SuppressWarnings("unchecked")
      List<String> drawn =
          (List<String>)
              js(
                  "const c = Chart.getChart(document.querySelector('#chart-prepull canvas'));"
                      + "return c.data.datasets.map(d => d.label + '=' + d.data[0].x + '-'"
                      + " + d.data[d.data.length - 1].x + '@' + Math.max(...d.data.map(p => p.y)));");
      List<String> expectedWaves = new java.util.ArrayList<>();
      for (String w : ((String) api.get("waves")).split("\\|")) {
        String[] p = w.split("[:@-]");
        expectedWaves.add(
            "Wave "
                + p[0]
                + "="
                + normalise(p[1])
                + "-"
                + normalise(p[2])
                + "@"
                + normalise(String.valueOf(Double.parseDouble(p[3]) * 8 / 1e9)));
      }
      assertThat(
              drawn.stream().filter(d -> d.startsWith("Wave ")).map(DashboardBrowserIT::normalise))
          .containsExactlyElementsOf(expectedWaves);
      assertThat(drawn)
          .anyMatch(d -> d.startsWith("Registry limit (2 Gbit/s)=") && d.endsWith("@2"))
          .anyMatch(d -> d.startsWith("One node's limit (1 Gbit/s)=") && d.endsWith("@1"))
          .anyMatch(d -> d.startsWith("All nodes at once (asked)="));
      assertThat(driver.findElement(By.id("prepull-status")).getText())
          .startsWith("Planned: ")
          .contains("11 images without layer sizes left out");
      screenshot("prepull");
      viewport(390, 900);
      try {
        // The chart redraws for the new width on the page's resize handler, a moment later: the
        // page must come to fit (fails after waitFor's 20 s when it never does).
        waitFor(
            () ->
                Boolean.FALSE.equals(
                    js(
                        "return document.documentElement.scrollWidth"
                            + " > document.documentElement.clientWidth")));
        screenshot("prepull-390");
      } finally {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
      }
    }
  }

  /** Numbers as JSON and as attributes print alike: 8.0 and 8, 2.5E8 and 250000000. */
  private static String normalise(String waves) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9.]+(E[0-9]+)?").matcher(waves);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          sb, new java.math.BigDecimal(m.group()).stripTrailingZeros().toPlainString());
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Test
  void theVerdictsOfTheReplayedExamplesShow() {
    driver.findElement(By.id("tab-verdicts")).click();
    waitFor(() -> !driver.findElements(By.cssSelector("#verdicts-table tbody tr")).isEmpty());
    assertThat(driver.findElement(By.id("verdicts-table")).getText())
        .contains("mutate", "validate", "Deployment/win-server");
    screenshot("verdicts");
  }

  /**
   * Every view at a phone, a small laptop and a desktop width: the page never scrolls sideways, no
   * header or caption breaks inside a word, and the charts have a size.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {390, 1024, 1400})
  void everyViewFitsTheWidth(int width) {
    viewport(width, 900);
    try {
      for (String view :
          List.of(
              "fleet",
              "matrix",
              "workloads",
              "simulate?nodes=win2022-1,win2022-2,win2022-3&to=ltsc2025",
              "prepull",
              "verdicts")) {
        open("#" + view);
        if (view.startsWith("simulate")) {
          waitFor(() -> !driver.findElements(By.id("waves")).isEmpty());
        }
        if (view.equals("verdicts")) {
          waitFor(() -> !driver.findElements(By.cssSelector("#verdicts-table tbody tr")).isEmpty());
        }
        String name = view.replaceAll("\\?.*", "");
        Object overflow =
            js(
                "const w = document.documentElement.clientWidth;"
                    + "if (document.documentElement.scrollWidth <= w) return null;"
                    + "return Array.from(document.querySelectorAll('body *'))"
                    + ".filter(e => e.getBoundingClientRect().right > w + 1 && e.offsetParent)"
                    + ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className"
                    + " + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
        assertThat(overflow).as(name + " at " + width + " px scrolls sideways").isNull();
        Object broken =
            js(
                "const out = [];"
                    + "for (const e of document.querySelectorAll('thead th, caption, h2, h3, h4,"
                    + " [role=tab], figcaption')) {"
                    + " if (!e.offsetParent) continue;"
                    + " const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);"
                    + " for (let t = walker.nextNode(); t; t = walker.nextNode()) {"
                    + "  const re = /\\S+/g; let m;"
                    + "  while ((m = re.exec(t.data))) {"
                    + "   const r = document.createRange(); r.setStart(t, m.index);"
                    + "   r.setEnd(t, m.index + m[0].length);"
                    + "   const tops = new Set(Array.from(r.getClientRects())"
                    + "     .filter(x => x.width > 0).map(x => Math.round(x.top)));"
                    + "   if (tops.size > 1) out.push(m[0]); } } }"
                    + "return out.join(', ');");
        assertThat(broken).as(name + " at " + width + " px: words broken in headers").isEqualTo("");
        for (WebElement canvas :
            driver.findElements(
                By.cssSelector("[role=tabpanel]:not([hidden]) figure:not([hidden]) canvas"))) {
          assertThat(canvas.getSize().getWidth()).as("chart width").isGreaterThan(100);
          assertThat(canvas.getSize().getHeight()).as("chart height").isGreaterThan(100);
        }
        screenshot(name + "-" + width);
      }
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }
  }

  @Test
  void darkModeFollowsTheSystemSetting() {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        java.util.Map.of(
            "features",
            List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
    try {
      open("#workloads");
      String background = (String) js("return getComputedStyle(document.body).backgroundColor");
      assertThat(background).isEqualTo("rgb(20, 24, 29)");
      screenshot("workloads-dark");
    } finally {
      driver.executeCdpCommand(
          "Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
    }
  }

  @Test
  void theKeyboardReachesAndOperatesTheControls() {
    // Tab from the top of the page: the skip link, then the freshness controls, then the tab.
    WebElement body = driver.findElement(By.tagName("body"));
    body.sendKeys(Keys.TAB);
    assertThat(active().getAttribute("class")).isEqualTo("skip-link");
    while (!"tab".equals(active().getAttribute("role"))) {
      active().sendKeys(Keys.TAB);
    }
    assertThat(active().getAttribute("id")).isEqualTo("tab-fleet");
    assertThat(outline(active())).isNotEqualTo("none");

    // Arrow keys move between the tabs and show their panels.
    active().sendKeys(Keys.ARROW_RIGHT);
    assertThat(active().getAttribute("id")).isEqualTo("tab-matrix");
    active().sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
    assertThat(active().getAttribute("id")).isEqualTo("tab-simulate");
    assertThat(driver.findElement(By.id("panel-simulate")).isDisplayed()).isTrue();

    // Into the panel, to the first node's checkbox: Space ticks it, Enter on the button runs.
    active().sendKeys(Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("panel-simulate");
    active().sendKeys(Keys.TAB);
    assertThat(active().getAttribute("type")).isEqualTo("checkbox");
    active().sendKeys(Keys.SPACE);
    assertThat(active().isSelected()).isTrue();
    while (!"simulate-run".equals(active().getAttribute("id"))) {
      active().sendKeys(Keys.TAB);
    }
    active().sendKeys(Keys.ENTER);
    waitFor(() -> !driver.findElements(By.id("simulate-table")).isEmpty());

    // The matrix cells are buttons: Enter shows the reason.
    driver.findElement(By.id("tab-matrix")).click();
    WebElement cell = driver.findElement(By.cssSelector("#matrix-table td button"));
    cell.sendKeys(Keys.ENTER);
    assertThat(cell.getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(driver.findElement(By.id("matrix-cell")).getText()).isNotBlank();

    // The workload filters are labelled controls reachable the same way.
    driver.findElement(By.id("tab-workloads")).click();
    while (!"filter-q".equals(active().getAttribute("id"))) {
      active().sendKeys(Keys.TAB);
    }
    assertThat(driver.findElements(By.cssSelector("label[for='filter-q']"))).hasSize(1);
    active().sendKeys(Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("filter-severity");
    screenshot("keyboard");
  }

  /** The rows of a chart's table of numbers: "label=value". */
  private List<String> chartTable(String id) {
    return driver.findElements(By.cssSelector("#" + id + " .chart-data tbody tr")).stream()
        .map(r -> r.getAttribute("data-label") + "=" + r.getAttribute("data-value"))
        .toList();
  }

  /** What Chart.js holds for the chart: each label with its datasets summed, "|"-joined. */
  private String chartDrawn(String id) {
    return (String)
        js(
            "const c = Chart.getChart(document.querySelector('#"
                + id
                + " canvas'));"
                + "return c.data.labels.map((l, i) => [].concat(l).join(' ') + '=' + c.data.datasets"
                + ".reduce((s, d) => s + d.data[i], 0)).join('|');");
  }

  private static java.util.Map<String, String> asMap(List<String> pairs) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (String p : pairs) {
      int eq = p.lastIndexOf('=');
      out.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, String> stringValues(Object map) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    ((java.util.Map<String, Object>) map).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private void viewport(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        java.util.Map.of(
            "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  /** Opens the page at a deep link, fresh, and waits until it is ready. */
  private void open(String hash) {
    driver.get("about:blank");
    driver.get(demo.dashboardUrl() + hash);
    waitFor(() -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready")));
  }

  private List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#findings-table tbody tr[data-workload]"));
  }

  private void checkNode(String name) {
    driver.findElement(By.cssSelector("#simulate-nodes input[value='" + name + "']")).click();
  }

  private void startSimulation(String target, String... nodes) {
    driver.findElement(By.id("tab-simulate")).click();
    for (String node : nodes) {
      checkNode(node);
    }
    new Select(driver.findElement(By.id("simulate-target"))).selectByValue(target);
    driver.findElement(By.id("simulate-run")).click();
  }

  private void simulate(String target, String... nodes) {
    startSimulation(target, nodes);
    waitFor(() -> !driver.findElements(By.id("waves")).isEmpty());
  }

  private void simulateExpectingError(String target, String... nodes) {
    startSimulation(target, nodes);
    waitFor(() -> driver.findElement(By.id("error")).isDisplayed());
  }

  private WebElement simulated(String workload) {
    return driver.findElement(
        By.cssSelector("#simulate-table tr[data-workload='" + workload + "']"));
  }

  /** The texts of a row's header and data cells, white space collapsed. */
  private static List<String> cells(WebElement row) {
    return row.findElements(By.cssSelector("th, td")).stream()
        .map(c -> c.getText().replaceAll("\\s+", " ").trim())
        .toList();
  }

  private void scrollTo(WebElement e) {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].scrollIntoView({block: 'start', inline: 'nearest'})", e);
  }

  private WebElement active() {
    return driver.switchTo().activeElement();
  }

  private String outline(WebElement e) {
    return (String)
        ((JavascriptExecutor) driver)
            .executeScript("return getComputedStyle(arguments[0]).outlineStyle", e);
  }

  /** Waits up to 20 s (the machine is shared); on timeout says what the page's error box says. */
  private void waitFor(java.util.function.BooleanSupplier condition) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> condition.getAsBoolean());
    } catch (org.openqa.selenium.TimeoutException e) {
      List<WebElement> error = driver.findElements(By.id("error"));
      throw new AssertionError(
          "timed out; the page's error box says: "
              + (error.isEmpty()
                  ? "(no page)"
                  : "'" + error.get(0).getAttribute("textContent") + "'")
              + "; URL "
              + driver.getCurrentUrl()
              + "; status lines: "
              + js(
                  "return Array.from(document.querySelectorAll('[role=status]'))"
                      + ".map(e => e.id + '=' + e.textContent).join(' | ')"),
          e);
    }
  }

  /** The whole page (up to 6000 px down), not only the window: someone looks at these. */
  private void screenshot(String name) {
    try {
      long width = ((Number) js("return document.documentElement.clientWidth")).longValue();
      long height =
          Math.min(6000, ((Number) js("return document.documentElement.scrollHeight")).longValue());
      java.util.Map<String, Object> shot =
          driver.executeCdpCommand(
              "Page.captureScreenshot",
              java.util.Map.of(
                  "format",
                  "png",
                  "captureBeyondViewport",
                  true,
                  "clip",
                  java.util.Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          java.util.Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
