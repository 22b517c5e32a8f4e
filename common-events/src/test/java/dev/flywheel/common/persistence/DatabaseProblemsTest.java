package dev.flywheel.common.persistence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseProblemsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aUniqueViolationIsA409() {
        String name = "w-" + UUID.randomUUID().toString().substring(0, 8);
        given().queryParam("name", name).post("/test/database/widgets").then().statusCode(200);
        given().queryParam("name", name).post("/test/database/widgets")
                .then().statusCode(409).contentType(startsWith(PROBLEM)).body("status", is(409));
    }

    @Test
    void aValuePostgresRefusesIsA400WithoutItsError() {
        given().queryParam("name", "a\u0000b").post("/test/database/widgets")
                .then().statusCode(400).contentType(startsWith(PROBLEM))
                .body(not(containsString("0x00")));
    }
}
