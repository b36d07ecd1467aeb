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
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.StringUtils;

/** The sign-in page: user name and password, and "Sign in with SSO" when an OIDC provider is configured. */
@Route(value = LoginView.PATH, autoLayout = false)
@PageTitle("Sign in · Patchbay")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    public static final String PATH = "login";

    private final LoginForm form = new LoginForm();

    LoginView(
            @Value("${patchbay.auth.oidc.issuer-uri:}") String oidcIssuer,
            @Value("${patchbay.auth.oidc.display-name:SSO}") String oidcName,
            @Value("${patchbay.demo.seed:false}") boolean demo) {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentModeCenter();

        var i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getErrorMessage().setTitle("Sign-in failed");
        i18n.getErrorMessage().setMessage("Check your user name and password and try again.");
        form.setI18n(i18n);
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
                    + "admin (customer admin), support (support agent), engineer (solutions engineer)."));
            hint.addClassName("demo-hint");
            add(hint);
        }
    }

    private void setJustifyContentModeCenter() {
        setJustifyContentMode(JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            form.setError(true);
        }
    }
}
