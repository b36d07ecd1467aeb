package io.patchbay.sandbox.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With the sandbox on and no mail server configured ({@code spring.mail.host}), the hub sends its mail to the Sandbox
 * Mailbox, so alert emails work out of the box and can be read on the Sandbox systems page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
class SandboxMailConfiguration {

    @Bean
    @ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
    JavaMailSender sandboxMailSender(SandboxMailServer server) {
        var sender = new JavaMailSenderImpl();
        sender.setHost(server.host());
        sender.setPort(server.port());
        sender.setDefaultEncoding("UTF-8");
        var properties = sender.getJavaMailProperties();
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        return sender;
    }
}
