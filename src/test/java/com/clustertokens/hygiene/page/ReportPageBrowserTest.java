package com.clustertokens.hygiene.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import com.clustertokens.hygiene.report.HygieneReport;

/**
 * The report page and the fleet index opened from files in a real headless browser: Debian's {@code chromium} and
 * {@code chromium-driver} (.ci/run installs them). Missing binaries fail the test: it never skips. Screenshots go to
 * target/screenshots/ for a person to look at.
 */
class ReportPageBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary",
            "/usr/bin/chromedriver"));
    private static final Path PAGES = Path.of("target", "report-page-browser-test").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM)).as("%s missing: apt-get install chromium chromium-driver "
                + "(.ci/run does)", CHROMIUM).isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as("%s missing: apt-get install chromium-driver (.ci/run "
                + "does)", CHROMEDRIVER).isTrue();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1200,900", "--hide-scrollbars", "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // The driver named here, never one Selenium Manager would download.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(PAGES);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void drawsBarsSizedByTheCountsListsTheRowsShowsMarkupAsTextAndLogsNoError() throws IOException {
        HygieneReport report = PageFixtures.report();
        Path csv = write("managed.example.com.stale.csv", StaleCsv.of(report));
        Path page = write("managed.example.com.html", ReportPage.render(new ReportPage.Input(report,
                PageFixtures.previous(), PageFixtures.remediation(), csv.getFileName().toString())));

        browser.get(page.toUri().toString());

        List<WebElement> bars = browser.findElements(By.cssSelector("svg.histogram rect.bar"));
        List<Long> counts = PageFixtures.AGES.asList();
        assertThat(bars).hasSize(7);
        long max = counts.stream().mapToLong(Long::longValue).max().orElseThrow();
        for (int i = 0; i < bars.size(); i++) {
            WebElement bar = bars.get(i);
            assertThat(Long.parseLong(bar.getDomAttribute("data-count"))).isEqualTo(counts.get(i));
            // The size the browser laid out, in CSS pixels: proportional to the count, the largest 180 high.
            assertThat((double) bar.getRect().getHeight()).as(bar.getDomAttribute("data-bucket"))
                    .isCloseTo(counts.get(i) * 180.0 / max, org.assertj.core.data.Offset.offset(1.0));
            assertThat(bar.getRect().getWidth()).isEqualTo(84);
        }
        assertThat(bars.get(0).getRect().getY() + bars.get(0).getRect().getHeight())
                .as("every bar stands on the same baseline")
                .isEqualTo(bars.get(5).getRect().getY() + bars.get(5).getRect().getHeight());

        List<WebElement> rows = browser.findElements(By.cssSelector("#stale-tokens tbody tr"));
        assertThat(rows).extracting(row -> row.findElement(By.cssSelector("td.id")).getText())
                .containsExactly("a1", "b2", "c3", "g7", "d4", "f6", "e5");
        assertThat(rows.get(1).findElement(By.cssSelector("td")).getText()).isEqualTo(PageFixtures.SCRIPT_NAME);
        assertThat(browser.findElements(By.tagName("script"))).as("markup in a name stays text").isEmpty();
        assertThat(rows.get(1).findElements(By.cssSelector("td")).get(3).getText()).isEqualTo("<b>mallory</b>");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(PageFixtures.SECRET_PART);
        assertThat(browser.findElements(By.cssSelector("#owners-ranked tbody tr"))).hasSize(6);
        assertThat(browser.findElement(By.linkText("CSV for spreadsheets")).getDomAttribute("href"))
                .isEqualTo(csv.getFileName().toString());

        assertNoConsoleErrors();
        screenshot("report-page.png");
    }

    @Test
    void opensTheFleetIndexWithALinkPerClusterThatLeadsToItsPage() throws IOException {
        write("prod.html", ReportPage.render(PageFixtures.report()));
        Path index = write("index.html", FleetIndexPage.render("run-1", PageFixtures.NOW, List.of(
                FleetIndexPage.Entry.reported("prod", PageFixtures.report().body().counts(), null, "prod.html"),
                FleetIndexPage.Entry.failed("emea", "ClusterUnavailableException: connect timed out"))));

        browser.get(index.toUri().toString());
        assertThat(browser.findElements(By.cssSelector("#fleet tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#fleet tbody tr:nth-child(2)")).getText())
                .contains("emea").contains("failed: ClusterUnavailableException: connect timed out");
        assertNoConsoleErrors();
        screenshot("fleet-index.png");

        browser.findElement(By.linkText("prod")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/prod.html");
        assertThat(browser.findElements(By.cssSelector("svg.histogram rect.bar"))).hasSize(7);
        assertNoConsoleErrors();
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(entries).as("the browser console").noneMatch(e -> e.getLevel().intValue() >= Level.WARNING
                .intValue());
    }

    /** A screenshot of the whole page, the window stretched to its height. */
    private static void screenshot(String name) throws IOException {
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1200, (int) Math.min(height + 20, 6000)));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1200, 900));
    }

    private static Path write(String name, String content) throws IOException {
        Path file = PAGES.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
