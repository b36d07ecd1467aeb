package io.patchbay.catalog;

/** Someone saved the template's draft since it was opened: nothing was written; reload and make the change again. */
public class StaleTemplateException extends RuntimeException {

    public StaleTemplateException() {
        super("Someone else saved this template since you opened it, so your change was not saved. Reload to see it as "
                + "it is now, then make your change again.");
    }
}
