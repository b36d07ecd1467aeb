package io.patchbay.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

/**
 * The whole hub on a real (embedded) PostgreSQL, listening on a free port, with the demo data and the sandbox
 * systems. Test classes share one running hub; each works in a tenant of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = TestHubInitializer.class)
@ActiveProfiles({"demo", "test"})
@TestExecutionListeners(listeners = HubSecurityContext.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
public @interface IntegrationTest {}
