package io.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;

/**
 * Machine endpoints answer every error with problem+json and its status, never with a redirect to the login page: a
 * sender that follows redirects would see the login page's 200 and take it for success.
 */
@IntegrationTest
class MachineEndpointsIT {

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Value("${server.port}")
    int port;

    @ParameterizedTest
    @CsvSource({
        "GET, /hooks/{id}, 405",
        "PUT, /hooks/{id}, 405",
        "POST, /hooks/not-a-connection, 404",
        "POST, /hooks/{id}, 404",
        "GET, /hooks/, 404",
        "GET, /hooks/x/y, 404",
        "GET, /sandbox/crm/v1/no-such-thing, 404",
        "GET, /sandbox/nothing, 404",
        "GET, /sandbox/crm/v1/contacts?limit=many, 401",
        "DELETE, /sandbox/billing/v1/invoices, 404"
    })
    void errorsAreProblemsWithTheirStatusNeverRedirects(String method, String path, int status) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + path.replace("{id}", UUID.randomUUID().toString())))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    /** The tab's icon, to anyone: a browser asks for it before anyone signs in. */
    @ParameterizedTest
    @CsvSource({"/favicon.ico, image/", "/icons/favicon.svg, image/svg+xml"})
    void theIconIsThereForAnyone(String path, String type) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith(type));
        assertThat(response.body()).isNotEmpty();
    }

    /** What Tomcat refuses before the hub sees it: a raw request, as a client that does not clean its paths sends it. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GET /hooks/%00x HTTP/1.1|",
                "GET /../etc/passwd HTTP/1.1|",
                "GET /hooks/%2e%2e/%2e%2e/actuator HTTP/1.1|",
                "GET /sandbox/crm/v1/contacts HTTP/1.1|X-Large: {large}"
            })
    void whatTomcatRefusesItselfIsAProblemToo(String requestLine, String header) throws Exception {
        String extra = header == null ? "" : header.replace("{large}", "x".repeat(64 * 1024)) + "\r\n";
        String answer;
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write((requestLine + "\r\nHost: localhost\r\n" + extra + "Connection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 4");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
        assertThat(answer).doesNotContain("<html").doesNotContain("Apache Tomcat");
    }
}
