package dev.flywheel.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them), driven through
 * the pages only, the way a new user would: sign in from a deep link, create an agent (and meet a taken slug inline),
 * a variant, activate it, launch an agent-slug run and an overriding run from an experiment and check through the API
 * what they ran and what the variant counted, watch a batch's progress bar reach 100 % without a reload, delete after
 * a confirmation. Every page visited is checked with axe-core (no serious or critical violation, signed in and out)
 * and for horizontal scrolling at 360 px; screenshots (desktop and phone) land in target/screenshots/.
 */
@ExtendWith(Suite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
    private static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(360, 800);
    /** Every page the flows visited, by screenshot name: the last test checks each at both widths. */
    private static final Map<String, String> PAGES = new LinkedHashMap<>();
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static String gateway;
    private static String agentName;
    private static String agentId;
    private static String variantId;
    private static String experimentId;

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
                "--disable-dev-shm-usage", "--window-size=1366,900",
                "--user-data-dir=" + Files.createTempDirectory("flywheel-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        gateway = Suite.get().gatewayUrl();
        agentName = "Browser agent " + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void signingInFromADeepLinkLandsOnThatPageAndAWrongKeyIsExplained() throws Exception {
        browser.get(gateway + "/ui/experiments");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        checkPage("sign-in");
        WebElement form = browser.findElement(By.id("signin-form"));
        form.findElement(By.name("api_key")).sendKeys("not-the-key");
        form.submit();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
        assertThat(error.getText()).contains("That API key is not valid");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("signin-error");
        checkPage("sign-in-error");

        form = browser.findElement(By.id("signin-form"));
        form.findElement(By.name("api_key")).sendKeys(Suite.API_KEY);
        form.submit();
        wait.until(ExpectedConditions.urlToBe(gateway + "/ui/experiments"));
        assertThat(browser.findElement(By.id("nav-experiments")).getAttribute("aria-current")).isEqualTo("page");
        PAGES.put("experiments", gateway + "/ui/experiments");
    }

    @Test
    @Order(2)
    void anAgentAndAVariantAreCreatedAndActivatedWithATakenSlugShownInline() throws Exception {
        browser.get(gateway + "/ui/agents/new");
        fillAgentForm(agentName);
        browser.findElement(By.id("agent-form")).submit();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Created."));
        agentId = browser.getCurrentUrl().replaceAll(".*/ui/agents/([^/?]+).*", "$1");
        assertThat(browser.findElement(By.id("agent-name")).getText()).isEqualTo(agentName);
        PAGES.put("agent", gateway + "/ui/agents/" + agentId);

        // The same name again: its slug is taken, and the form comes back with the conflict and what was typed.
        browser.get(gateway + "/ui/agents/new");
        fillAgentForm(agentName);
        browser.findElement(By.id("agent-form")).submit();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-errors")));
        assertThat(summary.getText()).contains("already exists");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("form-errors");
        assertThat(browser.findElement(By.name("name")).getAttribute("value")).isEqualTo(agentName);
        assertThat(browser.findElement(By.name("user_prompt_template")).getAttribute("value")).isEqualTo("Base: {{ input }}");
        checkPage("agent-conflict");

        browser.get(gateway + "/ui/agents/" + agentId + "/variants/new");
        WebElement variantForm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("variant-form")));
        variantForm.findElement(By.name("variant_name")).sendKeys("Careful");
        replace(variantForm.findElement(By.name("model_name")), "careful-model");
        replace(variantForm.findElement(By.name("user_prompt_template")), "Careful: {{ input }}");
        shot("variant-form");
        variantForm.submit();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Created."));

        WebElement row = browser.findElement(By.cssSelector("tr.variant-row[data-variant-slug='careful']"));
        variantId = row.getAttribute("data-variant-id");
        row.findElement(By.cssSelector("button.activate")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Variant activated"));
        assertThat(browser.findElement(By.cssSelector("tr.variant-row[data-variant-id='" + variantId + "'] .is-active"))
                .getText()).isEqualTo("active");
        PAGES.put("variant", gateway + "/ui/agents/" + agentId + "/variants/" + variantId);
        PAGES.put("compare", gateway + "/ui/agents/" + agentId + "/compare?variant_ids=" + variantId);
        PAGES.put("audit", gateway + "/ui/agents/" + agentId + "/audit");

        browser.get(gateway + "/ui/agents");
        WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr.agent-row[data-agent-id='" + agentId + "'] .active-model")));
        assertThat(listed.getText()).contains("echo:careful-model");
        PAGES.put("agents", gateway + "/ui/agents");
    }

    @Test
    @Order(3)
    void anAgentSlugRunUsesTheAgentAndAnOverridingRunIsLeftOutOfTheVariantsMetrics() throws Exception {
        browser.get(gateway + "/ui/experiments");
        WebElement create = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("experiment-form")));
        create.findElement(By.name("name")).sendKeys("Browser experiment");
        create.submit();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("experiment-name")));
        experimentId = browser.getCurrentUrl().replaceAll(".*/ui/experiments/([^/?]+).*", "$1");
        assertThat(browser.findElement(By.id("no-runs")).getText()).contains("Launch one below");

        String slug = api().get("/api/agents/{id}", agentId).then().extract().path("slug");
        String marker = "m-" + UUID.randomUUID();
        String faithful = launchRun(slug, null, marker);
        JsonPath run = awaitRun(faithful);
        assertThat(run.getString("status")).as("run error: %s", run.getString("error")).isEqualTo("completed");
        assertThat(run.getString("variant_id")).isEqualTo(variantId);
        assertThat(run.getString("stages[0].model_used")).contains("careful-model");
        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("Careful: " + marker);
        assertThat(run.getList("overridden_fields")).isEmpty();
        // The form sent only what was filled in: no model or template of its own.
        assertThat(run.<String, Object>getMap("config").entrySet().stream().filter(e -> e.getValue() != null)
                .map(Map.Entry::getKey)).containsExactlyInAnyOrder("agent_slug", "input_data", "cache");
        browser.navigate().refresh();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-status"))).getText())
                .isEqualTo("completed");
        PAGES.put("run", gateway + "/ui/runs/" + faithful);

        String overriding = launchRun(slug, "Mine: {{ input }}", marker);
        JsonPath other = awaitRun(overriding);
        assertThat(other.getList("overridden_fields")).containsExactly("prompt");
        assertThat(other.getString("stages[0].prompt_sent")).isEqualTo("Mine: " + marker);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> api()
                .get("/api/agents/{a}/variants/{v}/history", agentId, variantId).then().extract()
                .jsonPath().getList("items").size() == 2);
        api().get("/api/agents/{a}/variants/{v}/metrics", agentId, variantId).then().statusCode(200)
                .body("runs", org.hamcrest.Matchers.is(1));
        browser.get(PAGES.get("variant"));
        List<WebElement> notCounted = wait.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("tr.history-row.not-counted"));
            return rows.isEmpty() ? null : rows;
        });
        assertThat(notCounted).hasSize(1);
        assertThat(notCounted.get(0).getAttribute("data-run-id")).isEqualTo(overriding);
        assertThat(browser.findElement(By.id("series-chart")).isDisplayed()).isTrue();
    }

    @Test
    @Order(4)
    void aBatchsProgressReachesOneHundredPercentWithoutAReload() throws Exception {
        browser.get(gateway + "/ui/experiments/" + experimentId);
        browser.findElement(By.cssSelector("#batch-details > summary")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-form")));
        form.findElement(By.name("prompts")).sendKeys("Short: {{ input }}\nLong: {{ input }} {{ input }}\nQuote {{ input }}");
        replace(form.findElement(By.name("models")), "echo:a\necho:b");
        form.findElement(By.name("inputs")).sendKeys("one\ntwo\nthree\nfour\nfive");
        replace(form.findElement(By.name("repeat")), "4");
        form.submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Launched"));

        // A marker in the page's own window: a reload would drop it.
        ((JavascriptExecutor) browser).executeScript("window.flywheelNoReload = true;");
        int first = percent();
        shot("experiment-live");
        assertThat(first).as("the batch of 120 runs had ended before the page showed it").isLessThan(100);
        // The page follows the experiment's event stream; nothing polls.
        assertThat(browser.findElement(By.id("experiment-live")).getAttribute("data-events"))
                .isEqualTo("/api/experiments/" + experimentId + "/events?until=idle");
        // The bar shows 100 % as soon as the last count arrives, and the page then swaps its results fragment once
        // more for one rendered without the stream (no data-events): the end is that fragment, read in one script
        // (atomic for the page) rather than element by element, which could straddle the swap; and only after it is
        // anything clicked, which could otherwise hit an element the swap removes.
        Map<?, ?> end = new WebDriverWait(browser, Duration.ofSeconds(180)).pollingEvery(Duration.ofMillis(250))
                .until(d -> {
                    Map<?, ?> state = liveState();
                    return "100".equals(state.get("percent")) && state.get("events") == null
                            && ((Number) state.get("rows")).intValue() >= 6 ? state : null;
                });
        assertThat(end.get("noReload")).isEqualTo(true);
        assertThat((String) end.get("label")).startsWith("122 of 122 runs finished");
        assertThat(end.get("trigger")).isNull();
        PAGES.put("experiment", gateway + "/ui/experiments/" + experimentId);

        browser.findElement(By.id("sort-score")).click();
        wait.until(ExpectedConditions.urlContains("sort=score"));
        assertThat(browser.findElement(By.cssSelector("th[aria-sort='descending'] #sort-score"))).isNotNull();
    }

    @Test
    @Order(5)
    void twoRunsAreComparedSideBySideAndAPromptIsPreviewedInPlace() throws Exception {
        browser.get(gateway + "/ui/experiments/" + experimentId);
        List<WebElement> rows = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("tr.run-row"));
            return found.size() >= 2 ? found : null;
        });
        String left = rows.get(0).getAttribute("data-run-id");
        String right = rows.get(1).getAttribute("data-run-id");
        rows.get(0).findElement(By.name("run")).click();
        rows.get(1).findElement(By.name("run")).click();
        browser.findElement(By.id("compare-runs")).click();
        wait.until(ExpectedConditions.urlContains("/ui/runs/compare"));
        assertThat(browser.findElements(By.cssSelector("tr.compared-run")).stream().map(r -> r.getAttribute("data-run-id")))
                .containsExactly(left, right);
        List<WebElement> outputs = browser.findElements(By.cssSelector(".stage-pair[data-stage='1'] .response-raw"));
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).getText()).isEqualTo(api().get("/api/runs/{id}", left).then().extract()
                .path("stages[0].response_raw"));
        PAGES.put("run-compare", browser.getCurrentUrl());

        browser.get(gateway + "/ui/experiments/" + experimentId);
        browser.findElement(By.cssSelector("#run-details > summary")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-form")));
        form.findElement(By.name("prompt_template")).sendKeys("Preview: {{ input }}");
        form.findElement(By.name("input_data")).sendKeys("seen");
        browser.findElement(By.id("preview-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("preview-text"), "Preview: seen"));
        // Rendered in place by htmx: still the experiment page, with what was typed.
        assertThat(browser.getCurrentUrl()).endsWith("/ui/experiments/" + experimentId);
        assertThat(browser.findElement(By.name("input_data")).getAttribute("value")).isEqualTo("seen");
        checkPage("experiment-preview");
        api().get("/api/runs?experiment_id={id}&limit=500", experimentId).then()
                .body("items.findAll { it.input == 'seen' }.size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    @Order(6)
    void deletingAsksFirstAndASystemAgentOffersNoDelete() throws Exception {
        browser.get(gateway + "/ui/agents/00000000-0000-0000-0000-000000000001");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("system-agent-note"))).getText())
                .contains("can be edited but not deleted");
        assertThat(browser.findElements(By.id("delete-agent"))).isEmpty();

        String doomed = api().body(Map.of("variant_name", "Doomed")).post("/api/agents/{id}/variants", agentId).then()
                .statusCode(201).extract().path("id");
        browser.get(gateway + "/ui/agents/" + agentId);
        browser.findElement(By.cssSelector("tr.variant-row[data-variant-id='" + doomed + "'] a.delete")).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-delete")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Delete variant “Doomed”?");
        PAGES.put("confirm-delete", browser.getCurrentUrl());
        browser.findElement(By.id("cancel-delete")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agent-name")));
        api().get("/api/agents/{a}/variants/{v}", agentId, doomed).then().statusCode(200);

        browser.get(gateway + "/ui/agents/" + agentId + "/variants/" + doomed + "/delete");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-delete"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Deleted."));
        assertThat(browser.findElements(By.cssSelector("tr.variant-row[data-variant-id='" + doomed + "']"))).isEmpty();
        api().get("/api/agents/{a}/variants/{v}", agentId, doomed).then().statusCode(404);
        assertThat(confirm).isNotNull();
    }

    /** Sign in, create an agent and a variant, launch a run, confirm a delete: Tab, Enter and Space, and typing. */
    @Test
    @Order(7)
    void theMainFlowsWorkWithTheKeyboardAlone() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(gateway + "/ui/agents");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        tabTo(browser.findElement(By.name("api_key")));
        type(Suite.API_KEY, Keys.ENTER);
        wait.until(ExpectedConditions.urlToBe(gateway + "/ui/agents"));

        tabTo(browser.findElement(By.id("new-agent")));
        type(Keys.ENTER);
        WebElement agentForm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agent-form")));
        String name = "Keyboard agent " + UUID.randomUUID().toString().substring(0, 8);
        tabTo(agentForm.findElement(By.name("name")));
        type(name);
        tabTo(agentForm.findElement(By.name("model_provider")));
        type(Keys.END, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE,
                Keys.BACK_SPACE, "echo");
        tabTo(agentForm.findElement(By.name("model_name")));
        type("keys");
        tabTo(agentForm.findElement(By.name("user_prompt_template")));
        type("Keys: {{ input }}");
        tabTo(agentForm.findElement(By.cssSelector("button[type='submit']")));
        type(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Created."));
        String keyboardAgent = browser.getCurrentUrl().replaceAll(".*/ui/agents/([^/?]+).*", "$1");

        tabTo(browser.findElement(By.id("new-variant")));
        type(Keys.ENTER);
        WebElement variantForm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("variant-form")));
        tabTo(variantForm.findElement(By.name("variant_name")));
        type("Typed");
        tabTo(variantForm.findElement(By.cssSelector("button[type='submit']")));
        type(Keys.SPACE);
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Created."));
        String typed = browser.findElement(By.cssSelector("tr.variant-row[data-variant-slug='typed']"))
                .getAttribute("data-variant-id");

        browser.get(gateway + "/ui/experiments/" + experimentId);
        tabTo(browser.findElement(By.cssSelector("#run-details > summary")));
        type(Keys.ENTER);
        WebElement runForm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-form")));
        String slug = api().get("/api/agents/{id}", keyboardAgent).then().extract().path("slug");
        tabTo(runForm.findElement(By.name("agent_slug")));
        type(slug);
        tabTo(runForm.findElement(By.name("input_data")));
        type("typed input");
        tabTo(runForm.findElement(By.cssSelector("button[type='submit']:not([formaction])")));
        type(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/ui/runs/"));
        JsonPath run = awaitRun(browser.getCurrentUrl().replaceAll(".*/ui/runs/([^/?]+).*", "$1"));
        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("Keys: typed input");

        browser.get(gateway + "/ui/agents/" + keyboardAgent);
        tabTo(browser.findElement(By.cssSelector("tr.variant-row[data-variant-id='" + typed + "'] a.delete")));
        type(Keys.ENTER);
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-delete")));
        tabTo(confirm);
        type(Keys.SPACE);
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Deleted."));
        api().get("/api/agents/{a}/variants/{v}", keyboardAgent, typed).then().statusCode(404);
    }

    @Test
    @Order(8)
    void aVerificationSaysWhyItsEvidenceIsMissingAndShowsBeforeAndAfterAsADiff() throws Exception {
        String incident = "browser-incident-" + UUID.randomUUID();
        Map<String, Object> healthy = Map.of("incident_id", incident, "signals", List.of(Map.of("labels",
                Map.of("alertname", "ServiceDown", "health_url", Suite.get().url("variant-service") + "/q/health/ready"))));
        String snapshot = api().body(healthy).post("/api/incidents/{id}/pre-state", incident).then().statusCode(201)
                .extract().path("id");
        String verified = api().body(Map.of("incident", healthy, "action_taken", "restart", "warmup_sec", 0,
                "snapshot_id", snapshot)).post("/api/verifications?wait=true").then().statusCode(200).extract().path("id");
        Map<String, Object> unreachable = Map.of("incident_id", incident, "signals", List.of(Map.of("labels",
                Map.of("alertname", "ServiceDown", "health_url", "http://127.0.0.1:9/health"))));
        String failed = api().body(Map.of("incident", unreachable, "action_taken", "rollback", "warmup_sec", 0))
                .post("/api/verifications?wait=true").then().statusCode(200).body("result", org.hamcrest.Matchers.is("failed"))
                .extract().path("id");

        browser.get(gateway + "/ui/verifications/" + failed);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("failure-reason"))).getText())
                .startsWith("Not collected: ").contains("http_health");
        PAGES.put("verification-failed", browser.getCurrentUrl());

        browser.get(gateway + "/ui/verifications/" + verified);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("diff-state")));
        assertThat(browser.findElements(By.cssSelector("#diff-state tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.id("failure-reason"))).isEmpty();
        PAGES.put("verification", browser.getCurrentUrl());
        PAGES.put("incident", gateway + "/ui/incidents/" + incident);

        browser.get(gateway + "/ui/verifications");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr.verification-row[data-verification-id='" + failed + "']")));
        assertThat(row.getText()).contains("http_health");
    }

    @Test
    @Order(9)
    void everyPageHasNoSeriousAccessibilityViolationAndNoSidewaysScrollingAt360Pixels() throws Exception {
        PAGES.put("dashboard", gateway + "/ui/");
        PAGES.put("verifications", gateway + "/ui/verifications");
        PAGES.put("not-found", gateway + "/ui/no-such-page");
        assertThat(PAGES).containsKeys("agents", "agent", "variant", "compare", "audit", "experiments", "experiment", "run",
                "run-compare", "verification", "verification-failed", "incident");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            browser.manage().window().setSize(DESKTOP);
            browser.get(page.getValue());
            wait.until(d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
            failures.addAll(violations(page.getKey()));
            shot(page.getKey());
            browser.manage().window().setSize(PHONE);
            browser.navigate().refresh();
            wait.until(d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
            long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            if (overflow > 0) {
                failures.add(page.getKey() + " scrolls sideways by " + overflow + " px at 360 px");
            }
            failures.addAll(violations(page.getKey() + " at 360 px"));
            shot(page.getKey() + "-phone");
        }
        browser.manage().window().setSize(DESKTOP);
        assertThat(failures).as("pages with serious or critical axe violations or sideways scrolling").isEmpty();
    }

    private static void checkPage(String name) throws Exception {
        assertThat(violations(name)).as("serious or critical axe violations on " + name).isEmpty();
        shot(name);
    }

    /** axe-core's serious and critical violations on the current page, as readable lines. */
    private static List<String> violations(String page) {
        Results results = new AxeBuilder().analyze(browser);
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (BLOCKING_IMPACTS.contains(rule.getImpact())) {
                found.add(page + ": " + rule.getId() + " (" + rule.getImpact() + ") " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).limit(3)
                                .collect(Collectors.joining(", ")));
            }
        }
        return found;
    }

    private static void fillAgentForm(String name) {
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agent-form")));
        form.findElement(By.name("name")).sendKeys(name);
        replace(form.findElement(By.name("model_provider")), "echo");
        form.findElement(By.name("model_name")).sendKeys("base-model");
        form.findElement(By.name("user_prompt_template")).sendKeys("Base: {{ input }}");
    }

    /** Launches a run from the experiment page's form; answers the new run's id (the page goes to the run). */
    private static String launchRun(String agentSlug, String prompt, String input) throws Exception {
        browser.get(gateway + "/ui/experiments/" + experimentId);
        browser.findElement(By.cssSelector("#run-details > summary")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-form")));
        form.findElement(By.name("agent_slug")).sendKeys(agentSlug);
        if (prompt != null) {
            form.findElement(By.name("prompt_template")).sendKeys(prompt);
        }
        form.findElement(By.name("input_data")).sendKeys(input);
        form.submit();
        wait.until(ExpectedConditions.urlContains("/ui/runs/"));
        return browser.getCurrentUrl().replaceAll(".*/ui/runs/([^/?]+).*", "$1");
    }

    private static JsonPath awaitRun(String runId) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> api().get("/api/runs/{id}", runId).then().statusCode(200).extract().jsonPath(),
                        r -> List.of("completed", "failed").contains(r.getString("status")));
    }

    private static int percent() {
        List<WebElement> bars = browser.findElements(By.id("experiment-progress"));
        return bars.isEmpty() ? -1 : Integer.parseInt(bars.get(0).getAttribute("data-percent"));
    }

    /** The experiment page's live part as one snapshot: progress, its label, leaderboard rows, polling, reload marker. */
    private static Map<?, ?> liveState() {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeScript("""
                var bar = document.getElementById('experiment-progress');
                var label = document.getElementById('progress-label');
                var live = document.getElementById('experiment-live');
                return {percent: bar ? bar.getAttribute('data-percent') : null,
                        label: label ? label.innerText.trim() : null,
                        trigger: live ? live.getAttribute('hx-trigger') : 'no live part',
                        events: live ? live.getAttribute('data-events') : 'no live part',
                        rows: document.querySelectorAll('#leaderboard tr.leaderboard-row').length,
                        noReload: window.flywheelNoReload === true};""");
    }

    /** Presses Tab until {@code target} has the focus, as a keyboard user would reach it. */
    private static void tabTo(WebElement target) {
        for (int presses = 0; presses < 400; presses++) {
            if (browser.switchTo().activeElement().equals(target)) {
                return;
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + target.getTagName() + " " + target.getAttribute("outerHTML"));
    }

    /** Keys to whatever has the focus. */
    private static void type(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private static void replace(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    private static RequestSpecification api() {
        return given().baseUri(gateway).header("Authorization", "Bearer " + Suite.API_KEY)
                .contentType(io.restassured.http.ContentType.JSON);
    }

    private static void shot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
