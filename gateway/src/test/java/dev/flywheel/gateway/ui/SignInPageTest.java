package dev.flywheel.gateway.ui;

import static dev.flywheel.gateway.ui.UiSupport.COOKIE;
import static dev.flywheel.gateway.ui.UiSupport.WRITE_KEY;
import static dev.flywheel.gateway.ui.UiSupport.signedIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class SignInPageTest {

    @Test
    void theSignInPageHasTheFormAndTheSecurityHeaders() {
        given().get("/ui/sign-in")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy",
                        is("default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'"))
                .header("X-Content-Type-Options", is("nosniff"))
                .body(containsString("id=\"signin-form\""), containsString("name=\"api_key\""),
                        not(containsString("<script>")), not(containsString(" style=")));
    }

    @Test
    void aValidKeySetsAnHttpOnlyStrictCookieAndGoesToTheDashboard() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("api_key", WRITE_KEY)
                .post("/ui/sign-in")
                .then().statusCode(303)
                .header("Location", containsString("/ui/"))
                .header("Set-Cookie", allOf(containsString(COOKIE + "=" + WRITE_KEY), containsStringIgnoringCase("HttpOnly"),
                        containsString("SameSite=Strict"), containsString("Path=/"), not(containsString("Secure"))));
    }

    @Test
    void aWrongKeyShowsAnErrorAndSetsNoCookie() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("api_key", "not-a-key")
                .post("/ui/sign-in")
                .then().statusCode(401)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                .body(containsString("id=\"signin-error\""), containsString("That API key is not valid."));
    }

    @Test
    void pagesWithoutACookieRedirectToSignIn() {
        given().redirects().follow(false).get("/ui/").then().statusCode(303).header("Location", is("/ui/sign-in"));
        given().redirects().follow(false).get("/ui/agents").then().statusCode(303)
                .header("Location", is("/ui/sign-in?next=%2Fui%2Fagents"));
        given().redirects().follow(false).cookie(COOKIE, "forged").get("/ui/agents")
                .then().statusCode(303).header("Location", is("/ui/sign-in?next=%2Fui%2Fagents"));
    }

    @Test
    void signingInFromADeepLinkGoesBackToThatPage() {
        given().get("/ui/sign-in?next=/ui/experiments/e1?sort=score").then().statusCode(200)
                .body(containsString("<input type=\"hidden\" name=\"next\" value=\"/ui/experiments/e1?sort=score\">"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("api_key", WRITE_KEY).formParam("next", "/ui/experiments/e1?sort=score")
                .post("/ui/sign-in")
                .then().statusCode(303).header("Location", endsWith("/ui/experiments/e1?sort=score"));
    }

    @Test
    void signInNeverSendsTheBrowserToAnotherSite() {
        for (String next : new String[] { "https://evil.example/", "//evil.example/ui/", "/ui//evil.example",
                "/ui/../../evil", "/api/agents" }) {
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParam("api_key", WRITE_KEY).formParam("next", next)
                    .post("/ui/sign-in")
                    .then().statusCode(303).header("Location", endsWith("/ui/"));
        }
    }

    @Test
    void theRootGoesToTheUi() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", is("/ui/"));
    }

    @Test
    void signOutExpiresTheCookie() {
        UiSupport.form().post("/ui/sign-out")
                .then().statusCode(303)
                .header("Location", endsWith("/ui/sign-in"))
                .header("Set-Cookie", allOf(containsString(COOKIE + "="), containsString("Max-Age=0"),
                        containsStringIgnoringCase("HttpOnly")));
    }

    @Test
    void signOutWithoutTheFormsTokenIsRefused() {
        signedIn().contentType("application/x-www-form-urlencoded").post("/ui/sign-out")
                .then().statusCode(403).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void htmxIsServedLocallyFromTheWebjarAndTheStylesheetToo() {
        given().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200)
                .body(containsString("htmx"));
        given().get("/static/flywheel.css").then().statusCode(200).contentType(containsString("text/css"));
    }
}
