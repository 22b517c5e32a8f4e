package dev.flywheel.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them): sign in,
 * create a variant through the form, activate it, and see the dashboard's capability panel render six rows.
 * Screenshots of every page land in target/screenshots/ for the README.
 */
@ExtendWith(Suite.class)
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void openTheBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertThat(installed).as("CI must have Debian's chromium and chromium-driver (.ci/run installs them)").isTrue();
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed: apt-get install chromium chromium-driver");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("flywheel-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInCreateAndActivateAVariantThenSeeSixCapabilities() throws Exception {
        String gateway = Suite.get().gatewayUrl();
        String agentName = "browser-agent-" + UUID.randomUUID().toString().substring(0, 8);
        String agentId = given().header("Authorization", "Bearer " + Suite.API_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", agentName, "model_provider", "echo", "model_name", "base-model"))
                .post(gateway + "/api/agents").then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + Suite.API_KEY).post(gateway + "/api/selftest/run-all")
                .then().statusCode(200);

        browser.get(gateway + "/ui/sign-in");
        shot("sign-in");
        WebElement signIn = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
        signIn.findElement(By.name("api_key")).sendKeys(Suite.API_KEY);
        signIn.submit();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("sign-in")));

        browser.get(gateway + "/ui/agents/" + agentId + "/variants/new");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("variant-form")));
        form.findElement(By.name("variant_name")).sendKeys("Careful");
        WebElement modelName = form.findElement(By.name("model_name"));
        modelName.clear();
        modelName.sendKeys("careful-model");
        shot("variant-form");
        form.submit();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "careful"));
        browser.get(gateway + "/ui/agents/" + agentId);
        WebElement activate = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.activate")));
        shot("agent");
        activate.click();
        wait.until(d -> given().header("Authorization", "Bearer " + Suite.API_KEY)
                .get(gateway + "/api/agents/" + agentId + "/resolved-config").then().extract()
                .path("model_name").equals("careful-model"));

        browser.get(gateway + "/ui/");
        List<WebElement> rows = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#capability-panel .capability-row"));
            return found.size() == 6 ? found : null;
        });
        assertThat(rows).hasSize(6);
        shot("dashboard");

        browser.get(gateway + "/ui/agents");
        shot("agents");
        browser.get(gateway + "/ui/experiments");
        shot("experiments");
        browser.get(gateway + "/ui/verifications");
        shot("verifications");
    }

    private static void shot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
