package io.patchbay.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole hub on a real (embedded) PostgreSQL, listening on a free port, with the demo data and the sandbox
 * systems. Test classes share one running hub; each works in a tenant of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = TestHubInitializer.class)
@ActiveProfiles({"demo", "test"})
public @interface IntegrationTest {}
