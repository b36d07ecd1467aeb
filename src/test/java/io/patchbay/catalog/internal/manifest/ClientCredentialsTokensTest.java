package io.patchbay.catalog.internal.manifest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.security.egress.EgressProperties;
import io.patchbay.security.egress.TestEgress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;

/** Client-credentials tokens are fetched once, reused until they near expiry, and fetched again when evicted. */
class ClientCredentialsTokensTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ClientCredentialsTokens tokens =
            new ClientCredentialsTokens(TestEgress.reachingLoopback(new EgressProperties(
                    List.of("localhost"), Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofMegabytes(1), 1)));

    @Test
    void aTokenIsFetchedOnceAndReusedUntilEvicted() {
        provider.stubFor(post(urlPathEqualTo("/token"))
                .willReturn(okJson("{\"access_token\":\"t1\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        String url = provider.baseUrl() + "/token";
        assertThat(tokens.token(url, "client", "secret-123", "", "Billing")).isEqualTo("t1");
        assertThat(tokens.token(url, "client", "secret-123", "", "Billing")).isEqualTo("t1");
        provider.verify(1, postRequestedFor(urlPathEqualTo("/token")));
        tokens.evict(url, "client", "secret-123", "");
        tokens.token(url, "client", "secret-123", "", "Billing");
        provider.verify(2, postRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void rejectedClientCredentialsAreAnAuthError() {
        provider.stubFor(post(urlPathEqualTo("/token"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\"}")));
        assertThatThrownBy(() -> tokens.token(provider.baseUrl() + "/token", "client", "wrong-secret", "", "Billing"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.AUTH);
                    assertThat(e.error().message())
                            .contains("refused the client credentials (HTTP 401)")
                            .doesNotContain("wrong-secret");
                });
    }
}
