package io.patchbay.sandbox.internal;

import io.patchbay.sandbox.SandboxContact;
import io.patchbay.sandbox.SandboxProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Fills an empty Sandbox CRM with a few hundred made-up contacts, changed over the past weeks. */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxSeeder implements ApplicationRunner {

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

    private final SandboxCrmRepository contacts;
    private final SandboxProperties properties;

    SandboxSeeder(SandboxCrmRepository contacts, SandboxProperties properties) {
        this.contacts = contacts;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
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
}
