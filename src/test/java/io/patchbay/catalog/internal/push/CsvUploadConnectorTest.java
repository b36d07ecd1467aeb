package io.patchbay.catalog.internal.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.PushedData;
import io.patchbay.catalog.spi.Received;
import io.patchbay.catalog.spi.SourceRecord;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class CsvUploadConnectorTest {

    private final ObjectMapper json = new ObjectMapper();
    private final CsvUploadConnector connector = new CsvUploadConnector(json);

    @Test
    void detectsWindows1252SemicolonsAndAHeaderRow() {
        byte[] file = "id;name;city\n1;Zoë Müller;Köln\n2;André;Genève\n".getBytes(Charset.forName("windows-1252"));

        Received received = receive(auto("id"), "people.csv", file);

        assertThat(received.summary())
                .contains("windows-1252 (detected)")
                .contains("semicolon-separated (detected)")
                .contains("first row names the columns (detected)")
                .contains("2 rows keyed by 'id'");
        assertThat(received.records())
                .extracting(r -> r.data().path("name").asString())
                .containsExactly("Zoë Müller", "André");
        assertThat(received.problems()).isEmpty();
    }

    @Test
    void readsUtf8WithAByteOrderMarkAndTabs() {
        byte[] body = "sku\tprice\nA-1\t9.90\nB-2\t12.00\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[body.length + 3];
        file[0] = (byte) 0xEF;
        file[1] = (byte) 0xBB;
        file[2] = (byte) 0xBF;
        System.arraycopy(body, 0, file, 3, body.length);

        Received received = receive(auto("sku"), "prices.tsv", file);

        assertThat(received.summary()).contains("UTF-8 (detected)").contains("tab-separated");
        assertThat(received.records()).extracting(SourceRecord::externalId).containsExactly("A-1", "B-2");
    }

    @Test
    void aFirstRowOfValuesIsNotAHeaderAndColumnsAreNumbered() {
        Received received = receive(auto("column_1"), "plain.csv", utf8("7,apples,2024-01-05\n8,pears,2024-01-06\n"));

        assertThat(received.summary()).contains("no header row, columns numbered (detected)");
        assertThat(received.records()).extracting(SourceRecord::externalId).containsExactly("7", "8");
        assertThat(received.records().get(0).data().path("column_2").asString()).isEqualTo("apples");
    }

    @Test
    void everyUnusableLineIsNamedByItsNumberAndTheRestIsKept() {
        String file = String.join(
                "\n",
                "id,name,note",
                "1,Ann,\"spans",
                "two lines\"",
                "2,Bob",
                "",
                ",Cid,no key",
                "4,Dan,ok",
                "1,Ann again,later wins",
                "");

        Received received = receive(auto("id"), "people.csv", utf8(file));

        assertThat(received.problems())
                .containsExactly(
                        "Line 4: 2 values, but there are 3 columns.",
                        "Line 6: the key column 'id' is empty.",
                        "Line 8: key '1' is also on line 2; this later line is used.");
        assertThat(received.records()).extracting(SourceRecord::externalId).containsExactly("4", "1");
        assertThat(received.records().get(1).data().path("name").asString()).isEqualTo("Ann again");
        assertThat(received.summary()).contains("2 rows").contains("3 lines with problems");
    }

    @Test
    void anUnclosedQuoteStopsReadingAtItsLine() {
        Received received = receive(auto("id"), "broken.csv", utf8("id,name\n1,Ann\n2,\"Bob\n3,Cid\n"));

        assertThat(received.records()).extracting(SourceRecord::externalId).containsExactly("1");
        assertThat(received.problems()).singleElement().asString().startsWith("Line 3: a quoted value is not closed");
    }

    @Test
    void aFileWithoutTheKeyColumnIsRefusedListingItsColumns() {
        assertThatThrownBy(() -> receive(auto("id"), "orders.csv", utf8("order_no,total\nA1,3\n")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.DATA);
                    assertThat(e.error().message())
                            .isEqualTo("orders.csv has no column 'id'. Its columns: order_no, total (read as UTF-8 "
                                    + "(detected), comma-separated (detected), first row names the columns "
                                    + "(detected)).");
                    assertThat(e.error().fix()).contains("Key column");
                });
        assertThatThrownBy(() -> receive(auto("id"), "empty.csv", new byte[0]))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.error().message()).isEqualTo("empty.csv is empty."));
    }

    @Test
    void chosenSettingsOverrideDetectionAndBadBytesAreNamedByLine() {
        var values = json.createObjectNode()
                .put("keyColumn", "id")
                .put("headerRow", "yes")
                .put("delimiter", "comma")
                .put("encoding", "UTF-8");
        ConnectorConfig config = connector.configure(new ConnectorSettings(values, Map.of()));
        byte[] latin1 = "id,name\n1,ok\n2,Zoë\n".getBytes(StandardCharsets.ISO_8859_1);

        Received received = connector.receive(config, PushedData.upload("latin1.csv", latin1, Instant.now()));

        assertThat(received.summary()).contains("UTF-8, comma-separated, first row names the columns;");
        assertThat(received.records()).extracting(SourceRecord::externalId).containsExactly("1");
        assertThat(received.problems())
                .singleElement()
                .asString()
                .startsWith("Line 3: characters that are not valid UTF-8");
    }

    @Test
    void theSameFileIsTheSameMessage() {
        byte[] file = utf8("id\n1\n");
        assertThat(receive(auto("id"), "a.csv", file).messageId())
                .startsWith("file:sha256:")
                .isEqualTo(receive(auto("id"), "b.csv", file).messageId());
    }

    private Received receive(ConnectorConfig config, String name, byte[] content) {
        return connector.receive(config, PushedData.upload(name, content, Instant.now()));
    }

    private ConnectorConfig auto(String keyColumn) {
        return connector.configure(
                new ConnectorSettings(json.createObjectNode().put("keyColumn", keyColumn), Map.of()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
