package io.patchbay.security;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused without looking at the password because there were too many failed sign-ins for the user name
 * or from the client; the login page says so and when to try again. Unknown user names are paused in the same way,
 * so the refusal tells nothing about whether an account exists.
 */
public class SignInPausedException extends AuthenticationException {

    private final Instant until;

    public SignInPausedException(Instant until) {
        super("Signing in is paused until " + until);
        this.until = until;
    }

    /** When the pause ends and the next attempt will be looked at again. */
    public Instant until() {
        return until;
    }
}
