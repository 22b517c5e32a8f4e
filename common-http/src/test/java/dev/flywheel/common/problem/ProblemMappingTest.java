package dev.flywheel.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ProblemMappingTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformedJsonIsA400ProblemNotA500() {
        given().contentType(ContentType.JSON).body("{\"widget_name\": \"a\", ")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("status", is(400))
                .body("title", is("Bad Request"))
                .body("instance", is("/test/widgets"));
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"widget_name\": \"a\", \"size_class\": \"big\"}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors.field", hasItem("size_class"))
                .body(not(containsString("dev.flywheel")));
    }

    @Test
    void everyInvalidFieldIsListedInSnakeCase() {
        given().contentType(ContentType.JSON).body("{\"widget_name\": \"\", \"size_class\": 11}")
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors.field", containsInAnyOrder("widget_name", "size_class"))
                .body("detail", containsString("widget_name"));
    }

    @Test
    void anInvalidListElementIsNamedByItsIndex() {
        given().contentType(ContentType.JSON)
                .body("{\"widgets\": [{\"widget_name\": \"ok\", \"size_class\": 1},"
                        + " {\"widget_name\": \"ok\", \"size_class\": 99}], \"tags\": [\"a\", \"toolong\"]}")
                .when().post("/test/widgets/lists")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors.field", containsInAnyOrder("widgets[1].size_class", "tags[1]"));
    }

    @Test
    void aMissingBodyIsA400() {
        given().contentType(ContentType.JSON)
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void anInvalidQueryParameterIsNamed() {
        given().queryParam("limit", 501)
                .when().get("/test/widgets")
                .then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void domainExceptionsMapToTheirStatus() {
        given().get("/test/widgets/missing").then().statusCode(404).contentType(startsWith(PROBLEM))
                .body("detail", is("widget w-1 does not exist"));
        given().get("/test/widgets/conflict").then().statusCode(409).contentType(startsWith(PROBLEM));
        given().get("/test/widgets/invalid").then().statusCode(400).body("errors[0].field", is("widget_name"));
        given().get("/test/widgets/upstream").then().statusCode(503).contentType(startsWith(PROBLEM))
                .body("detail", containsString("variant-service"));
    }

    @Test
    void anUnexpectedFailureIsA500WithoutInternals() {
        given().get("/test/widgets/boom").then().statusCode(500)
                .contentType(startsWith(PROBLEM))
                .body(not(containsString("secret internals")))
                .body(not(containsString("Exception")));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(startsWith(PROBLEM));
    }

    @Test
    void theRequestIdIsKeptWhenGivenAndMadeWhenAbsent() {
        given().header("X-Request-Id", "abc-123").get("/test/widgets/ok")
                .then().statusCode(200).header("X-Request-Id", is("abc-123"));
        given().get("/test/widgets/ok")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "bad id\twith spaces").get("/test/widgets/ok")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void errorAnswersCarryTheRequestIdToo() {
        given().header("X-Request-Id", "req-404").get("/test/widgets/missing")
                .then().statusCode(404).header("X-Request-Id", is("req-404"));
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        String big = "{\"widget_name\": \"" + "x".repeat(1_100_000) + "\", \"size_class\": 1}";
        given().contentType(ContentType.JSON).body(big)
                .when().post("/test/widgets")
                .then().statusCode(413)
                .contentType(startsWith(PROBLEM))
                .body("status", is(413));
    }

    @ParameterizedTest(name = "body {0} is a 400 problem")
    @ValueSource(strings = { "null", "[]", "[1,2]", "42", "\"text\"", "{\"widget_name\": {\"nested\": true}, \"size_class\": 1}",
            "{\"widget_name\": \"ok\", \"size_class\": 1.5e400}" })
    void bodiesOfTheWrongShapeAre400Problems(String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void deeplyNestedJsonIsRefusedNotAStackOverflow() {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        given().contentType(ContentType.JSON).body(nested)
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM));
    }

    @Test
    void invalidUtf8IsA400() {
        byte[] body = { '{', '"', 'w', 'i', 'd', 'g', 'e', 't', '_', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
                '"', ',', '"', 's', 'i', 'z', 'e', '_', 'c', 'l', 'a', 's', 's', '"', ':', '1', '}' };
        given().contentType(ContentType.JSON).body(body)
                .when().post("/test/widgets")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM));
    }
}
