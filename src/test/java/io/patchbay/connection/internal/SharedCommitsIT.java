package io.patchbay.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.support.IntegrationTest;
import io.patchbay.tenancy.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Work handed to shared commits from many threads at once is committed once each, and answered only after its commit;
 * a piece that fails fails only its own caller, while the pieces batched with it are committed on their own.
 */
@IntegrationTest
class SharedCommitsIT {

    private static final int CALLERS = 32;
    private static final int PIECES = 2_000;
    private static final int BAD = 777;

    @Autowired
    SharedCommits commits;

    @Autowired
    TenantService tenants;

    @Autowired
    DSLContext db;

    @BeforeEach
    void table() {
        db.execute("create table shared_commit_probe (n int primary key)");
    }

    @AfterEach
    void dropTable() {
        db.execute("drop table shared_commit_probe");
    }

    @Test
    void everyPieceIsCommittedOnceAndOnlyTheBadOneFails() throws Exception {
        var tenant = tenants.findBySlug("acme").orElseThrow().id();
        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
            for (int i = 0; i < PIECES; i++) {
                int n = i;
                answers.add(callers.submit(() -> {
                    try {
                        commits.run(tenant, n % 7, () -> {
                            db.execute("insert into shared_commit_probe values (?)", n);
                            if (n == BAD) {
                                throw new IllegalArgumentException("piece " + n + " is bad");
                            }
                            return n;
                        });
                        // answered: it must be visible to anyone now
                        return db.fetchExists(
                                db.selectOne().from("shared_commit_probe").where("n = ?", n));
                    } catch (IllegalArgumentException expected) {
                        return null;
                    }
                }));
            }
        }
        int answered = 0;
        for (int i = 0; i < PIECES; i++) {
            Boolean visible = answers.get(i).get();
            if (i == BAD) {
                assertThat(visible).as("the bad piece fails its caller").isNull();
            } else {
                assertThat(visible).as("piece %d is committed when answered", i).isTrue();
                answered++;
            }
        }
        assertThat(answered).isEqualTo(PIECES - 1);
        assertThat(db.fetchCount(db.selectFrom("shared_commit_probe")))
                .as("every good piece once, nothing of the bad one")
                .isEqualTo(PIECES - 1);
    }
}
