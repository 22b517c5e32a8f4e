package dev.flywheel.common.hygiene;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** SPEC §10 "HTTP/1.1 hygiene at the edge", on raw sockets: what curl and intermediaries actually send. */
@QuarkusTest
class HttpHygieneTest {

    private static final String SMUGGLED = "GET /test/widgets/missing HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @TestHTTPResource("/")
    URL root;

    @Test
    void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() throws IOException {
        String body = "0\r\n\r\n" + SMUGGLED;
        // A GET that would succeed: only the framing makes it wrong.
        String request = "GET /test/widgets/ok HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body;

        Exchange exchange = exchange(request, 3_000);

        assertThat(exchange.text()).startsWith("HTTP/1.1 400");
        assertThat(count(exchange.text(), "HTTP/1.1 ")).as("answers on the connection: %s", exchange.text())
                .isEqualTo(1);
        assertThat(exchange.closed()).as("connection closed by the server").isTrue();
    }

    @Test
    void twoHostHeadersAreRefusedAndTheConnectionClosed() throws IOException {
        String request = "GET /test/widgets/ok HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n" + SMUGGLED;

        Exchange exchange = exchange(request, 3_000);

        assertThat(exchange.text()).startsWith("HTTP/1.1 400");
        assertThat(exchange.text()).contains("application/problem+json").contains("Host");
        assertThat(count(exchange.text(), "HTTP/1.1 ")).isEqualTo(1);
        assertThat(exchange.closed()).isTrue();
    }

    @Test
    void aRefusalAtTheEdgeCarriesTheRequestsId() throws IOException {
        // The request id is given before the edge checks run (EdgeChecks), so even their refusals can be traced.
        String request = "GET /test/widgets/ok HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n"
                + "X-Request-Id: edge-7\r\n\r\n";

        Exchange exchange = exchange(request, 3_000);

        assertThat(exchange.text()).startsWith("HTTP/1.1 400");
        assertThat(exchange.text().toLowerCase()).contains("x-request-id: edge-7");
    }

    @Test
    void expectContinueIsAnsweredAtOnce() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /test/widgets HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 42\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // Without automatic handling no interim answer ever comes: the server waits for the body.
            socket.setSoTimeout(5_000);
            byte[] buffer = new byte[64];
            int read = socket.getInputStream().read(buffer);
            assertThat(new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII))
                    .as("interim answer before the body is sent").startsWith("HTTP/1.1 100 Continue");
        }
    }

    @Test
    void aMethodTheResourceDoesNotServeIs405WithAllow() {
        given().delete("/test/widgets").then().statusCode(405)
                .contentType(startsWith("application/problem+json"))
                .header("Allow", allOf(containsString("GET"), containsString("POST"), not(containsString("DELETE"))));
    }

    @Test
    void optionsAdvertisesOnlyMethodsThatAreServed() {
        String allow = given().options("/test/widgets").then().statusCode(200).extract().header("Allow");
        assertThat(allow).contains("GET", "POST").doesNotContain("DELETE", "PUT", "PATCH");
        for (String method : allow.split(",\\s*")) {
            if (!method.equals("OPTIONS") && !method.equals("HEAD")) {
                assertThat(given().request(method, "/test/widgets").statusCode()).as(method).isNotEqualTo(405);
            }
        }
    }

    private record Exchange(String text, boolean closed) {
    }

    private Socket connect() throws IOException {
        return new Socket(root.getHost(), root.getPort());
    }

    private Exchange exchange(String request, int timeoutMillis) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(timeoutMillis);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            boolean closed;
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    received.write(Arrays.copyOf(buffer, read));
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException e) {
                closed = true;
            }
            return new Exchange(received.toString(StandardCharsets.US_ASCII), closed);
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
