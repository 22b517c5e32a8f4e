package dev.flywheel.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.WRITE_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.gateway.FakeServices;
import dev.flywheel.gateway.routing.RouteTable;
import dev.flywheel.gateway.ui.UiGate;
import dev.flywheel.gateway.ui.UiSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Who may do what, route by route (SPEC §8): every path a service owns (read from the gateway's own
 * {@link RouteTable}, so a new route is covered without editing this test) and the gateway's own API refuse a
 * missing or wrong key with 401 and a read-only key's writes with 403, and nothing refused reaches a service;
 * health and static assets are open; every UI page sends its security headers, sends strangers to sign in and
 * refuses a read-only key's form posts even with a valid CSRF token.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class AccessTableTest {

    private static final List<String> WRITES = List.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<String> OPEN = List.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/health/started", "/health/loop-qa", "/health/loop-qa/partial", "/static/flywheel.css",
            "/webjars/htmx.org/2.0.4/dist/htmx.min.js");
    private static final List<String> UI_PAGES = List.of("/ui/", "/ui/agents", "/ui/agents/new", "/ui/agents/a1",
            "/ui/agents/a1/edit", "/ui/agents/a1/compare", "/ui/agents/a1/audit", "/ui/agents/a1/variants/new",
            "/ui/agents/a1/variants/v1/edit", "/ui/agents/a1/variants/v1/clone", "/ui/experiments",
            "/ui/experiments/e1", "/ui/runs/r1", "/ui/verifications", "/ui/verifications/v1", "/ui/incidents/i1",
            "/ui/agents/a1/variants/v1", "/ui/agents/a1/delete", "/ui/agents/a1/variants/v1/delete",
            "/ui/experiments/e1/live", "/ui/no-such-page");
    private static final List<String> UI_FORMS = List.of("/ui/agents", "/ui/agents/a1", "/ui/agents/a1/delete",
            "/ui/agents/a1/variants", "/ui/agents/a1/variants/v1", "/ui/agents/a1/variants/v1/activate",
            "/ui/agents/a1/variants/deactivate", "/ui/agents/a1/variants/v1/delete", "/ui/agents/a1/variants/v1/clone",
            "/ui/experiments", "/ui/experiments/e1/runs", "/ui/experiments/e1/batches", "/ui/selftest/run-all");

    @Inject
    RouteTable routes;

    @BeforeEach
    void everyServiceAnswersOk() {
        for (String service : List.of("variant", "run", "verify", "selftest")) {
            fake(service).register(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{}")));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyApiRouteNeedsAKeyWithTheRightScope() {
        List<String> paths = new ArrayList<>(List.of("/api/status", "/api/no-service-owns-this"));
        routes.prefixes().stream().filter(prefix -> prefix.startsWith("/api/"))
                .forEach(prefix -> paths.addAll(List.of(prefix, prefix + "/a1")));
        assertThat(paths).contains("/api/agents", "/api/experiments", "/api/runs", "/api/cache", "/api/verifications",
                "/api/incidents", "/api/tools", "/api/selftest");
        List<DynamicTest> tests = new ArrayList<>();
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                tests.add(named(method + " " + path + " without a key is 401",
                        () -> assertRefused(given(), method, path, 401)));
                tests.add(named(method + " " + path + " with a wrong key is 401",
                        () -> assertRefused(given().header("Authorization", "Bearer not-a-key"), method, path, 401)));
            }
            for (String method : WRITES) {
                tests.add(named(method + " " + path + " with a read-only key is 403",
                        () -> assertRefused(given().header("Authorization", READ_KEY), method, path, 403)));
            }
            tests.add(named("GET " + path + " with a read-only key gets through",
                    () -> assertThat(given().header("Authorization", READ_KEY).get(path).statusCode())
                            .isNotIn(401, 403)));
            tests.add(named("POST " + path + " with a write key gets through",
                    () -> assertThat(given().header("Authorization", WRITE_KEY).contentType("application/json")
                            .body("{}").post(path).statusCode()).isNotIn(401, 403)));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> healthAndStaticAssetsAreOpen() {
        assertThat(routes.prefixes().stream().filter(prefix -> !prefix.startsWith("/api/")))
                .allMatch(OPEN::contains);
        return OPEN.stream().map(path -> named("GET " + path + " needs no key",
                () -> assertThat(given().get(path).statusCode()).isEqualTo(200)));
    }

    @TestFactory
    Stream<DynamicTest> everyUiPageSendsItsSecurityHeadersAndStrangersToSignIn() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String page : UI_PAGES) {
            tests.add(named("GET " + page + " without a cookie goes to sign in", () -> {
                Response response = given().redirects().follow(false).get(page);
                assertSecurityHeaders(response);
                assertThat(response.statusCode()).isEqualTo(303);
                // Sign-in brings the browser back to the page it asked for.
                assertThat(response.header("Location")).isEqualTo(page.equals("/ui/") ? UiGate.SIGN_IN
                        : UiGate.SIGN_IN + "?next=" + java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8));
            }));
            tests.add(named("GET " + page + " with a forged cookie goes to sign in", () -> {
                Response response = given().redirects().follow(false).cookie(UiSupport.COOKIE, "forged").get(page);
                assertThat(response.statusCode()).isEqualTo(303);
            }));
            tests.add(named("GET " + page + " signed in carries the security headers",
                    () -> assertSecurityHeaders(UiSupport.signedIn().get(page))));
        }
        tests.add(named("GET " + UiGate.SIGN_IN + " carries the security headers",
                () -> assertSecurityHeaders(given().get(UiGate.SIGN_IN))));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> uiFormsNeedTheWriteScope() {
        return UI_FORMS.stream().flatMap(form -> Stream.of(
                named("POST " + form + " without a cookie goes to sign in", () -> {
                    Response response = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                            .formParam("csrf_token", "x").post(form);
                    assertThat(response.statusCode()).isEqualTo(303);
                }),
                named("POST " + form + " with a read-only key is 403 and reaches no service", () -> {
                    String requestId = "ui-" + UUID.randomUUID();
                    Response response = UiSupport.formAs(UiSupport.READ_KEY).header("X-Request-Id", requestId)
                            .formParam("name", "x").formParam("variant_name", "x").formParam("model_name", "x")
                            .post(form);
                    assertSecurityHeaders(response);
                    assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
                    assertNothingReachedAService(requestId);
                })));
    }

    /** A case whose failure names it: surefire reports dynamic tests only by their index. */
    private static DynamicTest named(String name, Executable check) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                check.execute();
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        });
    }

    private void assertRefused(RequestSpecification request, String method, String path, int status) {
        String requestId = "access-" + UUID.randomUUID();
        Response response = request.header("X-Request-Id", requestId).contentType("application/json").body("{}")
                .request(method, path);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertNothingReachedAService(requestId);
    }

    private void assertNothingReachedAService(String requestId) {
        for (String service : List.of("variant", "run", "verify", "selftest")) {
            fake(service).verifyThat(0, anyRequestedFor(anyUrl()).withHeader("X-Request-Id", equalTo(requestId)));
        }
    }

    private static void assertSecurityHeaders(Response response) {
        assertThat(response.header("Content-Security-Policy")).isEqualTo(UiGate.CSP);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(Optional.ofNullable(response.header("Cache-Control")).orElse("")).contains("no-store");
    }
}
