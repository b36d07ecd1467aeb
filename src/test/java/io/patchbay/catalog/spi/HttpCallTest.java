package io.patchbay.catalog.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpCallTest {

    @Test
    void anAddressLosesItsSecretsButKeepsWhatSaysWhereItWent() {
        assertThat(
                        HttpCall.redacted(
                                URI.create(
                                        "https://ada:s3cret@crm.example/v1/contacts?page=2&api_key=sbx_live_123&access_token=abc&sort=name")))
                .isEqualTo("https://crm.example/v1/contacts?page=2&api_key=•••&access_token=•••&sort=name");
        assertThat(HttpCall.redacted(URI.create("https://crm.example/oauth/callback?code=xyz&state=1")))
                .isEqualTo("https://crm.example/oauth/callback?code=•••&state=1");
        assertThat(HttpCall.redacted(URI.create("https://crm.example/v1/contacts?page=2")))
                .isEqualTo("https://crm.example/v1/contacts?page=2");
    }

    @Test
    void aCallReadsAsOneLine() {
        assertThat(new HttpCall("GET", "https://crm.example/v1/contacts", 200, 120, 5_325, null).describe())
                .isEqualTo("GET https://crm.example/v1/contacts → 200 in 120 ms, 5.2 kB");
        assertThat(new HttpCall("GET", "https://crm.example/v1/contacts", 0, 3_000, 0, "did not answer in time")
                        .describe())
                .isEqualTo("GET https://crm.example/v1/contacts → no answer: did not answer in time in 3000 ms");
    }
}
