package dev.flywheel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One keep-alive connection carries request after request, as the gateway's connection pool and every load tool use
 * it. With the services' old default {@code quarkus.http.proxy.trusted-proxies=127.0.0.1,::1}, Quarkus read the
 * bare {@code ::1} as a host name and each connection to a service, which listens on every address as in production
 * (a loopback caller arrives as {@code ::ffff:127.0.0.1}), stopped answering after about 50 requests: wrk got 15
 * requests a second out of variant-service. The default is now {@code 127.0.0.1,::1/128}.
 */
@ExtendWith(Suite.class)
class KeepAliveIT {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"variant-service", "run-service", "verify-service", "selftest-service", "gateway"})
    void oneConnectionAnswersThreeHundredRequestsInARow(String service) throws IOException {
        byte[] request = "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", Suite.get().port(service))) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 300; i++) {
                out.write(request);
                out.flush();
                String head = readHead(in);
                assertThat(head).as("%s: answer %d on one connection", service, i + 1).startsWith("HTTP/1.1 200");
                Matcher length = CONTENT_LENGTH.matcher(head);
                assertThat(length.find()).as("answer %d has a Content-Length", i + 1).isTrue();
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
