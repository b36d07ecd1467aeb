package io.patchbay.security.internal;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.stereotype.Component;

/**
 * The Content-Security-Policy of every page the hub serves, as strict as Vaadin Flow lets it be, in development and
 * production mode alike. Scripts come from the hub itself, or are the inline ones of Vaadin's page, which are let in
 * by a nonce made for each response (this class writes it onto them and into the header), never by
 * {@code 'unsafe-inline'}. Two allowances remain because Flow needs them:
 *
 * <ul>
 *   <li>{@code 'unsafe-eval'} for scripts: Flow's client runs what the server sends ({@code executeJs}, loading views'
 *       modules on demand) with {@code new Function(...)}.
 *   <li>{@code 'unsafe-inline'} for styles: Vaadin's components and theme set {@code style} attributes and add style
 *       elements at run time, which no nonce can cover.
 * </ul>
 *
 * {@code data:} images and fonts are Lumo's icons; {@code connect-src 'self'} covers the UI's requests and its push
 * web socket. Nothing may frame the hub, and forms may only post to it.
 *
 * @see <a href="../../../../../../../docs/adr/0009-sign-in-hardening.md">ADR 9</a>
 */
@Component
class ContentSecurityPolicy implements HeaderWriter, VaadinServiceInitListener {

    private static final String HEADER = "Content-Security-Policy";
    private static final String NONCE = ContentSecurityPolicy.class.getName() + ".nonce";
    private static final SecureRandom random = new SecureRandom();

    static String policy(String nonce) {
        return String.join(
                "; ",
                "default-src 'self'",
                "script-src 'self' 'nonce-" + nonce + "' 'unsafe-eval'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HEADER, policy(nonce(request)));
    }

    /** Vaadin's page: every script on it carries this response's nonce. */
    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(page -> {
            if (page.getVaadinRequest() instanceof HttpServletRequest request) {
                page.getDocument().getElementsByTag("script").attr("nonce", nonce(request));
            }
        });
    }

    /**
     * The nonce of this request, made by whichever asks first: Vaadin writing its page, or Spring Security writing
     * the headers (which it does just before the response is committed, so after the page has been written).
     */
    private static String nonce(HttpServletRequest request) {
        if (request.getAttribute(NONCE) instanceof String nonce) {
            return nonce;
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE, nonce);
        return nonce;
    }
}
