package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxContact;
import io.patchbay.sandbox.SandboxProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Fills a new sandbox account's empty systems: a few hundred made-up CRM contacts changed over the past weeks,
 * billing customers and invoices, and a calendar of meetings over the coming weeks.
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxSeeder {

    private static final String[] FIRST = {
        "Ada",
        "Grace",
        "Alan",
        "Edsger",
        "Barbara",
        "Donald",
        "Frances",
        "John",
        "Margaret",
        "Dennis",
        "Ken",
        "Radia",
        "Tim",
        "Katherine",
        "Linus",
        "Guido",
        "Hedy",
        "Niklaus",
        "Leslie",
        "Shafi"
    };
    private static final String[] LAST = {
        "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy", "Hamilton", "Ritchie",
        "Thompson", "Perlman", "Berners-Lee", "Johnson", "Torvalds", "Rossum", "Lamarr", "Wirth", "Lamport",
                "Goldwasser"
    };
    private static final String[] COMPANY = {
        "Initech",
        "Globex",
        "Umbrella Labs",
        "Hooli",
        "Vandelay Industries",
        "Stark Logistics",
        "Wayne Freight",
        "Acme Retail"
    };

    private static final String[] MEETING = {
        "Weekly planning", "Design review", "Customer call", "1:1", "Budget review", "Release retro", "Hiring panel"
    };

    private final SandboxCrmRepository contacts;
    private final SandboxBillingRepository billing;
    private final SandboxCalendarRepository calendar;
    private final SandboxProperties properties;

    SandboxSeeder(
            SandboxCrmRepository contacts,
            SandboxBillingRepository billing,
            SandboxCalendarRepository calendar,
            SandboxProperties properties) {
        this.contacts = contacts;
        this.billing = billing;
        this.calendar = calendar;
        this.properties = properties;
    }

    /** Seeds each system of the tenant in scope that has no data yet, in the caller's transaction. */
    void seedEmptySystems() {
        seedBilling();
        seedCalendar();
        seedCrm();
    }

    private void seedCrm() {
        if (contacts.count(null) > 0) {
            return;
        }
        int total = properties.crm().seedContacts();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<SandboxContact> seed = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length + i) % LAST.length];
            String email = (first + "." + last + (i / (FIRST.length * LAST.length) + i) + "@example.com")
                    .toLowerCase(Locale.ROOT)
                    .replace("-", "");
            Instant updated = now.minus(Duration.ofMinutes((long) (total - i) * 97));
            seed.add(new SandboxContact(
                    0,
                    first,
                    last,
                    email,
                    COMPANY[i % COMPANY.length],
                    String.format("+1 555 %04d", (i * 37) % 10_000),
                    updated.minus(Duration.ofDays(30)),
                    updated));
        }
        contacts.insertAll(seed);
    }

    private void seedCalendar() {
        if (calendar.eventCount() > 0) {
            return;
        }
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        int total = properties.calendar().seedEvents();
        List<SandboxCalendarRepository.Event> events = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            Instant starts = today.plus(Duration.ofDays(i / 3)).plus(Duration.ofHours(9L + (i % 3) * 3));
            events.add(new SandboxCalendarRepository.Event(
                    0,
                    MEETING[i % MEETING.length]
                            + (i % MEETING.length == 2 ? " with " + COMPANY[i % COMPANY.length] : ""),
                    i % 4 == 0 ? "Room " + (100 + i % 7) : null,
                    starts,
                    starts.plus(Duration.ofMinutes(30L + (i % 4) * 15)),
                    today.minus(Duration.ofMinutes((long) (total - i) * 41))));
        }
        calendar.insertEvents(events);
    }

    private void seedBilling() {
        if (billing.customerCount() > 0) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var billingSeed = properties.billing();
        List<SandboxBillingRepository.NewCustomer> customers = new ArrayList<>();
        for (int i = 0; i < billingSeed.seedCustomers(); i++) {
            String company = COMPANY[i % COMPANY.length] + (i < COMPANY.length ? "" : " " + (i / COMPANY.length + 1));
            customers.add(new SandboxBillingRepository.NewCustomer(
                    company,
                    "billing" + i + "@"
                            + COMPANY[i % COMPANY.length]
                                    .toLowerCase(Locale.ROOT)
                                    .replace(" ", "") + ".example",
                    now.minus(Duration.ofHours(billingSeed.seedCustomers() - i + 200L))));
        }
        List<SandboxBillingRepository.NewInvoice> invoices = new ArrayList<>();
        for (int i = 0; i < billingSeed.seedInvoices() && !customers.isEmpty(); i++) {
            invoices.add(new SandboxBillingRepository.NewInvoice(
                    i % customers.size(),
                    String.format("INV-%05d", i + 1),
                    1_000L + (i * 7_919L) % 90_000,
                    i % 3 == 0 ? "open" : "paid",
                    now.minus(Duration.ofMinutes((long) (billingSeed.seedInvoices() - i) * 53))));
        }
        billing.insertAll(customers, invoices);
    }
}
