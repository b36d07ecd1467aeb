package io.patchbay.support;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Points the static security context at the running hub's strategy before each test. Vaadin replaces the static
 * strategy with its own each time a hub starts, while a hub's method security keeps reading the one it started with:
 * after a test class that starts a hub of its own (OIDC on, say), a user set by {@link Actors} in the shared hub would
 * be invisible to it.
 */
public class HubSecurityContext implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        testContext
                .getApplicationContext()
                .getBeanProvider(SecurityContextHolderStrategy.class)
                .ifUnique(SecurityContextHolder::setContextHolderStrategy);
    }
}
