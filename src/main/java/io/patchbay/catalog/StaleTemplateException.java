package io.patchbay.catalog;

import io.patchbay.base.ExplainedError;

/** Someone saved the template's draft since it was opened: nothing was written; reload and make the change again. */
public class StaleTemplateException extends RuntimeException implements ExplainedError {

    public StaleTemplateException() {
        super("Someone else saved this template since you opened it, so your change was not saved. Reload to see it as "
                + "it is now, then make your change again.");
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
