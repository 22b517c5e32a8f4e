package dev.flywheel.gateway.ui;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** A browser signed in to the UI, as rest-assured sees it: the sign-in cookie and the forms' CSRF token. */
public final class UiSupport {

    public static final String WRITE_KEY = "test-write-key";
    public static final String READ_KEY = "test-read-key";
    public static final String COOKIE = "flywheel_key";

    private UiSupport() {
    }

    /** Requests that carry the sign-in cookie of the write key. */
    public static RequestSpecification signedIn() {
        return given().redirects().follow(false).cookie(COOKIE, WRITE_KEY);
    }

    /** A signed-in form post, with the CSRF token the UI's own forms carry. */
    public static RequestSpecification form() {
        return formAs(WRITE_KEY);
    }

    /** A form post signed in with the given key, with the CSRF token the UI's forms carry for that key. */
    public static RequestSpecification formAs(String key) {
        return given().redirects().follow(false).cookie(COOKIE, key).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", UiSession.tokenFor(key));
    }
}
