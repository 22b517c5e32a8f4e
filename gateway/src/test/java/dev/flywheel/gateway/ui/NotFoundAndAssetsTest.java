package dev.flywheel.gateway.ui;

import static dev.flywheel.gateway.ui.UiSupport.signedIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class NotFoundAndAssetsTest {

    @Test
    void anUnknownUiPathIsTheStyledNotFoundPageWithTheHeader() {
        signedIn().get("/ui/no/such/page")
                .then().statusCode(404).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("<link rel=\"stylesheet\" href=\"/static/flywheel.css\">"),
                        containsString("<h1>404 — Page not found</h1>"), containsString("id=\"nav-agents\""),
                        containsString("class=\"skip-link\""));
    }

    @Test
    void theFaviconIsServedToEveryoneAndEveryPageLinksIt() {
        given().get("/favicon.ico").then().statusCode(200).contentType(containsString("image/"));
        given().get("/static/favicon.svg").then().statusCode(200).body(containsString("<svg"));
        given().get("/ui/sign-in").then().statusCode(200).body(containsString("rel=\"icon\" href=\"/favicon.ico\""));
    }

    @Test
    void theHeaderMarksTheCurrentSectionAndTheLayoutHasASkipLink() {
        signedIn().get("/ui/no/such/page").then().body(not(containsString("aria-current")));
        given().get("/ui/sign-in").then().statusCode(200)
                .body(containsString("<a class=\"skip-link\" href=\"#main\">Skip to content</a>"),
                        containsString("<main id=\"main\" tabindex=\"-1\">"));
    }

    @Test
    void aNoticeIsShownOnlyForAKnownWriteNeverTextFromTheUrl() {
        given().get("/ui/sign-in?done=deleted").then().body(containsString("id=\"notice\">Deleted.</p>"));
        given().get("/ui/sign-in?done=<b>phish</b>").then().body(not(containsString("id=\"notice\"")), not(containsString("phish")));
        given().get("/ui/sign-in").then().body(not(containsString("id=\"notice\"")));
    }

    @Test
    void pageSectionsFollowThePath() {
        assertThat(PageContext.sectionOf("/ui/runs/r1")).isEqualTo("experiments");
        assertThat(PageContext.sectionOf("/ui/incidents/i1")).isEqualTo("verifications");
        assertThat(PageContext.sectionOf("/ui/")).isEqualTo("dashboard");
        assertThat(PageContext.sectionOf("/ui/agents/a/compare")).isEqualTo("agents");
    }
}
