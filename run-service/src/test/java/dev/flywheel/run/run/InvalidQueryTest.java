package dev.flywheel.run.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.run.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §10 "Invalid query values are 400": named, never the 404 JAX-RS gives an unconvertible parameter. */
@QuarkusTest
class InvalidQueryTest {

    @ParameterizedTest(name = "{0}?{1}={2}")
    @CsvSource({
            "/api/runs, limit, abc",
            "/api/runs, limit, 0",
            "/api/runs, experiment_id, not-a-uuid",
            "/api/runs, cursor, not-a-cursor",
            "/api/runs, status, done",
            "/api/experiments, limit, abc",
            "/api/experiments, cursor, !!!"
    })
    void aBadQueryValueIsA400NamingTheParameter(String path, String parameter, String value) {
        given().queryParam(parameter, value).get(path)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(parameter));
    }

    @Test
    void aLocationPointsAtTheAddressTheClientCalled() {
        Response created = given().contentType(ContentType.JSON).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "flywheel.example").body(TestData.experiment("location " + TestData.marker()))
                .post("/api/experiments");
        created.then().statusCode(201)
                .header("Location", is("https://flywheel.example/api/experiments/" + created.path("id")));
    }
}
