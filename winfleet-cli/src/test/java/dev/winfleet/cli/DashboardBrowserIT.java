package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.openqa.selenium.OutputType;
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
    List<WebElement> captions = driver.findElements(By.cssSelector("#fleet-groups caption"));
    assertThat(captions)
        .extracting(WebElement::getText)
        .anyMatch(c -> c.startsWith("Windows Server 2019 (10.0.17763) · kubelet v1.34.2"))
        .anyMatch(c -> c.startsWith("Windows Server 2025 (10.0.26100) · kubelet v1.35.0"));
    assertThat(driver.findElement(By.id("panel-fleet")).getText())
        .contains("win2022-1", "os=windows:NoSchedule", "31.9 GiB");
    screenshot("fleet");
  }

  @Test
  void theMatrixShowsTheFleetsBuildsWithTextInEveryCell() {
    driver.findElement(By.id("tab-matrix")).click();
    List<String> columns =
        driver.findElements(By.cssSelector("#matrix-table thead th")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(String.join("|", columns))
        .contains("Linux", "Windows Server 2019 (10.0.17763)", "Windows Server 2022 (10.0.20348)")
        .contains("Windows Server 2025 (10.0.26100)");
    WebElement row =
        driver.findElement(
            By.xpath(
                "//table[@id='matrix-table']//tr[th//code[text()='mcr.microsoft.com/windows/servercore:1809-amd64']]"));
    List<WebElement> cells = row.findElements(By.tagName("td"));
    assertThat(cells)
        .extracting(WebElement::getText)
        .containsExactly("✖ none", "✔ process", "◐ Hyper-V only", "◐ Hyper-V only");
    cells.get(2).findElement(By.tagName("summary")).click();
    assertThat(cells.get(2).getText()).contains("Hyper-V isolation:");
    screenshot("matrix");
  }

  @Test
  void filtersBySeverityRuleAndNamespaceChangeTheRows() {
    driver.findElement(By.id("tab-workloads")).click();
    int all = rows().size();
    assertThat(all).isGreaterThan(10);

    new Select(driver.findElement(By.id("filter-severity"))).selectByValue("error");
    waitFor(() -> rows().size() < all);
    assertThat(rows()).extracting(r -> r.getAttribute("data-severity")).containsOnly("error");

    new Select(driver.findElement(By.id("filter-severity"))).selectByValue("");
    new Select(driver.findElement(By.id("filter-rule"))).selectByValue("deprecated-os-label");
    waitFor(() -> rows().size() == 2);
    assertThat(rows())
        .extracting(r -> r.getAttribute("data-rule"))
        .containsOnly("deprecated-os-label");

    new Select(driver.findElement(By.id("filter-rule"))).selectByValue("");
    new Select(driver.findElement(By.id("filter-namespace"))).selectByValue("legacy");
    waitFor(
        () -> rows().stream().allMatch(r -> r.getAttribute("data-workload").startsWith("legacy/")));
    assertThat(driver.findElement(By.id("findings-count")).getText()).contains("in 2 workloads");
    screenshot("findings-legacy");

    driver.findElement(By.id("filter-reset")).click();
    waitFor(() -> rows().size() == all);
  }

  @Test
  void theUpgradeSimulationShowsThePlannersAnswerAndTheWaves() {
    simulate("ltsc2022", "win2019-1", "win2019-2");
    // What breaks: seed 002's win-server tolerates no Windows taint, so no node runs it at all.
    WebElement winServer = simulated("default/Deployment/win-server");
    assertThat(winServer.getAttribute("data-status")).isEqualTo("breaks");
    assertThat(winServer.getText()).contains("✖ breaks", "no node runs it even before the upgrade");
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
        .isEqualTo("breaks");
    assertThat(driver.findElement(By.id("simulate-status")).getText())
        .contains("Upgrading win2019-1, win2019-2 to Windows Server 2022 (10.0.20348)")
        .contains("4 break, 1 to rebuild, 7 ok; 2 waves.");
    // The catalog's budget lets one pod go at a time: one node per wave, rebuild first.
    List<WebElement> waves = driver.findElements(By.cssSelector("#waves-table tbody tr"));
    assertThat(waves).hasSize(2);
    assertThat(cells(waves.get(0)).subList(0, 3)).containsExactly("Wave 1", "win2019-1", "✔ safe");
    assertThat(cells(waves.get(0)).get(3)).startsWith("rebuild first: Deployment/catalog");
    assertThat(cells(waves.get(1)).subList(0, 3)).containsExactly("Wave 2", "win2019-2", "✔ safe");
    assertThat(driver.findElement(By.cssSelector("#waves-table caption")).getText())
        .contains("in this order");
    scrollTo(driver.findElement(By.id("simulate-status")));
    screenshot("simulation");
    scrollTo(driver.findElement(By.id("waves-table")));
    screenshot("simulation-waves");
  }

  @Test
  void aBudgetThatAllowsNoDisruptionShowsBlockedWaves() {
    simulate("ltsc2025", "win2022-1", "win2022-2", "win2022-3");
    WebElement orders = simulated("web/Deployment/orders-api");
    assertThat(orders.getAttribute("data-status")).isEqualTo("rebuild");
    assertThat(orders.getText())
        .contains("node.kubernetes.io/windows-build", "10.0.26100", "now 10.0.20348");
    List<WebElement> waves = driver.findElements(By.cssSelector("#waves-table tbody tr"));
    assertThat(waves).hasSize(3);
    assertThat(waves).allMatch(w -> "true".equals(w.getAttribute("data-blocked")));
    assertThat(cells(waves.get(0)).get(2)).isEqualTo("✖ blocked");
    assertThat(cells(waves.get(0)).get(3)).contains("web/PodDisruptionBudget/orders-api");
    assertThat(driver.findElement(By.id("simulate-status")).getText())
        .contains("3 waves (3 blocked)");
    scrollTo(driver.findElement(By.id("waves-table")));
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
  void theVerdictsOfTheReplayedExamplesShow() {
    driver.findElement(By.id("tab-verdicts")).click();
    waitFor(() -> !driver.findElements(By.cssSelector("#verdicts-table tbody tr")).isEmpty());
    assertThat(driver.findElement(By.id("verdicts-table")).getText())
        .contains("mutate", "validate", "Deployment/win-server");
    screenshot("verdicts");
  }

  @Test
  void theKeyboardReachesAndOperatesTheControls() {
    // Tab from the top of the page: the skip link, then the selected tab.
    WebElement body = driver.findElement(By.tagName("body"));
    body.sendKeys(Keys.TAB);
    assertThat(active().getAttribute("class")).isEqualTo("skip-link");
    active().sendKeys(Keys.TAB);
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

    // The workload filters are labelled controls reachable the same way.
    driver.findElement(By.id("tab-workloads")).click();
    active().sendKeys(Keys.TAB, Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("filter-severity");
    assertThat(driver.findElements(By.cssSelector("label[for='filter-severity']"))).hasSize(1);
    screenshot("keyboard");
  }

  private List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#findings-table tbody tr"));
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
    waitFor(() -> !driver.findElements(By.id("waves-table")).isEmpty());
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

  private void waitFor(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> condition.getAsBoolean());
  }

  private void screenshot(String name) {
    try {
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
