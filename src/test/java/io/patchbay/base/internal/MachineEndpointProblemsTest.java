package io.patchbay.base.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.base.RefusedException;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.InvalidSetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;

class MachineEndpointProblemsTest {

    @ParameterizedTest
    @CsvSource({"AUTH,401", "CONFIG,422", "RATE_LIMIT,429", "TRANSIENT,503", "DATA,400", "INTERNAL,500"})
    void aConnectorErrorAnswersWithItsClassStatusWordsAndFix(ErrorClass errorClass, int status) {
        ProblemDetail problem = MachineEndpointProblems.problemFor(
                new ConnectorException(errorClass, "What happened.", "What to do."), "req-0123456789ab");

        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getTitle()).isEqualTo(errorClass.label());
        assertThat(problem.getDetail()).isEqualTo("What happened.");
        assertThat(problem.getProperties())
                .containsEntry("errorClass", errorClass.name())
                .containsEntry("fix", "What to do.")
                .containsEntry("reference", "req-0123456789ab");
    }

    @Test
    void invalidInputNamesItsField() {
        ProblemDetail problem = MachineEndpointProblems.problemFor(
                new InvalidSetupException("schedule", "Sync at most every 15 minutes."), "req-0123456789ab");

        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getDetail()).isEqualTo("Sync at most every 15 minutes.");
        assertThat(problem.getProperties()).containsEntry("field", "schedule").doesNotContainKey("errorClass");
    }

    @Test
    void aRefusalForTheStateThingsAreInIsAConflict() {
        ProblemDetail problem = MachineEndpointProblems.problemFor(
                new RefusedException("Only a failed run can be retried."), "req-0123456789ab");

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("Only a failed run can be retried.");
    }

    @Test
    void aRefusedPermissionSaysSoWithoutItsInternalMessage() {
        ProblemDetail problem = MachineEndpointProblems.problemFor(
                new AccessDeniedException("method security said no"), "req-0123456789ab");

        assertThat(problem.getStatus()).isEqualTo(403);
        assertThat(problem.getDetail()).doesNotContain("method security");
    }

    @Test
    void anythingElseIsA500ThatNamesTheReferenceAndNothingOfTheError() {
        ProblemDetail problem = MachineEndpointProblems.problemFor(
                new IllegalStateException("password=hunter2 at jdbc:postgresql://db"), "req-0123456789ab");

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).contains("req-0123456789ab").doesNotContain("hunter2", "jdbc");
        assertThat(problem.getProperties()).containsEntry("reference", "req-0123456789ab");
    }
}
