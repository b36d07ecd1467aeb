package io.patchbay.connection.ui;

import io.patchbay.connection.Connection;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.connection.SetupStep;

/** What a step of the guided setup asks of the wizard that sequences the steps. */
interface SetupFlow {

    /** The draft as last saved. */
    Connection draft();

    /** The step saved the draft: later steps and saves start from this version. */
    void saved(Connection draft);

    /** Shows a step the draft has reached. */
    void show(SetupStep step);

    /** Records that the draft got as far as {@code step}, and shows it. */
    void advance(SetupStep step);

    /** A refusal none of the step's own fields can show (guardrails, a stale edit): the wizard says it. */
    void refused(InvalidSetupException refusal);
}
