package io.patchbay.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.base.RefusedException;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

class ViewErrorsTest {

    @Test
    void aConnectorErrorIsShownWithItsClassAndFixEvenWhenWrapped() {
        var wrapped = new RuntimeException(
                "listener failed",
                new ConnectorException(ErrorClass.AUTH, "The API key was rejected.", "Paste the current key."));

        assertThat(ViewErrors.shown(wrapped, "req-0123456789ab"))
                .isEqualTo(new ViewErrors.Shown(
                        "Authentication", "The API key was rejected.", "Paste the current key.", true));
    }

    @Test
    void aRefusalIsShownInItsOwnWords() {
        assertThat(ViewErrors.shown(new RefusedException("Only a failed run can be retried."), null))
                .isEqualTo(new ViewErrors.Shown("Not done", "Only a failed run can be retried.", null, true));
    }

    @Test
    void aRefusedPermissionDoesNotShowTheInternalMessage() {
        var shown = ViewErrors.shown(new AccessDeniedException("method security said no"), null);

        assertThat(shown.title()).isEqualTo("Not allowed");
        assertThat(shown.explained()).isTrue();
        assertThat(shown.text() + shown.fix()).doesNotContain("method security");
    }

    @Test
    void anythingElseGivesTheReferenceForSupportAndNothingOfTheError() {
        var shown = ViewErrors.shown(new NullPointerException("secret=abc"), "req-0123456789ab");

        assertThat(shown.title()).isEqualTo("Could not finish this");
        assertThat(shown.explained()).isFalse();
        assertThat(shown.text() + shown.fix()).contains("req-0123456789ab").doesNotContain("secret");
    }
}
