package io.patchbay.security.internal;

import static io.patchbay.db.Tables.SIGN_IN_THROTTLE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Failed sign-in counters in PostgreSQL, one per account and one per client. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class SignInThrottleRepository {

    enum Scope {
        ACCOUNT,
        CLIENT
    }

    /** A subject's failures in a row, the pause they started (past or not) and when they are forgotten. */
    record Counter(int failures, @Nullable Instant pausedUntil, Instant resetAt) {}

    private final DSLContext db;

    SignInThrottleRepository(DSLContext db) {
        this.db = db;
    }

    /** The database's clock: every node of the hub reads the same one. */
    Instant now() {
        return db.select(DSL.currentOffsetDateTime()).fetchSingle().value1().toInstant();
    }

    /** The subject's counter, locked until the caller's transaction ends; a subject not seen before has none. */
    Counter lock(Scope scope, String subject, Instant now) {
        db.insertInto(SIGN_IN_THROTTLE)
                .set(SIGN_IN_THROTTLE.SCOPE, scope.name())
                .set(SIGN_IN_THROTTLE.SUBJECT, subject)
                .set(SIGN_IN_THROTTLE.FAILURES, 0)
                .set(SIGN_IN_THROTTLE.RESET_AT, at(now))
                .onConflictDoNothing()
                .execute();
        return db.select(SIGN_IN_THROTTLE.FAILURES, SIGN_IN_THROTTLE.PAUSED_UNTIL, SIGN_IN_THROTTLE.RESET_AT)
                .from(SIGN_IN_THROTTLE)
                .where(key(scope, subject))
                .forUpdate()
                .fetchSingle(row -> new Counter(
                        row.value1(),
                        row.value2() == null ? null : row.value2().toInstant(),
                        row.value3().toInstant()));
    }

    void save(Scope scope, String subject, Counter counter) {
        db.update(SIGN_IN_THROTTLE)
                .set(SIGN_IN_THROTTLE.FAILURES, counter.failures())
                .set(SIGN_IN_THROTTLE.PAUSED_UNTIL, counter.pausedUntil() == null ? null : at(counter.pausedUntil()))
                .set(SIGN_IN_THROTTLE.RESET_AT, at(counter.resetAt()))
                .where(key(scope, subject))
                .execute();
    }

    /** Takes back one failure counted ahead of a check that then succeeded, and the pause it started, if it did. */
    void refund(Scope scope, String subject, boolean endPause) {
        db.update(SIGN_IN_THROTTLE)
                .set(SIGN_IN_THROTTLE.FAILURES, DSL.greatest(SIGN_IN_THROTTLE.FAILURES.minus(1), DSL.inline(0)))
                .set(
                        SIGN_IN_THROTTLE.PAUSED_UNTIL,
                        endPause ? DSL.inline((OffsetDateTime) null) : SIGN_IN_THROTTLE.PAUSED_UNTIL)
                .where(key(scope, subject))
                .execute();
    }

    void forget(Scope scope, String subject) {
        db.deleteFrom(SIGN_IN_THROTTLE).where(key(scope, subject)).execute();
    }

    /** Deletes the counters whose failures are forgotten; returns how many. */
    int forgetExpired(Instant now) {
        return db.deleteFrom(SIGN_IN_THROTTLE)
                .where(SIGN_IN_THROTTLE.RESET_AT.le(at(now)))
                .execute();
    }

    private static Condition key(Scope scope, String subject) {
        return SIGN_IN_THROTTLE.SCOPE.eq(scope.name()).and(SIGN_IN_THROTTLE.SUBJECT.eq(subject));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
