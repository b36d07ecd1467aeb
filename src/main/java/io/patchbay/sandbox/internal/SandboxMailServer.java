package io.patchbay.sandbox.internal;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The Sandbox Mailbox's SMTP server (GreenMail), on loopback at a port the system picks: it takes every message and
 * keeps the newest in memory, as a mail catcher does. Started when the hub starts, so the mail sender can be pointed
 * at its port.
 */
@Component
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxMailServer implements DisposableBean {

    /** Messages kept; past this the mailbox is emptied, as a demo server should not grow without end. */
    static final int KEPT = 2000;

    private final GreenMail server;

    SandboxMailServer() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** Every message held, oldest first. */
    public List<MimeMessage> received() {
        MimeMessage[] all = server.getReceivedMessages();
        if (all.length > KEPT) {
            try {
                server.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                throw new IllegalStateException("The sandbox mailbox could not be emptied", e);
            }
        }
        return List.of(all);
    }

    @Override
    public void destroy() {
        server.stop();
    }
}
