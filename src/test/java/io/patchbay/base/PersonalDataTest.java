package io.patchbay.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PersonalDataTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void emailsAndPhoneNumbersInTextAreMaskedButTheShapeStays() {
        assertThat(PersonalData.mask("Contact ada.lovelace@acme.com was refused: duplicate"))
                .isEqualTo("Contact a•••@a•••.com was refused: duplicate");
        assertThat(PersonalData.mask("call +44 7700 900123 or (020) 7946-0958")).isEqualTo("call •••23 or •••58");
    }

    @Test
    void datesTimesIdsAndShortNumbersAreNotPhoneNumbers() {
        String text = "GET https://crm.example/contacts?page=2&since=2026-11-28T09:00:00Z → 200 in 120 ms, 5.2 kB;"
                + " run-3eafa623, 4 records, 28.11.2026";
        assertThat(PersonalData.mask(text)).isEqualTo(text);
    }

    @Test
    void recordsLoseTheValuesOfSensitiveFieldsAndEveryAddressInOtherText() {
        var record = JSON.readTree("""
                {"id": 7, "firstName": "Ada", "email": "ada(at)acme.com", "phone_number": "+44 7700 900123",
                 "notes": "reach her at ada@acme.com", "company": {"billing_email": "ap@acme.com"}, "vip": true}
                """);
        var masked = PersonalData.mask(record);
        assertThat(masked.path("id").asInt()).isEqualTo(7);
        assertThat(masked.path("firstName").asString()).isEqualTo("Ada");
        assertThat(masked.path("email").asString()).isEqualTo("•••om");
        assertThat(masked.path("phone_number").asString()).isEqualTo("•••23");
        assertThat(masked.path("notes").asString()).isEqualTo("reach her at a•••@a•••.com");
        assertThat(masked.path("company").path("billing_email").asString()).isEqualTo("a•••@a•••.com");
        assertThat(masked.path("vip").asBoolean()).isTrue();
        assertThat(record.path("email").asString())
                .as("the record itself is untouched")
                .isEqualTo("ada(at)acme.com");
    }

    @Test
    void textThatHoldsARecordIsMaskedAsTheRecordIsEvenWhereAValueIsNotAnAddress() {
        // the "before" of a fixed quarantined record: the mistyped address is no address, its field says what it is
        assertThat(PersonalData.mask("{\"id\":\"c-1\",\"email\":\"grace(at)acme.com\",\"name\":\"Grace\"}"))
                .isEqualTo("{\"id\":\"c-1\",\"email\":\"•••om\",\"name\":\"Grace\"}");
        assertThat(PersonalData.mask(
                        "POST /contacts {\"email\": \"grace(at)acme.com\", \"mobile\":\"07700 9001\"} → 422"))
                .isEqualTo("POST /contacts {\"email\": \"•••om\", \"mobile\":\"•••01\"} → 422");
        assertThat(PersonalData.mask("GET /contacts?email=grace(at)acme.com&page=2 → 200"))
                .isEqualTo("GET /contacts?email=•••om&page=2 → 200");
    }

    @Test
    void aValueIsMaskedWholeWhenItsNameSaysPersonalData() {
        assertThat(PersonalData.mask("email", "grace(at)acme.com")).isEqualTo("•••om");
        assertThat(PersonalData.mask("record", "c-1")).isEqualTo("c-1");
        assertThat(PersonalData.mask("before", "{\"phone\":\"12\"}")).isEqualTo("{\"phone\":\"•••\"}");
    }
}
