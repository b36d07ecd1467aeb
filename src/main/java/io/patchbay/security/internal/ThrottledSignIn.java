package io.patchbay.security.internal;

import io.patchbay.security.SignInPausedException;
import java.time.Instant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The login form's check of user name and password, asked only while {@link SignInThrottle} lets the attempt through.
 * It is the hub's only provider for user names and passwords: were there another, an attempt refused here would be
 * passed on to it and the right password would get in while paused.
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String username = attempt.getName();
        SignInThrottle.Attempt counted = throttle.begin(username, client(attempt));
        if (counted.refusedUntil() != null) {
            throw new SignInPausedException(counted.refusedUntil());
        }
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(attempt);
        } catch (AuthenticationException failure) {
            Instant paused = throttle.failed(counted, username);
            if (paused != null) {
                throw new SignInPausedException(paused);
            }
            throw failure;
        }
        throttle.succeeded(counted);
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The remote address the login form came from; behind a trusted proxy, the one it forwarded for. */
    private static String client(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress()
                : "unknown";
    }
}
