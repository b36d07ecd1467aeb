package io.patchbay.security.internal;

import io.patchbay.security.internal.SignInThrottleRepository.Counter;
import io.patchbay.security.internal.SignInThrottleRepository.Scope;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pauses signing in after too many failures in a row, per account and per client (see
 * {@link SignInThrottleProperties}), with the counts in PostgreSQL so that every node of the hub pauses alike. An
 * attempt is counted as failed before its password is checked and taken back if it succeeds, so guesses sent in
 * parallel get no more tries than guesses sent one by one. Attempts refused while paused are not counted: a pause
 * grows only with failures that were actually checked.
 */
@Service
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** Longer user names share their counter with every name that starts the same; no real one is this long. */
    private static final int LONGEST_SUBJECT = 200;

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * One sign-in attempt: refused while paused ({@code refusedUntil}), or let through to the password check, in which
     * case {@code pausedIfItFails} is the pause its failure starts, if it does.
     */
    record Attempt(
            String account,
            String client,
            @Nullable Instant refusedUntil,
            @Nullable Instant pausedIfItFails,
            boolean pausesClient) {}

    private final SignInThrottleRepository counters;
    private final SignInThrottleProperties limits;

    SignInThrottle(SignInThrottleRepository counters, SignInThrottleProperties limits) {
        this.counters = counters;
        this.limits = limits;
    }

    /** Decides whether an attempt may have its password checked and, if so, counts it as failed for now. */
    @Transactional
    public Attempt begin(String username, String clientAddress) {
        String account = truncated(username);
        String client = client(clientAddress);
        Instant now = counters.now();
        // always the account's row before the client's, so that two attempts never wait for each other's locks
        Counter forAccount = fresh(counters.lock(Scope.ACCOUNT, account, now), now);
        Counter forClient = fresh(counters.lock(Scope.CLIENT, client, now), now);
        Instant pausedUntil = latest(pausedAt(forAccount, now), pausedAt(forClient, now));
        if (pausedUntil != null) {
            log.warn(
                    "Sign-in refused, paused until {}: user name '{}', client {}",
                    pausedUntil,
                    printable(username),
                    client);
            return new Attempt(account, client, pausedUntil, null, false);
        }
        Counter accountAfter = failed(forAccount, now, limits.account());
        Counter clientAfter = failed(forClient, now, limits.client());
        counters.save(Scope.ACCOUNT, account, accountAfter);
        counters.save(Scope.CLIENT, client, clientAfter);
        return new Attempt(
                account,
                client,
                null,
                latest(accountAfter.pausedUntil(), clientAfter.pausedUntil()),
                clientAfter.pausedUntil() != null);
    }

    /** The password was wrong or the user unknown: already counted; returns the pause this failure started, if any. */
    public @Nullable Instant failed(Attempt attempt, String username) {
        if (attempt.pausedIfItFails() == null) {
            log.info("Sign-in failed: user name '{}', client {}", printable(username), attempt.client());
        } else {
            log.warn(
                    "Sign-in failed, now paused until {}: user name '{}', client {}",
                    attempt.pausedIfItFails(),
                    printable(username),
                    attempt.client());
        }
        return attempt.pausedIfItFails();
    }

    /** Clears the account's failures; the client's earlier failures stay. */
    @Transactional
    public void succeeded(Attempt attempt) {
        counters.forget(Scope.ACCOUNT, attempt.account());
        // signing in to an account of one's own must not buy a client more guesses at other accounts
        counters.refund(Scope.CLIENT, attempt.client(), attempt.pausesClient());
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @Transactional
    public void forgetExpired() {
        int forgotten = counters.forgetExpired(counters.now());
        if (forgotten > 0) {
            log.debug("Forgot the failed sign-ins of {} accounts and clients", forgotten);
        }
    }

    private static Counter fresh(Counter counter, Instant now) {
        return counter.resetAt().isAfter(now) ? counter : new Counter(0, null, now);
    }

    private static Counter failed(Counter counter, Instant now, SignInThrottleProperties.Limit limit) {
        int failures = counter.failures() + 1;
        var pause = limit.pauseAfter(failures);
        Instant pausedUntil = pause == null ? null : now.plus(pause);
        return new Counter(failures, pausedUntil, (pausedUntil == null ? now : pausedUntil).plus(limit.window()));
    }

    private static @Nullable Instant pausedAt(Counter counter, Instant now) {
        return counter.pausedUntil() != null && counter.pausedUntil().isAfter(now) ? counter.pausedUntil() : null;
    }

    private static @Nullable Instant latest(@Nullable Instant one, @Nullable Instant other) {
        if (one == null || other == null) {
            return one == null ? other : one;
        }
        return one.isAfter(other) ? one : other;
    }

    /**
     * The client a remote address stands for: an IPv4 address itself, an IPv6 address its /64 network, since one
     * host is usually given a whole /64 and could otherwise hop addresses to start afresh.
     */
    static String client(String address) {
        if (IPV6_LITERAL.matcher(address).matches()) {
            try {
                // the pattern lets only literals through: parsed, never looked up in DNS
                byte[] bytes = InetAddress.getByName(address).getAddress();
                if (bytes.length == 16) {
                    Arrays.fill(bytes, 8, 16, (byte) 0);
                    return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
                }
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException notAnAddress) {
                return truncated(address);
            }
        }
        return truncated(address);
    }

    private static String truncated(String subject) {
        return subject.length() <= LONGEST_SUBJECT ? subject : subject.substring(0, LONGEST_SUBJECT);
    }

    /** A user name as typed, fit for one log line: no line breaks or other control characters, not too long. */
    private static String printable(String username) {
        String line = username.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 100 ? line : line.substring(0, 100) + "…";
    }
}
