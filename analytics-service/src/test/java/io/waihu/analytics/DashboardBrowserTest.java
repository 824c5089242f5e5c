package io.waihu.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.events.Money;
import io.waihu.events.Topics;
import io.waihu.events.billing.DestinationClass;
import io.waihu.events.campaign.CampaignStarted;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.dialer.CallDisposition;
import io.waihu.testsupport.KafkaProbe;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in real headless Chromium against the real service: it signs in with a bearer token, shows the
 * campaign's figures, draws every chart, switches to Simplified Chinese, logs no console error, and leaves
 * screenshots in target/. Skips (with the reason) where Debian's chromium and chromedriver are not installed.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/dashboard/index.html")
    URL dashboard;

    @Test
    void dashboardShowsTheCampaignInBothLanguages() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromedriver (apt-get install chromium chromium-driver); not installed here");
        String tenant = "tenant-" + UUID.randomUUID();
        seed(tenant);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(tenant, "supervisor"))
                        .when().get("/api/v1/analytics/campaigns/" + AnalyticsFlowTest.CAMPAIGN + "/overview")
                        .then().statusCode(200).body("metrics.attempts", equalTo(4))
                        .body("metrics.cost[0].amount", equalTo("8.5")));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,2200", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().window().setSize(new Dimension(1400, 2200));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(dashboard.toString());

            // signed out: the form, then the token a supervisor would paste
            WebElement token = wait.until(d -> {
                WebElement t = d.findElement(By.id("token"));
                return t.isDisplayed() ? t : null;
            });
            token.sendKeys(TestTokens.token(tenant, "supervisor"));
            driver.findElement(By.cssSelector("#signin-form button")).click();

            wait.until(d -> d.findElements(By.cssSelector("[data-kpi=attempts] .value")).stream()
                    .anyMatch(e -> e.getText().equals("4")));
            assertThat(driver.findElement(By.cssSelector("[data-kpi=asr] .value")).getText()).isEqualTo("75%");
            assertThat(driver.findElement(By.cssSelector("[data-kpi=conversions] .value")).getText()).isEqualTo("1");
            assertThat(driver.findElement(By.cssSelector("[data-kpi=spend] .value")).getText()).isEqualTo("8.5 CNY");
            assertThat(driver.findElement(By.cssSelector("[data-kpi=abandon] .value")).getText()).startsWith("33.33%"); // 1 abandoned of 3 live answers
            wait.until(d -> !d.findElements(By.cssSelector("#alerts li[data-alert=BudgetThresholdReached]")).isEmpty());
            assertThat(driver.findElements(By.cssSelector("#carrier-table tr"))).hasSize(3); // header + cm + ct

            for (String chart : List.of("gauge", "series", "carriers", "heatmap")) {
                wait.until(d -> {
                    List<WebElement> canvases = d.findElements(By.cssSelector("#" + chart + " canvas"));
                    return !canvases.isEmpty() && canvases.get(0).getSize().getWidth() > 100
                            && canvases.get(0).getSize().getHeight() > 100;
                });
                // drawn, not just sized: some pixel of the canvas is not transparent
                Object painted = ((JavascriptExecutor) driver).executeScript(
                        "var c = document.querySelector('#" + chart + " canvas');"
                                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                                + "for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false;");
                assertThat(painted).as("chart %s has pixels", chart).isEqualTo(Boolean.TRUE);
            }
            Object heatCells = ((JavascriptExecutor) driver).executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('heatmap')).getOption().series[0].data.length");
            assertThat(((Number) heatCells).intValue()).as("heatmap cells").isGreaterThan(0);
            screenshot(driver, "dashboard-en.png");

            new Select(driver.findElement(By.id("lang"))).selectByValue("zh-CN");
            wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("Waihu 外呼分析"));
            assertThat(driver.findElement(By.cssSelector("[data-kpi=attempts] .label")).getText()).isEqualTo("呼叫次数");
            assertThat(driver.findElement(By.cssSelector("#alerts li .kind")).getText()).isIn("预算阈值", "预算耗尽");
            assertThat(driver.executeScript("return document.documentElement.lang")).isEqualTo("zh-CN");
            screenshot(driver, "dashboard-zh-CN.png");

            List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(errors).as("browser console errors").isEmpty();
        } finally {
            driver.quit();
            service.stop();
        }
    }

    /** 4 calls over two carriers and two hours; 8.5 of a 10 CNY budget, so the 80% alert is raised. */
    static void seed(String tenant) {
        Instant h0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        KafkaProbe.publish(Topics.CAMPAIGN_EVENTS, CampaignStarted.of(tenant, h0, AnalyticsFlowTest.CAMPAIGN, "Renewals Q4",
                DialMode.PREDICTIVE, "cn-default", Money.of("10.00", "CNY"), List.of("cm", "ct"),
                h0.plus(Duration.ofDays(1)), null, null), "campaign-service");
        publishCall(AnalyticsFlowTest.ended(tenant, "b1", "cm", CallDisposition.ANSWERED_HUMAN, h0.plusSeconds(30), 1500L, 5000L, 95_000, 90, false));
        publishCharge(AnalyticsFlowTest.charged(tenant, "b1", "cm", h0.plusSeconds(200), "4.0000", DestinationClass.MOBILE, 90));
        KafkaProbe.publish(Topics.OUTCOME_EVENTS, AnalyticsFlowTest.outcome(tenant, "b1", h0.plusSeconds(300), true, true), "campaign-service");
        publishCall(AnalyticsFlowTest.ended(tenant, "b2", "ct", CallDisposition.ABANDONED, h0.plusSeconds(90), 900L, 4000L, 6000, 2, true));
        publishCharge(AnalyticsFlowTest.charged(tenant, "b2", "ct", h0.plusSeconds(200), "0.5000", DestinationClass.MOBILE, 6));
        publishCall(AnalyticsFlowTest.ended(tenant, "b3", "cm", CallDisposition.NO_ANSWER, h0.plusSeconds(3700), 1100L, null, 30_000, 0, false));
        publishCall(AnalyticsFlowTest.ended(tenant, "b4", "cm", CallDisposition.ANSWERED_HUMAN, h0.plusSeconds(3800), 1300L, 4000L, 64_000, 60, false));
        publishCharge(AnalyticsFlowTest.charged(tenant, "b4", "cm", h0.plusSeconds(3900), "4.0000", DestinationClass.INTERNATIONAL, 60));
    }

    private static void publishCall(io.waihu.events.WaihuEvent e) {
        KafkaProbe.publish(Topics.CALL_EVENTS, e, "dialer-service");
    }

    private static void publishCharge(io.waihu.events.WaihuEvent e) {
        KafkaProbe.publish(Topics.CHARGE_EVENTS, e, "billing-service");
    }

    private static void screenshot(ChromeDriver driver, String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);
    }
}
