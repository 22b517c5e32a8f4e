package dev.flywheel.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC §10 "HTTP/1.1 hygiene at the edge", through the gateway on raw sockets, as curl and intermediaries send. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class EdgeHygieneTest {

    private static final String KEY = "Authorization: Bearer test-write-key\r\n";
    private static final String SMUGGLED = "GET /api/agents HTTP/1.1\r\nHost: localhost\r\n" + KEY + "\r\n";

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void servicesAnswer() {
        fake("variant").register(any(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[],\"next_cursor\":null}")));
    }

    @Test
    void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() throws IOException {
        String body = "0\r\n\r\n" + SMUGGLED;
        String answer = exchange("GET /api/agents HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Content-Length: "
                + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer.split("HTTP/1.1 ", -1)).as("one answer only: %s", answer).hasSize(2);
    }

    @Test
    void twoHostHeadersAreRefusedAndTheConnectionClosed() throws IOException {
        String answer = exchange("GET /api/agents HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n" + KEY + "\r\n"
                + SMUGGLED);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("Host");
        assertThat(answer.split("HTTP/1.1 ", -1)).as("one answer only: %s", answer).hasSize(2);
    }

    @Test
    void anHttp10ClientGetsAStreamedAnswerWholeWithItsLength() throws IOException {
        String streamed = "x".repeat(5_000);
        fake("run").register(any(urlPathEqualTo("/api/runs/streamed")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(streamed).withChunkedDribbleDelay(5, 50)));

        String answer = exchange("GET /api/runs/streamed HTTP/1.0\r\nHost: localhost\r\n" + KEY + "\r\n");

        assertThat(answer).startsWith("HTTP/1.0 200").containsIgnoringCase("content-length: 5000")
                .doesNotContainIgnoringCase("transfer-encoding").endsWith("\r\n\r\n" + streamed);
    }

    @Test
    void expectContinueIsAnsweredAtOnceByTheGateway() throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write(("POST /api/agents HTTP/1.1\r\nHost: localhost\r\n" + KEY
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // Without the gateway answering, curl waits a second and no interim answer comes before the body.
            socket.setSoTimeout(5_000);
            byte[] buffer = new byte[64];
            int read = socket.getInputStream().read(buffer);
            assertThat(new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 100 Continue");
        }
    }

    /** Everything the gateway sends until it closes the connection (a timeout means it kept it open). */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5_000);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int read = socket.getInputStream().read(buffer); read >= 0;
                        read = socket.getInputStream().read(buffer)) {
                    received.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the gateway kept the connection open after: "
                        + received.toString(StandardCharsets.US_ASCII), e);
            }
            return received.toString(StandardCharsets.US_ASCII);
        }
    }
}
