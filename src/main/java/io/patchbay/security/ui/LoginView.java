package io.patchbay.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.patchbay.base.Plurals;
import io.patchbay.security.SignInPausedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.WebAttributes;
import org.springframework.util.StringUtils;

/**
 * The sign-in page: user name and password, and "Sign in with SSO" when an OIDC provider is configured. After too
 * many failed sign-ins it says that signing in is paused and for how long.
 */
@Route(value = LoginView.PATH, autoLayout = false)
@PageTitle("Sign in · Patchbay")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    public static final String PATH = "login";

    /** The query parameter the hub sends a paused sign-in back with. */
    public static final String PAUSED = "paused";

    private final LoginForm form = new LoginForm();

    LoginView(
            @Value("${patchbay.auth.oidc.issuer-uri:}") String oidcIssuer,
            @Value("${patchbay.auth.oidc.display-name:SSO}") String oidcName,
            @Value("${patchbay.demo.seed:false}") boolean demo) {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentModeCenter();

        form.setI18n(i18n("Sign-in failed", "Check your user name and password and try again."));
        form.setAction(PATH);
        form.setForgotPasswordButtonVisible(false);

        add(new H1("Patchbay"), new Paragraph("Your integrations hub"), form);
        if (StringUtils.hasText(oidcIssuer)) {
            var sso = new Anchor("oauth2/authorization/sso", "Sign in with " + oidcName);
            sso.setRouterIgnore(true);
            sso.addClassName("sso-button");
            add(sso);
        }
        if (demo) {
            var hint = new Div(new Paragraph("Demo logins (password patchbay-demo): "
                    + "admin (Acme's customer admin), globex-admin (Globex's), and the staff support (support agent) "
                    + "and engineer (solutions engineer), who choose the tenant they work in."));
            hint.addClassName("demo-hint");
            add(hint);
        }
    }

    private void setJustifyContentModeCenter() {
        setJustifyContentMode(JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        Optional<Instant> pausedUntil = parameters.containsKey(PAUSED) ? pausedUntil() : Optional.empty();
        if (pausedUntil.isPresent()) {
            // the same words whether or not the user name exists, and whether the account or the client is paused
            form.setI18n(i18n(
                    "Signing in is paused",
                    "Too many failed sign-ins for this user name or from your network. Try again in "
                            + minutes(Duration.between(Instant.now(), pausedUntil.get())) + "."));
            form.setError(true);
        } else if (parameters.containsKey("error")) {
            form.setError(true);
        }
    }

    /** The pause the last sign-in in this browser session ran into, while it lasts. */
    private static Optional<Instant> pausedUntil() {
        var session = VaadinSession.getCurrent();
        Object refusal =
                session == null ? null : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        return refusal instanceof SignInPausedException paused && paused.until().isAfter(Instant.now())
                ? Optional.of(paused.until())
                : Optional.empty();
    }

    private static String minutes(Duration left) {
        long minutes = Math.max(1, (left.getSeconds() + 59) / 60);
        return Plurals.count(minutes, "minute", "minutes");
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        var i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }
}
