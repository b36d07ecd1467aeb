package io.patchbay.sandbox.internal;

import static io.patchbay.db.Tables.SANDBOX_CALENDAR_CODE;
import static io.patchbay.db.Tables.SANDBOX_CALENDAR_EVENT;
import static io.patchbay.db.Tables.SANDBOX_CALENDAR_GRANT;
import static io.patchbay.db.Tables.SANDBOX_CALENDAR_REFRESH_TOKEN;

import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox calendar's events and what it issued for people's consents, each in the sandbox account of one tenant:
 * every query is scoped by the tenant in scope (the signed-in user's, or the account of the client presenting a
 * code, token or consent). Codes and refresh tokens are kept by their digests, and each is spent by one atomic
 * statement (a code by its digest's primary key, a refresh token by an update), so two nodes cannot both honour the
 * same one.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxCalendarRepository {

    private final DSLContext db;

    SandboxCalendarRepository(DSLContext db) {
        this.db = db;
    }

    /** A consent a person gave a client. */
    record Grant(
            long id,
            String clientId,
            String userEmail,
            String scope,
            @Nullable Instant tokensExpiredBefore) {}

    /** An event in someone's calendar. */
    record Event(
            long id, String title, @Nullable String location, Instant startsAt, Instant endsAt, Instant updatedAt) {}

    /** Where a page starts: after the event with this change time and id (keyset order). */
    List<Event> events(@Nullable Instant updatedSince, @Nullable SandboxCursor after, int limit) {
        var e = SANDBOX_CALENDAR_EVENT;
        return db.selectFrom(e)
                .where(e.TENANT_ID.eq(tenant()))
                .and(updatedSince == null ? DSL.noCondition() : e.UPDATED_AT.ge(utc(updatedSince)))
                .and(
                        after == null
                                ? DSL.noCondition()
                                : DSL.row(e.UPDATED_AT, e.ID).gt(utc(after.updatedAt()), after.id()))
                .orderBy(e.UPDATED_AT, e.ID)
                .limit(limit)
                .fetch(r -> new Event(
                        r.getId(),
                        r.getTitle(),
                        r.getLocation(),
                        r.getStartsAt().toInstant(),
                        r.getEndsAt().toInstant(),
                        r.getUpdatedAt().toInstant()));
    }

    public int eventCount() {
        return db.fetchCount(SANDBOX_CALENDAR_EVENT, SANDBOX_CALENDAR_EVENT.TENANT_ID.eq(tenant()));
    }

    /** Seeds events (their ids are ignored) in one statement. */
    void insertEvents(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        UUID tenant = tenant();
        var e = SANDBOX_CALENDAR_EVENT;
        var insert = db.insertInto(e, e.TENANT_ID, e.TITLE, e.LOCATION, e.STARTS_AT, e.ENDS_AT, e.UPDATED_AT);
        for (Event event : events) {
            insert = insert.values(
                    tenant,
                    event.title(),
                    event.location(),
                    utc(event.startsAt()),
                    utc(event.endsAt()),
                    utc(event.updatedAt()));
        }
        insert.execute();
    }

    /** Moves some events a day later, as their owner would; returns how many. */
    public int moveEvents(int count) {
        var e = SANDBOX_CALENDAR_EVENT;
        var some = db.select(e.ID)
                .from(e)
                .where(e.TENANT_ID.eq(tenant()))
                .orderBy(DSL.rand())
                .limit(count);
        return db.update(e)
                .set(e.STARTS_AT, DSL.field("{0} + interval '1 day'", OffsetDateTime.class, e.STARTS_AT))
                .set(e.ENDS_AT, DSL.field("{0} + interval '1 day'", OffsetDateTime.class, e.ENDS_AT))
                .set(e.UPDATED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                .where(e.TENANT_ID.eq(tenant()), e.ID.in(some))
                .execute();
    }

    long insertGrant(String clientId, String userEmail, String scope) {
        return db.insertInto(SANDBOX_CALENDAR_GRANT)
                .set(SANDBOX_CALENDAR_GRANT.TENANT_ID, tenant())
                .set(SANDBOX_CALENDAR_GRANT.CLIENT_ID, clientId)
                .set(SANDBOX_CALENDAR_GRANT.USER_EMAIL, userEmail)
                .set(SANDBOX_CALENDAR_GRANT.SCOPE, scope)
                .returning(SANDBOX_CALENDAR_GRANT.ID)
                .fetchSingle()
                .getId();
    }

    /** The grant, unless it was revoked. */
    Optional<Grant> activeGrant(long id) {
        var g = SANDBOX_CALENDAR_GRANT;
        return db.selectFrom(g)
                .where(g.TENANT_ID.eq(tenant()), g.ID.eq(id), g.REVOKED_AT.isNull())
                .fetchOptional(r -> new Grant(
                        r.getId(),
                        r.getClientId(),
                        r.getUserEmail(),
                        r.getScope(),
                        r.getTokensExpiredBefore() == null
                                ? null
                                : r.getTokensExpiredBefore().toInstant()));
    }

    public int activeGrantCount() {
        return db.fetchCount(
                SANDBOX_CALENDAR_GRANT,
                SANDBOX_CALENDAR_GRANT.TENANT_ID.eq(tenant()).and(SANDBOX_CALENDAR_GRANT.REVOKED_AT.isNull()));
    }

    /** Revokes every consent: their refresh tokens are refused from now on, and so are their access tokens. */
    public int revokeGrants() {
        return db.update(SANDBOX_CALENDAR_GRANT)
                .set(SANDBOX_CALENDAR_GRANT.REVOKED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                .where(SANDBOX_CALENDAR_GRANT.TENANT_ID.eq(tenant()), SANDBOX_CALENDAR_GRANT.REVOKED_AT.isNull())
                .execute();
    }

    /** Ends every access token issued so far, as if their lifetime were over; refresh tokens stay good. */
    public int expireAccessTokens() {
        return db.update(SANDBOX_CALENDAR_GRANT)
                .set(SANDBOX_CALENDAR_GRANT.TOKENS_EXPIRED_BEFORE, DSL.field("clock_timestamp()", OffsetDateTime.class))
                .where(SANDBOX_CALENDAR_GRANT.TENANT_ID.eq(tenant()), SANDBOX_CALENDAR_GRANT.REVOKED_AT.isNull())
                .execute();
    }

    /**
     * Spends a code its client redeemed, for the consent just recorded: false (and nothing written) when it was
     * spent before.
     */
    boolean spendCode(String digest, long grantId, SandboxAuthorizationCode code) {
        var c = SANDBOX_CALENDAR_CODE;
        return db.insertInto(c)
                        .set(c.DIGEST, digest)
                        .set(c.TENANT_ID, tenant())
                        .set(c.GRANT_ID, grantId)
                        .set(c.REDIRECT_URI, code.redirectUri())
                        .set(c.CODE_CHALLENGE, code.codeChallenge())
                        .set(c.EXPIRES_AT, utc(code.expiresAt()))
                        .set(c.USED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Removes a consent recorded for a code that turned out to be spent already: it never counted. */
    void deleteGrant(long id) {
        db.deleteFrom(SANDBOX_CALENDAR_GRANT)
                .where(SANDBOX_CALENDAR_GRANT.TENANT_ID.eq(tenant()), SANDBOX_CALENDAR_GRANT.ID.eq(id))
                .execute();
    }

    void insertRefreshToken(String digest, long grantId) {
        db.insertInto(SANDBOX_CALENDAR_REFRESH_TOKEN)
                .set(SANDBOX_CALENDAR_REFRESH_TOKEN.DIGEST, digest)
                .set(SANDBOX_CALENDAR_REFRESH_TOKEN.TENANT_ID, tenant())
                .set(SANDBOX_CALENDAR_REFRESH_TOKEN.GRANT_ID, grantId)
                .execute();
    }

    /** Spends a refresh token: its grant, or empty when the account has no such token or it was spent before. */
    Optional<Long> rotateRefreshToken(String digest) {
        var t = SANDBOX_CALENDAR_REFRESH_TOKEN;
        return db.update(t)
                .set(t.ROTATED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                .where(t.TENANT_ID.eq(tenant()), t.DIGEST.eq(digest), t.ROTATED_AT.isNull())
                .returning(t.GRANT_ID)
                .fetchOptional()
                .map(r -> r.getGrantId());
    }

    private static UUID tenant() {
        return CurrentTenant.require().value();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
